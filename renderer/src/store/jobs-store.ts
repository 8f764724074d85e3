/**
 * The jobs slice: every job of this window or server, kept current from the contract's job events
 * (a page that reconnects gets the server's whole list again). For each running job it also keeps
 * when, by this page's clock, the job started (from the server's elapsed time on each event), so the
 * time left can be counted down between events even when the server's clock differs.
 */
import { create } from 'zustand';
import type { JobEvent, JobRecord } from '../../../electron/core/api/operations';
import type { Job } from '../../../electron/core/api/jobs';
import { client } from '../api/client';

/** What the page does with a job's result once it succeeds (job-followups.ts carries it out). */
export type Followup = 'open-session' | 'replace-model';

interface JobsState {
  jobs: Record<string, JobRecord>;
  /** Job ids in the order they started. */
  order: string[];
  /** Page-clock start time (ms) of each job, for the elapsed time of running ones. */
  startedLocally: Record<string, number>;
  followups: Record<string, Followup>;
  start(job: Job, followup?: Followup): Promise<string>;
  cancel(jobId: string): Promise<void>;
  apply(event: JobEvent): void;
  /** Forgets the follow-up of a job (done, or no longer wanted). */
  settle(jobId: string): void;
}

export const useJobsStore = create<JobsState>()((set) => ({
  jobs: {},
  order: [],
  startedLocally: {},
  followups: {},
  async start(job, followup) {
    const { jobId } = await client().call('startJob', { job });
    if (followup) set((state) => ({ followups: { ...state.followups, [jobId]: followup } }));
    return jobId;
  },
  async cancel(jobId) {
    await client().call('cancelJob', { jobId });
  },
  apply(event) {
    set((state) => {
      if (event.type === 'progress') {
        const record = state.jobs[event.progress.jobId];
        if (!record) return state;
        const updated = { ...record, progress: [...record.progress, event.progress] };
        const startedLocally =
          event.progress.elapsedMs !== undefined
            ? { ...state.startedLocally, [record.jobId]: Date.now() - event.progress.elapsedMs }
            : state.startedLocally;
        return { jobs: { ...state.jobs, [record.jobId]: updated }, startedLocally };
      }
      const record = event.record;
      const order = state.order.includes(record.jobId) ? state.order : [...state.order, record.jobId];
      const startedLocally = state.startedLocally[record.jobId]
        ? state.startedLocally
        : { ...state.startedLocally, [record.jobId]: Date.now() - (record.progress.at(-1)?.elapsedMs ?? 0) };
      return { jobs: { ...state.jobs, [record.jobId]: record }, order, startedLocally };
    });
  },
  settle(jobId) {
    set((state) => {
      const { [jobId]: _done, ...followups } = state.followups;
      return { followups };
    });
  },
}));

/** How long a job has run, by this page's clock. */
export function elapsedOf(jobId: string, now: number): number {
  const started = useJobsStore.getState().startedLocally[jobId];
  return started === undefined ? 0 : Math.max(0, now - started);
}

/** Starts listening to job events once (renderer entry). */
export function listenToJobs(): () => void {
  return client().onJobEvent((event) => useJobsStore.getState().apply(event));
}
