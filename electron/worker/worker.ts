/**
 * Entry of the profiling worker process. Started with child_process.fork by the CLI and the server
 * (electron/core/jobs/job-runner.ts) and, in the desktop app, with Electron's utilityProcess from the
 * same file. Every message is validated against api.ts; jobs run one at a time and stream progress.
 */
import { parseMessage, toWorkerSchema, type FromWorker } from '../core/api';
import { errorMessageFor, runJob } from '../core/jobs/run-job';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** Electron's utilityProcess exposes process.parentPort; child_process.fork gives process.send. */
function channel(): { send(message: FromWorker): void; onMessage(listener: (raw: unknown) => void): void } {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  if (!process.send) {
    process.stderr.write('trt-studio worker: start me with child_process.fork or utilityProcess\n');
    process.exit(2);
  }
  return {
    send: (message) => process.send!(message),
    onMessage: (listener) => process.on('message', listener),
  };
}

const port = channel();
const running = new Map<string, AbortController>();

port.onMessage((raw) => {
  const parsed = parseMessage(toWorkerSchema, raw);
  if (!parsed.ok) {
    const jobId =
      typeof (raw as { jobId?: unknown })?.jobId === 'string' ? (raw as { jobId: string }).jobId : '';
    port.send({ type: 'error', jobId, kind: 'protocol', message: `refused message: ${parsed.problem}` });
    return;
  }
  const message = parsed.value;
  if (message.type === 'cancel') {
    running.get(message.jobId)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(message.jobId, controller);
  let sequence = 0;
  const progress = (event: { stage: string; fraction: number | null; message?: string }) => {
    const fraction = event.fraction === null ? null : Math.min(1, Math.max(0, event.fraction));
    port.send({ type: 'progress', jobId: message.jobId, sequence: sequence++, ...event, fraction });
  };
  runJob(message.job, progress, controller.signal)
    .then((result) => port.send({ type: 'result', jobId: message.jobId, result }))
    .catch((error: unknown) => port.send(errorMessageFor(message.jobId, error)))
    .finally(() => running.delete(message.jobId));
});

port.send({ type: 'ready', pid: process.pid });
