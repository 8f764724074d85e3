/**
 * The running and recent jobs, in the header: what each is, the stage it is at, how far, the time
 * left, and Cancel for a running one. A click on a run opens the Run view, where its stages are.
 */
import { jobProgress } from '../../../electron/core/api/job-progress';
import { formatDuration } from '../../../electron/core/model/units';
import { useNow } from '../components/use-now';
import { elapsedOf, useJobsStore } from '../store/jobs-store';
import { navigate } from './hash-route';

const SHOWN = 2;
const KIND_LABELS: Record<string, string> = {
  profile: 'run',
  inspect: 'measure shapes',
  accuracy: 'accuracy',
  'self-test': 'self-test',
};

export function JobsArea() {
  const jobs = useJobsStore((state) => state.jobs);
  const order = useJobsStore((state) => state.order);
  const cancel = useJobsStore((state) => state.cancel);
  const recent = order
    .slice(-SHOWN)
    .map((id) => jobs[id]!)
    .filter(Boolean);
  const now = useNow(recent.some((record) => record.state === 'running'));
  if (recent.length === 0) return null;
  return (
    <div className="jobs-area" aria-label="Jobs" role="status">
      {recent.map((record) => {
        const view = jobProgress(record, elapsedOf(record.jobId, now));
        const running = view.stages.find((stage) => stage.state === 'running');
        const percent = view.fraction !== null ? ` ${Math.round(view.fraction * 100)}%` : '';
        const left = view.timeLeftMs !== null ? `, ~${formatDuration(view.timeLeftMs)} left` : '';
        const what =
          record.state === 'running' ? `${running?.stage ?? 'starting'}${percent}${left}` : record.state;
        return (
          <span key={record.jobId} className={`job-chip ${record.state}`} data-testid="job-chip">
            <button
              type="button"
              className="job-open"
              title={record.error?.message ?? running?.message ?? 'Show in the Run view'}
              onClick={() => navigate('run')}
            >
              <strong>{KIND_LABELS[record.job.kind] ?? record.job.kind}</strong> {what}
            </button>
            {record.state === 'running' && (
              <button
                type="button"
                className="job-cancel"
                aria-label={`Cancel the ${KIND_LABELS[record.job.kind] ?? record.job.kind}`}
                onClick={() => void cancel(record.jobId)}
              >
                Cancel
              </button>
            )}
          </span>
        );
      })}
    </div>
  );
}
