/**
 * Home: open anything the studio reads (ONNX models, sessions, trtexec / Nsight Systems / ONNX
 * Runtime / Kineto files), by the Open button or by dropping files anywhere on the window; try the
 * studio's own sample model; reopen a recent session. Files opened together become one session (a
 * trtexec run's files become one engine). What each file turned out to be is listed under "Last opened".
 */
import { useRef } from 'react';
import { useCapabilities } from '../../api/capabilities';
import { client } from '../../api/client';
import { showOpened } from '../../shell/first-view';
import { useSessionStore } from '../../store/session-store';
import { OpenedFiles } from './OpenedFiles';
import { RecentSessions } from './RecentSessions';
import './home.css';

const ACCEPTED =
  'ONNX models (.onnx), studio sessions, trtexec exports (--exportLayerInfo, --exportProfile, --exportTimes, ' +
  'console logs, metadata), Nsight Systems SQLite exports, ONNX Runtime profiles, Chrome / Kineto traces';

function SampleModel() {
  const sample = useCapabilities()?.sampleModel;
  const openPaths = useSessionStore((state) => state.openPaths);
  if (!sample) return null;
  return (
    <div className="home-card sample">
      <h3>New here?</h3>
      <p>
        Try the studio on its own small CNN ({sample.name}): see its per-node cost, then profile FP32 and INT8
        from the Run view.
      </p>
      <button type="button" onClick={() => void openPaths([sample.path], sample.name).then(showOpened)}>
        Try the sample model
      </button>
    </div>
  );
}

export function HomeView() {
  const input = useRef<HTMLInputElement>(null);
  const openFiles = useSessionStore((state) => state.openFiles);
  const openPaths = useSessionStore((state) => state.openPaths);

  const open = async () => {
    const choose = client().chooseFiles;
    if (choose) {
      const paths = await choose({ title: 'Open' });
      if (paths.length > 0)
        showOpened(await openPaths(paths, paths.length === 1 ? paths[0]! : `${paths.length} files`));
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
            void openFiles(chosen).then(showOpened);
          }}
        />
        <p className="note">Accepted: {ACCEPTED}.</p>
        <p className="note">
          Files dropped together become one session: a trtexec run's files become one engine.
        </p>
      </div>
      <div className="home-cards">
        <RecentSessions />
        <SampleModel />
      </div>
      <OpenedFiles />
    </section>
  );
}
