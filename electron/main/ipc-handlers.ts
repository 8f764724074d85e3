/** Registers every IPC handler of the main process (one file per concern). */
import { registerDroppedFileIpc } from './dropped-file-ipc';
import type { IpcContext } from './ipc-handle';
import { registerModelIpc } from './model-ipc';
import { registerSessionIpc } from './session-ipc';

export function registerIpcHandlers(context: IpcContext): void {
  registerModelIpc(context);
  registerSessionIpc(context);
  registerDroppedFileIpc(context);
}
