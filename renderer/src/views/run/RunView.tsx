/**
 * The Run view: profile the session's model (FP32, FP16, INT8 on a backend this machine has), with
 * the settings on the left and the latest run's stages on the right. The settings are kept in the
 * session the run makes, so "Use this session's run settings" repeats it.
 */
import { useSessionStore } from '../../store/session-store';
import { useJobsStore } from '../../store/jobs-store';
import { RunForm } from './RunForm';
import { RunProgress } from './RunProgress';
import './run.css';

export function RunView() {
  const session = useSessionStore((state) => state.session);
  const jobs = useJobsStore((state) => state.jobs);
  const order = useJobsStore((state) => state.order);
  const runs = order.map((id) => jobs[id]!).filter((record) => record?.job.kind === 'profile');
  const latest = runs.at(-1);
  const model = session?.model;
  if (!session || !model) return <p className="hint">Open an ONNX model first.</p>;
  return (
    <div className="run-view">
      <div className="run-settings">
        <h2>Profile {model.source.path.split(/[\\/]/).at(-1)}</h2>
        <RunForm
          key={model.source.sha256}
          session={session}
          model={model}
          busy={latest?.state === 'running'}
        />
      </div>
      <div className="run-side">
        {latest ? (
          <RunProgress record={latest} />
        ) : (
          <section className="run-progress empty" aria-label="Run progress">
            <h3>No run yet</h3>
            <p className="note">
              Start a run to see its stages here: each precision made, loaded and profiled in turn, then
              accuracy against FP32. The finished run's session opens by itself; a run that stops keeps what
              finished in a partial session.
            </p>
          </section>
        )}
      </div>
    </div>
  );
}
