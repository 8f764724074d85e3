/**
 * The caller's side of a job: starts a worker process for it, streams its progress, cancels it, and
 * turns every way it can end into exactly one outcome. A worker that dies (killed, crashed, exited)
 * before answering becomes an error event naming its exit code or signal: the caller never hangs.
 * One worker per job keeps a crash of one job from touching another, and the next job gets a fresh one.
 *
 * How the worker process is made is a WorkerSpawner: child_process.fork here (CLI, `serve`), Electron's
 * utilityProcess in the desktop app (electron/main/utility-worker.ts); the protocol is the same.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  fromWorkerSchema,
  parseMessage,
  type ErrorMessage,
  type Job,
  type JobResult,
  type ProgressMessage,
} from '../api';
import { findPartialSession } from '../profiling/partial-session';

export const WORKER_ENTRY = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../worker/worker.ts',
);

/** After a cancel, how long the job may take to stop by itself before its worker is killed. */
export const CANCEL_GRACE_MS = 3000;

/** The result was checked against the contract's job result schema when it arrived (fromWorkerSchema). */
export type JobOutcome = { ok: true; result: JobResult } | { ok: false; error: ErrorMessage };

/** A started worker process, whatever made it. */
export interface WorkerHandle {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** `signal` is a signal name when the process was killed, otherwise null. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  onError(listener: (error: Error) => void): void;
  isAlive(): boolean;
  kill(signal?: NodeJS.Signals): void;
}

export type WorkerSpawner = (entry: string) => WorkerHandle;

export interface RunningJob {
  readonly jobId: string;
  readonly pid: number | undefined;
  readonly outcome: Promise<JobOutcome>;
  cancel(): void;
  /** The worker process, for tests that kill it. */
  readonly worker: WorkerHandle;
}

export interface StartOptions {
  onProgress?: (event: ProgressMessage) => void;
  /** Worker entry (tests may point elsewhere). */
  entry?: string;
  /** How the worker process is made (default: child_process.fork). */
  spawn?: WorkerSpawner;
}

let counter = 0;

/** Node flags that let the worker run from the TypeScript sources (tsx registered as a loader). */
function tsxExecArgv(): string[] {
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

/** The default spawner: a Node child process with an IPC channel. */
export const forkWorker: WorkerSpawner = (entry) => {
  const child = fork(entry, [], {
    execArgv: entry.endsWith('.ts') ? tsxExecArgv() : [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      if (child.connected) child.send(message as never);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code, signal) => listener(code, signal)),
    onError: (listener) => child.on('error', listener),
    isAlive: () => child.exitCode === null && child.signalCode === null,
    kill: (signal) => child.kill(signal),
  };
};

export function startJob(job: Job, options: StartOptions = {}): RunningJob {
  const startedAt = Date.now();
  const jobId = `job-${process.pid}-${startedAt.toString(36)}-${counter++}`;
  const worker = (options.spawn ?? forkWorker)(options.entry ?? WORKER_ENTRY);
  let settled = false;
  let killTimer: NodeJS.Timeout | undefined;
  let cancelled = false;

  const outcome = new Promise<JobOutcome>((resolve) => {
    const finish = (value: JobOutcome) => {
      if (settled) return;
      settled = true;
      if (killTimer) clearTimeout(killTimer);
      if (worker.isAlive()) worker.kill();
      resolve(value.ok ? value : { ok: false, error: withPartialSession(job, value.error, startedAt) });
    };
    const fail = (kind: ErrorMessage['kind'], message: string) =>
      finish({ ok: false, error: { type: 'error', jobId, kind, message } });

    worker.onMessage((raw) => {
      const parsed = parseMessage(fromWorkerSchema, raw);
      if (!parsed.ok) return fail('protocol', `the worker sent a malformed message: ${parsed.problem}`);
      const message = parsed.value;
      if (message.type === 'ready') worker.send({ type: 'start', jobId, job });
      else if (message.jobId !== jobId) return;
      else if (message.type === 'progress') options.onProgress?.(message);
      else if (message.type === 'result') finish({ ok: true, result: message.result });
      else finish({ ok: false, error: message });
    });
    worker.onError((error) => fail('crashed', `the worker could not run: ${error.message}`));
    worker.onExit((code, signal) => {
      if (cancelled) return fail('cancelled', 'cancelled');
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      fail('crashed', `the worker process ${how} before the job finished`);
    });
  });

  return {
    jobId,
    get pid() {
      return worker.pid;
    },
    outcome,
    worker,
    cancel() {
      if (settled || cancelled) return;
      cancelled = true;
      worker.send({ type: 'cancel', jobId });
      // A job stuck inside a native call (ORT session creation) cannot see the signal: kill it.
      killTimer = setTimeout(() => worker.kill('SIGKILL'), CANCEL_GRACE_MS);
    },
  };
}

/**
 * A profile job that ended without its session, however it ended (failed, cancelled, crashed), may
 * have kept what finished in a partial session: the error points to it when this run wrote it.
 */
function withPartialSession(job: Job, error: ErrorMessage, startedAt: number): ErrorMessage {
  if (job.kind !== 'profile' || error.partialSession) return error;
  const partial = findPartialSession(job.outPath, startedAt);
  return partial ? { ...error, partialSession: partial } : error;
}

/** Runs a job to its end: the result, or a thrown Error carrying the protocol's error message. */
export async function runJobInWorker(
  job: Job,
  options: StartOptions & { signal?: AbortSignal } = {},
): Promise<JobResult> {
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
