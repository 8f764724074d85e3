/** The Open dialog: whatever paths the user picks are granted, so the handlers may read them. */
import { BrowserWindow, dialog } from 'electron';
import { z } from 'zod';
import { ApiError } from '../core/api/api-error';
import { DesktopChannel } from '../core/api/desktop-channels';
import type { GrantedPaths } from './granted-paths';
import { handleIpc } from './ipc-handle';
import type { AppWindows } from './sender-check';

const request = z.strictObject({ title: z.string().min(1).max(200), folders: z.boolean().optional() });

export function registerOpenDialogIpc(appWindows: AppWindows, granted: GrantedPaths): void {
  handleIpc(appWindows, DesktopChannel.chooseFiles, async (raw, event) => {
    const parsed = request.safeParse(raw);
    if (!parsed.success) throw new ApiError(400, `choose-files: ${parsed.error.issues[0]?.message}`);
    const options = {
      title: parsed.data.title,
      properties: parsed.data.folders
        ? (['openDirectory'] as const)
        : (['openFile', 'multiSelections'] as const),
    };
    const parent = BrowserWindow.fromWebContents(event.sender);
    const choice = parent
      ? await dialog.showOpenDialog(parent, { ...options, properties: [...options.properties] })
      : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
    if (choice.canceled) return [];
    return choice.filePaths.map((file) => granted.grant(file));
  });
}
