/** Registers every IPC handler of the main process: the contract's operations, the dialog, drops, PDF. */
import type { HandlerContext } from '../core/api/handlers';
import { registerContractIpc, type AfterOperation } from './contract-ipc';
import { registerDroppedFileIpc } from './dropped-file-ipc';
import type { GrantedPaths } from './granted-paths';
import { registerOpenDialogIpc } from './open-file-dialog';
import { registerPdfExportIpc } from './pdf-export';
import type { AppWindows } from './sender-check';

export function registerIpcHandlers(
  appWindows: AppWindows,
  granted: GrantedPaths,
  context: HandlerContext,
  after?: AfterOperation,
): void {
  registerContractIpc(appWindows, context, after);
  registerOpenDialogIpc(appWindows, granted);
  registerDroppedFileIpc(appWindows, granted);
  registerPdfExportIpc(appWindows, granted);
}
