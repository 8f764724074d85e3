/**
 * The application menu. Menu items that act on the page are forwarded to the renderer as a
 * MenuCommand, so opening a model runs the same path whether it starts from the menu or the page.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './ipc-channels';

export function appMenuTemplate(
  sendCommand: (command: MenuCommand) => void,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open model...', accelerator: 'CmdOrCtrl+O', click: () => sendCommand('open-model') },
      {
        label: 'Open session...',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => sendCommand('open-session'),
      },
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
