/** The Open dialog: whatever paths the user picks are granted, so the handlers may read them. */
import { BrowserWindow, dialog } from 'electron';
import { z } from 'zod';
import { ApiError } from '../core/api/api-error';
import { DesktopChannel } from '../core/api/desktop-channels';
import type { GrantedPaths } from './granted-paths';
import { handleIpc } from './ipc-handle';
import type { AppWindows } from './sender-check';

const request = z.strictObject({ title: z.string().min(1).max(200), folders: z.boolean().optional() });

export interface OpenDialogRequest {
  title: string;
  folders?: boolean;
  filters?: { name: string; extensions: string[] }[];
}

/** Shows the Open dialog (over `parent` when there is one); the chosen paths, [] when cancelled. */
export async function chooseFiles(
  parent: BrowserWindow | null | undefined,
  request: OpenDialogRequest,
): Promise<string[]> {
  const options = {
    title: request.title,
    filters: request.filters,
    properties: request.folders
      ? ['openDirectory' as const]
      : ['openFile' as const, 'multiSelections' as const],
  };
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return choice.canceled ? [] : choice.filePaths;
}

export function registerOpenDialogIpc(appWindows: AppWindows, granted: GrantedPaths): void {
  handleIpc(appWindows, DesktopChannel.chooseFiles, async (raw, event) => {
    const parsed = request.safeParse(raw);
    if (!parsed.success) throw new ApiError(400, `choose-files: ${parsed.error.issues[0]?.message}`);
    const chosen = await chooseFiles(BrowserWindow.fromWebContents(event.sender), parsed.data);
    return chosen.map((file) => granted.grant(file));
  });
}
