/**
 * Runs one validated job inside the worker: the dispatch from a job's kind to the core function that
 * does it, and the translation of whatever it throws into an error message of the protocol.
 */
import type { ErrorMessage, Job, JobResult, SelfTestJob } from '../api';
import { CancelledError, throwIfCancelled, type ProgressSink } from '../model/progress';
import { StudioError, describeError } from '../errors';
import { runAccuracyJob } from '../profiling/accuracy-job';
import { runProfileSession } from '../profiling/profile-session';
import { inspectModelByExecution } from '../profiling/inspect-by-execution';

export async function runJob(job: Job, progress: ProgressSink, signal: AbortSignal): Promise<JobResult> {
  switch (job.kind) {
    case 'profile':
      return { kind: 'profile', ...(await runProfileSession(job, progress, signal)) };
    case 'accuracy':
      return { kind: 'accuracy', ...(await runAccuracyJob(job, progress, signal)) };
    case 'inspect': {
      progress({ stage: 'inspect', fraction: null, message: 'measuring shapes by running the model once' });
      const model = await inspectModelByExecution(job.modelPath, { shapes: job.shapes, device: job.device });
      progress({ stage: 'inspect', fraction: 1 });
      return { kind: 'inspect', model };
    }
    case 'self-test':
      return { kind: 'self-test', ...(await runSelfTest(job, progress, signal)) };
  }
}

async function runSelfTest(
  job: SelfTestJob,
  progress: ProgressSink,
  signal: AbortSignal,
): Promise<{ steps: number }> {
  for (let step = 0; step < job.steps; step++) {
    throwIfCancelled(signal);
    if (step === job.failAt) throw new StudioError(undefined, `self-test failed at step ${step} as asked`);
    progress({ stage: 'self-test', fraction: step / job.steps, message: `step ${step}` });
    await new Promise((resolve) => setTimeout(resolve, job.stepMs));
  }
  progress({ stage: 'self-test', fraction: 1, message: 'done' });
  return { steps: job.steps };
}

export function errorMessageFor(jobId: string, error: unknown): ErrorMessage {
  if (error instanceof CancelledError)
    return { type: 'error', jobId, kind: 'cancelled', message: 'cancelled' };
  const message: ErrorMessage = { type: 'error', jobId, kind: 'failed', message: describeError(error) };
  if (error instanceof StudioError && error.file) message.file = error.file;
  return message;
}
