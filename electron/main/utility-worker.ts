/**
 * Jobs in the desktop app run in an Electron utilityProcess (a Node process Chromium manages, with
 * no window): the same worker entry as the CLI and `serve` (electron/worker/worker.ts, bundled to
 * dist/electron/worker/worker.js), talking over its parentPort, a MessagePort. One process per job:
 * a worker that crashes ends its job as `crashed` in the window, and the next job gets a fresh one.
 */
import { utilityProcess } from 'electron';
import type { WorkerHandle, WorkerSpawner } from '../core/jobs/job-runner';

export function utilityWorker(bundledEntry: string): WorkerSpawner {
  return (): WorkerHandle => {
    const child = utilityProcess.fork(bundledEntry, [], {
      serviceName: 'trt-studio worker',
      stdio: 'inherit',
    });
    let alive = true;
    child.on('exit', () => (alive = false));
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (alive) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', listener),
      // utilityProcess reports an exit code only; a kill shows as a non-zero code.
      onExit: (listener) => child.on('exit', (code) => listener(code, null)),
      onError: (listener) =>
        child.on('error' as never, (type: string, location: string) =>
          listener(new Error(`${type} at ${location}`)),
        ),
      isAlive: () => alive,
      kill: () => {
        if (alive) child.kill();
      },
    };
  };
}
