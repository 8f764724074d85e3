/**
 * One studio at a time: a second launch (say, double-clicking a model in the file manager) hands its
 * files to the first instance, whose window comes to the front and opens them.
 */
import type { App } from 'electron';
import { filesFromArgv } from './file-arguments';

/** False when another instance holds the lock (this one should quit). */
export function claimSingleInstance(app: App, onSecondInstance: (files: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv, workingDirectory) =>
    onSecondInstance(filesFromArgv(argv, workingDirectory, app.isPackaged)),
  );
  return true;
}
