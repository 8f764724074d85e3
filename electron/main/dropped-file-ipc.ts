/**
 * IPC for files dropped on the window. The preload takes each path from the dropped File
 * (webUtils.getPathForFile, which only a real file from the desktop has) and asks for it to be
 * granted here; the page's own scripts cannot reach this channel except through that preload call.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { ApiError } from '../core/api/api-error';
import { DesktopChannel } from '../core/api/desktop-channels';
import type { GrantedPaths } from './granted-paths';
import { handleIpc } from './ipc-handle';
import type { AppWindows } from './sender-check';

const request = z.strictObject({ paths: z.array(z.string().min(1)).min(1) });

export function registerDroppedFileIpc(appWindows: AppWindows, granted: GrantedPaths): void {
  handleIpc(appWindows, DesktopChannel.grantDroppedFiles, (raw) => {
    const parsed = request.safeParse(raw);
    if (!parsed.success) throw new ApiError(400, `grant-dropped-files: ${parsed.error.issues[0]?.message}`);
    return parsed.data.paths.map((file) => {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat) throw new ApiError(404, `${file}: no such file`);
      return granted.grant(file);
    });
  });
}
