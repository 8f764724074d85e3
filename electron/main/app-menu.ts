/**
 * The application menu. Menu items that act on the page are forwarded to the renderer as a
 * MenuCommand, so opening a model runs the same path whether it starts from the menu or the page.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/api/studio-client';

export function appMenuTemplate(
  sendCommand: (command: MenuCommand) => void,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open...', accelerator: 'CmdOrCtrl+O', click: () => sendCommand('open') },
      { label: 'Save session', accelerator: 'CmdOrCtrl+S', click: () => sendCommand('save-session') },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' },
    ],
  };
  // On macOS the first menu is the application menu (About, Hide, Quit).
  return platform === 'darwin' ? [{ role: 'appMenu' }, file] : [file];
}

export function buildAppMenu(sendCommand: (command: MenuCommand) => void): Menu {
  return Menu.buildFromTemplate(appMenuTemplate(sendCommand));
}
