/**
 * Every operation of the contract served over IPC, from the same table and the same handlers as
 * `serve`'s HTTP routes (core/api/handlers.ts): one channel per operation, validated there.
 */
import { handleOperation, type HandlerContext } from '../core/api/handlers';
import { ipcChannelOf, OPERATION_NAMES } from '../core/api/operations';
import { handleIpc } from './ipc-handle';
import type { AppWindows } from './sender-check';

export function registerContractIpc(appWindows: AppWindows, context: HandlerContext): void {
  for (const name of OPERATION_NAMES) {
    handleIpc(appWindows, ipcChannelOf(name), (request) => handleOperation(name, request, context));
  }
}
