/** Registers every IPC handler of the main process: the contract's operations, the dialog, drops. */
import type { HandlerContext } from '../core/api/handlers';
import { registerContractIpc } from './contract-ipc';
import { registerDroppedFileIpc } from './dropped-file-ipc';
import type { GrantedPaths } from './granted-paths';
import { registerOpenDialogIpc } from './open-file-dialog';
import type { AppWindows } from './sender-check';

export function registerIpcHandlers(
  appWindows: AppWindows,
  granted: GrantedPaths,
  context: HandlerContext,
): void {
  registerContractIpc(appWindows, context);
  registerOpenDialogIpc(appWindows, granted);
  registerDroppedFileIpc(appWindows, granted);
}
