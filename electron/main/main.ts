/**
 * Electron main process entry (bundled to dist/electron/main/main.js by `npm run build:main`):
 * lifecycle, one instance, the window, the menu, IPC, the worker and crash recovery. Thin by design:
 * every piece of work is done by electron/core, called through the contract (core/api).
 *
 * `npm start` (bin/check-electron.mjs first) builds main, preload, worker and renderer, then runs
 * `electron .`, which needs Electron's binary. The shell is tested with 'electron' faked
 * (test/unit/main) and the page in Chromium against `serve` (test/e2e).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, screen, session } from 'electron';
import { DesktopChannel } from '../core/api/desktop-channels';
import type { MenuCommand } from '../core/api/studio-client';
import { JobManager, starterWith } from '../core/jobs/job-manager';
import { sampleModelPath } from '../core/model/sample-model';
import { buildAppMenu } from './app-menu';
import { filesFromArgv } from './file-arguments';
import { chooseFiles } from './open-file-dialog';
import { GrantedPaths } from './granted-paths';
import { registerIpcHandlers } from './ipc-handlers';
import { createMainWindow } from './main-window';
import { RecentFiles } from './recent-files';
import { RecoveryFile } from './recovery';
import { registerRendererScheme, serveRenderer } from './renderer-protocol';
import { claimSingleInstance } from './single-instance';
import { utilityWorker } from './utility-worker';
import { denyAllPermissions, lockDownAllWebContents } from './web-security';
import { loadWindowState, saveWindowState } from './window-state';

// Built layout: dist/electron/{main/main.js, preload/preload.cjs, worker/worker.js}, dist/renderer/.
const mainDir = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(mainDir, '..', 'preload', 'preload.cjs');
const workerPath = path.join(mainDir, '..', 'worker', 'worker.js');
const rendererDir = path.join(mainDir, '..', '..', 'renderer');

const appWindows = () => BrowserWindow.getAllWindows();
const mainWindow = () => BrowserWindow.getFocusedWindow() ?? appWindows()[0];

async function start(): Promise<void> {
  const pendingOpen: string[] = filesFromArgv(process.argv, process.cwd(), app.isPackaged);
  if (!claimSingleInstance(app, (files) => openInWindow(files))) {
    app.quit();
    return;
  }
  registerRendererScheme();
  app.enableSandbox();
  lockDownAllWebContents(app);
  // macOS hands files opened from Finder (file associations) to the running app.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openInWindow([file]);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  const userData = app.getPath('userData');
  const granted = new GrantedPaths(path.join(userData, 'work'));
  const sample = sampleModelPath();
  if (sample) granted.grant(sample);
  const recent = new RecentFiles(path.join(userData, 'recent.json'));
  const recovery = new RecoveryFile(path.join(userData, 'recovery.json'));
  const jobs = new JobManager(starterWith(utilityWorker(workerPath)));

  function send(channel: string, payload: unknown): void {
    const window = mainWindow();
    if (!window) return;
    window.show();
    window.focus();
    window.webContents.send(channel, payload);
  }
  function openInWindow(files: string[]): void {
    if (files.length === 0) return;
    const paths = files.map((file) => granted.grant(file));
    recent.add(paths).forEach((file) => app.addRecentDocument(file));
    refreshMenu();
    if (!mainWindow() || mainWindow()!.webContents.isLoading()) pendingOpen.push(...paths);
    else send(DesktopChannel.openPaths, paths);
  }
  async function chooseAndOpen(title: string, filters?: { name: string; extensions: string[] }[]) {
    openInWindow(await chooseFiles(mainWindow(), { title, filters }));
  }
  function refreshMenu(): void {
    Menu.setApplicationMenu(
      buildAppMenu({
        send: (command: MenuCommand) => send(DesktopChannel.menuCommand, command),
        chooseAndOpen: (title, filters) => void chooseAndOpen(title, filters),
        open: openInWindow,
        recent: recent.list(),
        development: !app.isPackaged,
      }),
    );
  }

  serveRenderer(rendererDir);
  denyAllPermissions(session.defaultSession);
  jobs.onEvent((event) => {
    for (const window of appWindows())
      if (!window.isDestroyed()) window.webContents.send(DesktopChannel.jobEvent, event);
    if (event.type === 'finished' && event.record.result?.kind === 'profile')
      recovery.sessionSaved(event.record.result.sessionPath);
  });
  registerIpcHandlers(
    appWindows,
    granted,
    { files: granted, jobs, transport: 'ipc', maxUploadBytes: null },
    (name, response) => {
      if (name === 'saveSession') recovery.sessionSaved((response as { path: string }).path);
    },
  );
  refreshMenu();

  const stateFile = path.join(userData, 'window-state.json');
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = createMainWindow(preloadPath, state, (next) => saveWindowState(stateFile, next));
  window.webContents.once('did-finish-load', () => {
    if (pendingOpen.length > 0) send(DesktopChannel.openPaths, pendingOpen.splice(0));
  });
  const offer = recovery.start();
  if (offer) {
    const answer = await dialog.showMessageBox(window, {
      type: 'question',
      buttons: ['Reopen', 'Not now'],
      defaultId: 0,
      message: 'The studio did not close cleanly last time.',
      detail: `Reopen the last session?\n${offer}`,
    });
    if (answer.response === 0) openInWindow([offer]);
  }
  app.on('before-quit', () => {
    jobs.cancelAll();
    recovery.cleanExit();
  });
  app.on('activate', () => {
    if (appWindows().length === 0)
      createMainWindow(preloadPath, state, (next) => saveWindowState(stateFile, next));
  });
}

start().catch((error: unknown) => {
  console.error('trt-studio: cannot start:', error);
  app.exit(1);
});
