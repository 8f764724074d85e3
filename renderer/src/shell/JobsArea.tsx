/** The running and recent jobs, in the header: stage, progress, and Cancel for a running one. */
import { useJobsStore } from '../store/jobs-store';

const SHOWN = 3;

export function JobsArea() {
  const jobs = useJobsStore((state) => state.jobs);
  const order = useJobsStore((state) => state.order);
  const cancel = useJobsStore((state) => state.cancel);
  const recent = order
    .slice(-SHOWN)
    .map((id) => jobs[id]!)
    .filter(Boolean);
  if (recent.length === 0) return null;
  return (
    <div className="jobs-area" aria-label="Jobs" role="status">
      {recent.map((record) => {
        const last = record.progress.at(-1);
        const percent = last?.fraction != null ? ` ${Math.round(last.fraction * 100)}%` : '';
        const what = record.state === 'running' ? `${last?.stage ?? 'starting'}${percent}` : record.state;
        return (
          <span key={record.jobId} className={`job-chip ${record.state}`} data-testid="job-chip">
            <span className="kind">{record.job.kind}</span>
            <span className="stage" title={record.error?.message ?? last?.message ?? ''}>
              {what}
            </span>
            {record.state === 'running' && (
              <button type="button" onClick={() => void cancel(record.jobId)}>
                Cancel
              </button>
            )}
          </span>
        );
      })}
    </div>
  );
}
