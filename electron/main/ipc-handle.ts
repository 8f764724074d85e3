/**
 * handleIpc: registers one invoke channel with the checks every message gets. A message from an
 * untrusted sender is dropped (the invoke rejects without reaching the handler); a payload the
 * handler's schema refuses, or any failure inside it, comes back as one line (and a status, the same
 * numbers `serve` answers with), never as a stack.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { statusOf } from '../core/api/api-error';
import type { OperationResult } from '../core/api/operations';
import { isTrustedSender, type AppWindows } from './sender-check';

export function handleIpc<Value>(
  appWindows: AppWindows,
  channel: string,
  handler: (request: unknown, event: IpcMainInvokeEvent) => Value | Promise<Value>,
): void {
  ipcMain.handle(channel, async (event, request: unknown): Promise<OperationResult<Value>> => {
    if (!isTrustedSender(event, appWindows)) {
      console.warn(
        `IPC ${channel}: dropped a message from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`,
      );
      throw new Error(`IPC ${channel}: untrusted sender`);
    }
    try {
      return { ok: true, value: await handler(request, event) };
    } catch (error) {
      const { status, message } = statusOf(error);
      return { ok: false, status, error: message };
    }
  });
}
