/** The settings the session's run was started with (kept so it can be repeated from the Run view). */
import type { RunSettings } from '../../../../electron/core/model/types';
import { hrefOf } from '../../shell/hash-route';

const LABELS: Record<string, string> = {
  precisions: 'precisions',
  backend: 'backend',
  iterations: 'iterations',
  durationSeconds: 'seconds per variant',
  warmupIterations: 'warm-up',
  threads: 'threads',
  batchSize: 'batch',
  shapes: 'shapes',
  calibration: 'calibration data',
  calibrationMethod: 'calibration method',
  calibrationLimit: 'calibration samples at most',
  evaluation: 'evaluation data',
  evaluationLimit: 'evaluation samples at most',
  postprocess: 'post-processing',
  int8Target: 'INT8 target',
  int8KeepSensitive: 'sensitive layers kept in float',
};

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([key, item]) => `${key}: ${Array.isArray(item) ? item.join('x') : String(item)}`)
      .join('; ');
  return String(value);
}

export function RunSettingsSection({ run }: { run: RunSettings }) {
  const entries = Object.entries(run.job).filter(([key]) => key in LABELS);
  return (
    <section className="session-section" aria-label="Run settings">
      <h3>The run that made this session</h3>
      <dl className="settings-list">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{LABELS[key]}</dt>
            <dd>{valueText(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="note">
        {run.outcome ? 'Started' : 'Ran from'} {new Date(run.startedAt).toLocaleString()}
        {run.outcome ? ', stopped at ' : ' to '}
        {new Date(run.finishedAt).toLocaleTimeString()}. <a href={hrefOf('run')}>Repeat it in the Run view</a>{' '}
        (the form starts from these settings).
      </p>
    </section>
  );
}
