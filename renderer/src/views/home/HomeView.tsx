/**
 * Home: open anything the studio reads (ONNX models, sessions, trtexec / Nsight Systems / ONNX
 * Runtime / Kineto files), by the Open button or by dropping files anywhere on the window. Files
 * opened together become one session (a trtexec run's files become one engine).
 */
import { useRef } from 'react';
import { client } from '../../api/client';
import { navigate } from '../../shell/hash-route';
import { useSessionStore } from '../../store/session-store';

const ACCEPTED =
  'ONNX models (.onnx), studio sessions, trtexec exports (--exportLayerInfo, --exportProfile, --exportTimes, ' +
  'console logs, metadata), Nsight Systems SQLite exports, ONNX Runtime profiles, Chrome / Kineto traces';

/** Where a freshly opened session is best looked at first. */
function firstViewFor(hasModel: boolean): string {
  return hasModel ? 'model' : 'home';
}

export function HomeView() {
  const input = useRef<HTMLInputElement>(null);
  const openFiles = useSessionStore((state) => state.openFiles);
  const openPaths = useSessionStore((state) => state.openPaths);
  const files = useSessionStore((state) => state.files);

  const afterOpen = (ok: boolean) => {
    if (ok) navigate(firstViewFor(Boolean(useSessionStore.getState().session?.model)));
  };

  const open = async () => {
    const choose = client().chooseFiles;
    if (choose) {
      const paths = await choose({ title: 'Open' });
      if (paths.length > 0)
        afterOpen(await openPaths(paths, paths.length === 1 ? paths[0]! : `${paths.length} files`));
    } else {
      input.current?.click();
    }
  };

  return (
    <section className="home" aria-label="Home">
      <div className="home-drop">
        <h2>Open a model or results</h2>
        <p>Drop files anywhere on this window, or</p>
        <button type="button" className="primary" onClick={() => void open()}>
          Open files...
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          onChange={(event) => {
            const chosen = [...(event.target.files ?? [])];
            event.target.value = '';
            void openFiles(chosen).then(afterOpen);
          }}
        />
        <p className="note">Accepted: {ACCEPTED}.</p>
      </div>
      {files.length > 0 && (
        <section aria-label="Opened files">
          <h3>Last opened</h3>
          <ul className="opened-files">
            {files.map((file) => (
              <li key={file.path}>
                <span className={file.accepted ? 'kind' : 'kind refused'}>{file.kind}</span>{' '}
                {file.description}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
