/**
 * Which IPC senders are trusted: the main frame of an app window showing the app's own pages.
 * Messages from anything else (a subframe, another webContents, a page that navigated away) are
 * dropped.
 */
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { RENDERER_ORIGIN } from './renderer-protocol';

export type AppWindows = () => readonly BrowserWindow[];

export function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent, appWindows: AppWindows): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated or was destroyed
  const isAppMainFrame = appWindows().some(
    (window) =>
      !window.isDestroyed() && window.webContents === event.sender && window.webContents.mainFrame === frame,
  );
  return isAppMainFrame && frame.url.startsWith(`${RENDERER_ORIGIN}/`);
}
