/**
 * The caller's side of a job: forks a worker process for it, streams its progress, cancels it, and
 * turns every way it can end into exactly one outcome. A worker that dies (killed, crashed, exited)
 * before answering becomes an error event naming its exit code or signal: the caller never hangs.
 * One worker per job keeps a crash of one job from touching another.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromWorkerSchema, parseMessage, type ErrorMessage, type Job, type ProgressMessage } from '../api';

export const WORKER_ENTRY = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../worker/worker.ts',
);

/** After a cancel, how long the job may take to stop by itself before its worker is killed. */
export const CANCEL_GRACE_MS = 3000;

export type JobOutcome = { ok: true; result: unknown } | { ok: false; error: ErrorMessage };

export interface RunningJob {
  readonly jobId: string;
  readonly pid: number | undefined;
  readonly outcome: Promise<JobOutcome>;
  cancel(): void;
  /** The worker process, for tests that kill it. */
  readonly child: ChildProcess;
}

export interface StartOptions {
  onProgress?: (event: ProgressMessage) => void;
  /** Worker entry (tests may point elsewhere). */
  entry?: string;
}

let counter = 0;

/** Node flags that let the worker run from the TypeScript sources (tsx registered as a loader). */
function tsxExecArgv(): string[] {
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

export function startJob(job: Job, options: StartOptions = {}): RunningJob {
  const jobId = `job-${process.pid}-${Date.now().toString(36)}-${counter++}`;
  const entry = options.entry ?? WORKER_ENTRY;
  const child = fork(entry, [], {
    execArgv: entry.endsWith('.ts') ? tsxExecArgv() : [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let settled = false;
  let killTimer: NodeJS.Timeout | undefined;
  let cancelled = false;

  const outcome = new Promise<JobOutcome>((resolve) => {
    const finish = (value: JobOutcome) => {
      if (settled) return;
      settled = true;
      if (killTimer) clearTimeout(killTimer);
      if (child.exitCode === null && child.signalCode === null) child.kill();
      resolve(value);
    };
    const fail = (kind: ErrorMessage['kind'], message: string) =>
      finish({ ok: false, error: { type: 'error', jobId, kind, message } });

    child.on('message', (raw) => {
      const parsed = parseMessage(fromWorkerSchema, raw);
      if (!parsed.ok) return fail('protocol', `the worker sent a malformed message: ${parsed.problem}`);
      const message = parsed.value;
      if (message.type === 'ready') child.send({ type: 'start', jobId, job });
      else if (message.jobId !== jobId) return;
      else if (message.type === 'progress') options.onProgress?.(message);
      else if (message.type === 'result') finish({ ok: true, result: message.result });
      else finish({ ok: false, error: message });
    });
    child.on('error', (error) => fail('crashed', `the worker could not run: ${error.message}`));
    child.on('exit', (code, signal) => {
      if (cancelled) return fail('cancelled', 'cancelled');
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      fail('crashed', `the worker process ${how} before the job finished`);
    });
  });

  return {
    jobId,
    get pid() {
      return child.pid;
    },
    outcome,
    child,
    cancel() {
      if (settled || cancelled) return;
      cancelled = true;
      if (child.connected) child.send({ type: 'cancel', jobId });
      // A job stuck inside a native call (ORT session creation) cannot see the signal: kill it.
      killTimer = setTimeout(() => child.kill('SIGKILL'), CANCEL_GRACE_MS);
    },
  };
}

/** Runs a job to its end: the result, or a thrown Error carrying the protocol's error message. */
export async function runJobInWorker(
  job: Job,
  options: StartOptions & { signal?: AbortSignal } = {},
): Promise<unknown> {
  const running = startJob(job, options);
  const onAbort = () => running.cancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const outcome = await running.outcome;
    if (outcome.ok) return outcome.result;
    throw new JobError(outcome.error);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

export class JobError extends Error {
  constructor(readonly detail: ErrorMessage) {
    super(detail.message);
    this.name = detail.kind === 'cancelled' ? 'CancelledError' : 'JobError';
  }
}
