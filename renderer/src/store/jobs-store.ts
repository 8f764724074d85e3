/**
 * The jobs slice: every job of this window or server, kept current from the contract's job events
 * (a page that reconnects gets the server's whole list again).
 */
import { create } from 'zustand';
import type { JobEvent, JobRecord } from '../../../electron/core/api/operations';
import type { Job } from '../../../electron/core/api/jobs';
import { client } from '../api/client';

interface JobsState {
  jobs: Record<string, JobRecord>;
  /** Job ids in the order they started. */
  order: string[];
  start(job: Job): Promise<string>;
  cancel(jobId: string): Promise<void>;
  apply(event: JobEvent): void;
}

export const useJobsStore = create<JobsState>()((set) => ({
  jobs: {},
  order: [],
  async start(job) {
    const { jobId } = await client().call('startJob', { job });
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
        return { jobs: { ...state.jobs, [record.jobId]: updated } };
      }
      const record = event.record;
      const order = state.order.includes(record.jobId) ? state.order : [...state.order, record.jobId];
      return { jobs: { ...state.jobs, [record.jobId]: record }, order };
    });
  },
}));

/** Starts listening to job events once (renderer entry). */
export function listenToJobs(): () => void {
  return client().onJobEvent((event) => useJobsStore.getState().apply(event));
}
