/**
 * The application menu. Items that act on the page (save, export, theme) are forwarded to the
 * renderer as a MenuCommand, so they run the same path as the page's own buttons; items that pick
 * files (Open, Open Recent, Import) end in the same "open these paths" request.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/api/studio-client';

export interface MenuActions {
  send(command: MenuCommand): void;
  /** Shows an Open dialog (with a title and file filters) and opens what was chosen. */
  chooseAndOpen(title: string, filters?: { name: string; extensions: string[] }[]): void;
  open(paths: string[]): void;
  recent: string[];
  /** Developer tools are in the menu only for development builds. */
  development: boolean;
}

export function appMenuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const recent: MenuItemConstructorOptions[] =
    actions.recent.length > 0
      ? actions.recent.map((file) => ({ label: file, click: () => actions.open([file]) }))
      : [{ label: 'No recent files', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open...', accelerator: 'CmdOrCtrl+O', click: () => actions.chooseAndOpen('Open') },
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      {
        label: 'Import trtexec results...',
        accelerator: 'CmdOrCtrl+I',
        click: () =>
          actions.chooseAndOpen('Import trtexec results (layer info, profile, times, log)', [
            { name: 'trtexec exports', extensions: ['json', 'log', 'txt'] },
          ]),
      },
      {
        label: 'Import Nsight Systems...',
        click: () =>
          actions.chooseAndOpen('Import an Nsight Systems SQLite export', [
            { name: 'Nsight Systems SQLite', extensions: ['sqlite'] },
          ]),
      },
      { type: 'separator' },
      { label: 'Save session', accelerator: 'CmdOrCtrl+S', click: () => actions.send('save-session') },
      {
        label: 'Save session as...',
        accelerator: 'CmdOrCtrl+Shift+S',
        click: () => actions.send('save-session-as'),
      },
      { label: 'Export report...', accelerator: 'CmdOrCtrl+E', click: () => actions.send('export-report') },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { label: 'Toggle theme', accelerator: 'CmdOrCtrl+Shift+T', click: () => actions.send('toggle-theme') },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'togglefullscreen' },
      ...(actions.development
        ? ([
            { type: 'separator' },
            { role: 'reload' },
            { role: 'toggleDevTools' },
          ] as MenuItemConstructorOptions[])
        : []),
    ],
  };
  // On macOS the first menu is the application menu (About, Hide, Quit).
  return platform === 'darwin' ? [{ role: 'appMenu' }, file, view] : [file, view];
}

export function buildAppMenu(actions: MenuActions): Menu {
  return Menu.buildFromTemplate(appMenuTemplate(actions));
}
