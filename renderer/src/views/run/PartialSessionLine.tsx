/**
 * Under a run that stopped (failed, cancelled, worker killed) after some variants were profiled: what
 * its partial session keeps, and a button that opens it in the Session view, as a finished run's
 * session opens.
 */
import type { ErrorMessage } from '../../../../electron/core/api/worker-protocol';
import { variantLabel } from '../../../../electron/core/model/stage-label';
import { navigate } from '../../shell/hash-route';
import { fileName, useSessionStore } from '../../store/session-store';

type PartialSession = NonNullable<ErrorMessage['partialSession']>;

export function PartialSessionLine({ partial }: { partial: PartialSession }) {
  const open = async () => {
    const opened = await useSessionStore.getState().openSessionFile(partial.path, fileName(partial.path));
    if (opened) navigate('session');
  };
  return (
    <div className="partial-session" data-testid="run-partial-session">
      <p>
        The session keeps what finished: {partial.variants.map(variantLabel).join(', ')}
        <span className="partial-path">{fileName(partial.path)}</span>
      </p>
      <button type="button" onClick={() => void open()}>
        Open the partial session
      </button>
    </div>
  );
}
