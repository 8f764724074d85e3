/**
 * JobManager: the jobs of one server or one desktop window. Each job runs in a worker process (the
 * starter decides how: child_process.fork for the CLI and `serve`, Electron's utilityProcess in the
 * desktop app); the manager keeps a record per job (progress so far, result or error), so a client
 * that reconnects sees its running jobs and their results, and it pushes every change as a JobEvent.
 * A worker that crashes ends its job as `crashed`; the manager and every other job go on.
 */
import type { Job, JobResult } from '../api/jobs';
import type { JobEvent, JobRecord } from '../api/operations';
import type { ErrorMessage, ProgressMessage } from '../api/worker-protocol';
import { startJob, type RunningJob, type StartOptions, type WorkerSpawner } from './job-runner';

export type JobStarter = (job: Job, options: StartOptions) => RunningJob;

/** Jobs started with a given way of making worker processes (Electron's utilityProcess, say). */
export function starterWith(spawn: WorkerSpawner): JobStarter {
  return (job, options) => startJob(job, { ...options, spawn });
}

/** Finished jobs kept for clients that reconnect; older ones are forgotten first. */
const FINISHED_KEPT = 200;
/** Progress events kept per job record (a client that reconnects gets the latest ones). */
const PROGRESS_KEPT = 500;

export class JobManager {
  private readonly records = new Map<string, JobRecord>();
  private readonly running = new Map<string, RunningJob>();
  private readonly listeners = new Set<(event: JobEvent) => void>();

  constructor(private readonly starter: JobStarter = startJob) {}

  /** Calls `listener` on every job event; returns the function that stops listening. */
  onEvent(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(job: Job): string {
    const running = this.starter(job, { onProgress: (progress) => this.progressed(progress) });
    const record: JobRecord = {
      jobId: running.jobId,
      job,
      state: 'running',
      startedAt: new Date().toISOString(),
      progress: [],
    };
    this.records.set(running.jobId, record);
    this.running.set(running.jobId, running);
    this.emit({ type: 'started', record });
    void running.outcome.then((outcome) => {
      this.running.delete(running.jobId);
      record.finishedAt = new Date().toISOString();
      if (outcome.ok) {
        // Already checked against the job result schema by the job runner's protocol parse.
        this.finish(record, 'succeeded', { result: outcome.result });
      } else {
        this.finish(record, stateOf(outcome.error), { error: outcome.error });
      }
    });
    return running.jobId;
  }

  cancel(jobId: string): boolean {
    const running = this.running.get(jobId);
    if (!running) return false;
    running.cancel();
    return true;
  }

  list(): JobRecord[] {
    return [...this.records.values()];
  }

  get(jobId: string): JobRecord | undefined {
    return this.records.get(jobId);
  }

  /** The worker's process id of a running job (tests kill it to check crash handling). */
  pidOf(jobId: string): number | undefined {
    return this.running.get(jobId)?.pid;
  }

  /** Cancels every running job (server shutdown, window closed). */
  cancelAll(): void {
    for (const running of this.running.values()) running.cancel();
  }

  private progressed(message: ProgressMessage): void {
    const record = this.records.get(message.jobId);
    const progress = record
      ? { ...message, elapsedMs: Math.max(0, Date.now() - Date.parse(record.startedAt)) }
      : message;
    if (record) {
      record.progress.push(progress);
      if (record.progress.length > PROGRESS_KEPT)
        record.progress.splice(0, record.progress.length - PROGRESS_KEPT);
    }
    this.emit({ type: 'progress', progress });
  }

  private finish(
    record: JobRecord,
    state: JobRecord['state'],
    ending: { result?: JobResult; error?: ErrorMessage },
  ): void {
    record.state = state;
    if (ending.result) record.result = ending.result;
    if (ending.error) record.error = ending.error;
    this.emit({ type: 'finished', record });
    this.forgetOldest();
  }

  private forgetOldest(): void {
    const finished = [...this.records.values()].filter((record) => record.state !== 'running');
    for (const record of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) {
      this.records.delete(record.jobId);
    }
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function stateOf(error: ErrorMessage): JobRecord['state'] {
  if (error.kind === 'cancelled') return 'cancelled';
  if (error.kind === 'crashed') return 'crashed';
  return 'failed';
}
