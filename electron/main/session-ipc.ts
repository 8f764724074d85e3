/** IPC for session files: choose one, and load it (core/model/session). */
import { z } from 'zod';
import { loadSession } from '../core/model/session';
import { handleIpc, type IpcContext } from './ipc-handle';
import { IpcChannel } from './ipc-channels';
import { chooseFile } from './open-file-dialog';

export function registerSessionIpc(context: IpcContext): void {
  handleIpc(context, IpcChannel.OpenSessionDialog, z.undefined(), (_request, event) =>
    chooseFile(event, context.granted, 'Open session', [{ name: 'Studio session', extensions: ['json'] }]),
  );
  handleIpc(context, IpcChannel.LoadSession, z.strictObject({ path: z.string().min(1) }), ({ path }) => {
    context.granted.assertGranted(path);
    return loadSession(path);
  });
}
