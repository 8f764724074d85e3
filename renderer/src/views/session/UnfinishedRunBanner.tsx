/** At the top of a session whose run did not finish: where it stopped, why, and what the session holds. */
import type { Session } from '../../../../electron/core/model/types';
import { unfinishedRunLine } from '../../../../electron/core/model/run-outcome';
import { hrefOf } from '../../shell/hash-route';

export function UnfinishedRunBanner({ session }: { session: Session }) {
  const line = unfinishedRunLine(session);
  if (!line) return null;
  return (
    <div className="unfinished-run" role="status" data-testid="unfinished-run">
      <p>{line}</p>
      <a href={hrefOf('run')}>Repeat the run in the Run view</a>
    </div>
  );
}
