/**
 * Every operation of the contract served over IPC, from the same table and the same handlers as
 * `serve`'s HTTP routes (core/api/handlers.ts): one channel per operation, validated there.
 */
import { handleOperation, type HandlerContext } from '../core/api/handlers';
import { ipcChannelOf, OPERATION_NAMES, type OperationName } from '../core/api/operations';
import { handleIpc } from './ipc-handle';
import type { AppWindows } from './sender-check';

/** Told of every answered operation (the main process records saved sessions for crash recovery). */
export type AfterOperation = (name: OperationName, response: unknown) => void;

export function registerContractIpc(
  appWindows: AppWindows,
  context: HandlerContext,
  after?: AfterOperation,
): void {
  for (const name of OPERATION_NAMES) {
    handleIpc(appWindows, ipcChannelOf(name), async (request) => {
      const response = await handleOperation(name, request, context);
      after?.(name, response);
      return response;
    });
  }
}
