/** The "Open ..." dialogs: whatever path the user picks is granted, so the handlers may read it. */
import { BrowserWindow, dialog, type FileFilter, type IpcMainInvokeEvent } from 'electron';
import type { GrantedPaths } from './granted-paths';

export async function chooseFile(
  event: IpcMainInvokeEvent,
  granted: GrantedPaths,
  title: string,
  filters: FileFilter[],
): Promise<string | null> {
  const options = {
    title,
    properties: ['openFile' as const],
    filters: [...filters, { name: 'All files', extensions: ['*'] }],
  };
  const parent = BrowserWindow.fromWebContents(event.sender);
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  const [file] = choice.filePaths;
  if (choice.canceled || !file) return null;
  return granted.grant(file);
}
