/**
 * A run as it goes: each stage (variants made, then load and profile per precision, then accuracy)
 * done, under way or waiting, with its progress and last message; the time left; Cancel, which
 * stops the worker. A run that fails says at which stage and why (and, when some variants were
 * profiled before, offers the partial session that keeps them); one that succeeds opens its session.
 */
import type { JobRecord } from '../../../../electron/core/api/operations';
import { jobProgress } from '../../../../electron/core/api/job-progress';
import { formatDuration } from '../../../../electron/core/model/units';
import { stageLabel } from '../../../../electron/core/model/stage-label';
import { useNow } from '../../components/use-now';
import { elapsedOf, useJobsStore } from '../../store/jobs-store';
import { fileName } from '../../store/session-store';
import { PartialSessionLine } from './PartialSessionLine';

const STATE_TEXT = {
  done: 'done',
  running: 'under way',
  waiting: 'waiting',
  failed: 'failed',
  cancelled: 'cancelled',
};

function headline(record: JobRecord, left: number | null, elapsed: number): string {
  switch (record.state) {
    case 'running':
      return left !== null
        ? `Running for ${formatDuration(elapsed)}, about ${formatDuration(left)} left`
        : `Running for ${formatDuration(elapsed)}`;
    case 'succeeded':
      return `Finished in ${formatDuration(elapsed)}: its session is open (Session view)`;
    case 'cancelled':
      return `Cancelled after ${formatDuration(elapsed)}: the worker was stopped`;
    case 'crashed':
      return `The worker stopped unexpectedly after ${formatDuration(elapsed)}`;
    default:
      return `Failed after ${formatDuration(elapsed)}`;
  }
}

export function RunProgress({ record }: { record: JobRecord }) {
  const cancel = useJobsStore((state) => state.cancel);
  const now = useNow(record.state === 'running');
  const view = jobProgress(record, elapsedOf(record.jobId, now));
  const failedAt = view.stages.find((stage) => stage.state === 'failed');
  const job = record.job;
  const title =
    job.kind === 'profile'
      ? `${fileName(job.modelPath)}: ${job.precisions.join(' + ').toUpperCase()}`
      : job.kind;
  return (
    <section className={`run-progress ${record.state}`} aria-label="Run progress" data-testid="run-progress">
      <header>
        <h3>{title}</h3>
        <p className="status" data-testid="run-state" data-state={record.state}>
          {headline(record, view.timeLeftMs, view.elapsedMs)}
        </p>
        {view.fraction !== null && (
          <progress max={1} value={view.fraction} aria-label="Share of the run done">
            {Math.round(view.fraction * 100)}%
          </progress>
        )}
        {record.state === 'running' && (
          <button type="button" onClick={() => void cancel(record.jobId)}>
            Cancel the run
          </button>
        )}
      </header>
      {record.error && record.state !== 'cancelled' && (
        <p className="field-error" role="alert" data-testid="run-error">
          {failedAt ? `${stageLabel(failedAt.stage)}: ` : ''}
          {record.error.message}
        </p>
      )}
      {record.error?.partialSession && <PartialSessionLine partial={record.error.partialSession} />}
      <ol className="stages">
        {view.stages.map((stage) => (
          <li
            key={stage.stage}
            className={`stage ${stage.state}`}
            data-stage={stage.stage}
            data-state={stage.state}
          >
            <span className="stage-name">{stageLabel(stage.stage)}</span>
            <span className="stage-state">
              {STATE_TEXT[stage.state]}
              {stage.state === 'running' && stage.fraction !== null
                ? ` ${Math.round(stage.fraction * 100)}%`
                : ''}
            </span>
            {stage.state === 'running' && stage.fraction !== null && (
              <progress className="stage-bar" max={1} value={stage.fraction} aria-hidden="true" />
            )}
            {stage.message && stage.state !== 'waiting' && (
              <span className="stage-message">{stage.message}</span>
            )}
          </li>
        ))}
      </ol>
      {record.result?.kind === 'profile' && record.result.warnings.length > 0 && (
        <details className="run-warnings">
          <summary>{record.result.warnings.length} notes from the run</summary>
          <ul>
            {record.result.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
