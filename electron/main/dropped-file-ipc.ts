/**
 * IPC for files dropped on the window. The preload takes the path from the dropped File
 * (webUtils.getPathForFile, which only a real file from the desktop has) and asks for it to be
 * granted here; the page's own scripts cannot reach this channel except through that preload call.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { StudioError } from '../core/errors';
import { handleIpc, type IpcContext } from './ipc-handle';
import { IpcChannel } from './ipc-channels';

export function registerDroppedFileIpc(context: IpcContext): void {
  handleIpc(context, IpcChannel.GrantDroppedFile, z.strictObject({ path: z.string().min(1) }), ({ path }) => {
    const stat = fs.statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile())
      throw new StudioError(path, stat ? 'not a file (a folder was dropped?)' : 'no such file');
    return context.granted.grant(path);
  });
}
