/**
 * Electron main process entry (bundled to dist/electron/main/main.js by `npm run build:main`):
 * app lifecycle, the window, the menu and the IPC handlers. Thin by design: every piece of work is
 * done by electron/core, called from the IPC handlers.
 *
 * `npm start` builds main, preload and renderer, then runs `electron .`, which needs Electron's binary:
 * npm fetches it on a connected machine (`node node_modules/electron/install.js`); on the offline build
 * machines it is absent, so the shell is tested with 'electron' faked (test/unit/main) and the page in
 * Chromium (test/e2e).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, session } from 'electron';
import { buildAppMenu } from './app-menu';
import { DesktopChannel } from '../core/api/desktop-channels';
import type { MenuCommand } from '../core/api/studio-client';
import { JobManager } from '../core/jobs/job-manager';
import { GrantedPaths } from './granted-paths';
import { registerIpcHandlers } from './ipc-handlers';
import { createMainWindow } from './main-window';
import { registerRendererScheme, serveRenderer } from './renderer-protocol';
import { denyAllPermissions, lockDownAllWebContents } from './web-security';

// Built layout: dist/electron/main/main.js, dist/electron/preload/preload.cjs, dist/renderer/.
const mainDir = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(mainDir, '..', 'preload', 'preload.cjs');
const rendererDir = path.join(mainDir, '..', '..', 'renderer');

const appWindows = () => BrowserWindow.getAllWindows();

function sendMenuCommand(command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? appWindows()[0];
  target?.webContents.send(DesktopChannel.menuCommand, command);
}

async function start(): Promise<void> {
  registerRendererScheme();
  app.enableSandbox();
  lockDownAllWebContents(app);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  serveRenderer(rendererDir);
  denyAllPermissions(session.defaultSession);
  const granted = new GrantedPaths(path.join(app.getPath('userData'), 'work'));
  const jobs = new JobManager();
  jobs.onEvent((event) => {
    for (const window of appWindows())
      if (!window.isDestroyed()) window.webContents.send(DesktopChannel.jobEvent, event);
  });
  app.on('before-quit', () => jobs.cancelAll());
  registerIpcHandlers(appWindows, granted, { files: granted, jobs, transport: 'ipc', maxUploadBytes: null });
  Menu.setApplicationMenu(buildAppMenu(sendMenuCommand));
  createMainWindow(preloadPath);
  app.on('activate', () => {
    if (appWindows().length === 0) createMainWindow(preloadPath);
  });
}

start().catch((error: unknown) => {
  console.error('trt-studio: cannot start:', error);
  app.exit(1);
});
