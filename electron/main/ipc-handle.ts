/**
 * handleIpc: registers one invoke channel with the checks every message gets. A message from an
 * untrusted sender is dropped (the invoke rejects without reaching the handler); a payload that does
 * not match the channel's zod schema is refused with a reason; a failure inside the handler comes back
 * as one line naming the file, never as a stack.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { describeError } from '../core/errors';
import type { GrantedPaths } from './granted-paths';
import type { IpcChannel, IpcResult } from './ipc-channels';
import { isTrustedSender, type AppWindows } from './sender-check';

/** What the handlers share: which windows are the app's, and which files the user granted. */
export interface IpcContext {
  appWindows: AppWindows;
  granted: GrantedPaths;
}

function describeInvalid(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');
}

export function handleIpc<Schema extends z.ZodType, Value>(
  context: IpcContext,
  channel: IpcChannel,
  schema: Schema,
  handler: (request: z.infer<Schema>, event: IpcMainInvokeEvent) => Value | Promise<Value>,
): void {
  ipcMain.handle(channel, async (event, request: unknown): Promise<IpcResult<Value>> => {
    if (!isTrustedSender(event, context.appWindows)) {
      console.warn(
        `IPC ${channel}: dropped a message from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`,
      );
      throw new Error(`IPC ${channel}: untrusted sender`);
    }
    const parsed = schema.safeParse(request);
    if (!parsed.success)
      return { ok: false, error: `invalid ${channel} request: ${describeInvalid(parsed.error)}` };
    try {
      return { ok: true, value: await handler(parsed.data, event) };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  });
}
