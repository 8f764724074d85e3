import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => import('./fake-electron'));

const { appMenuTemplate } = await import('../../../electron/main/app-menu');

function itemsOf(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  return template.find((item) => item.label === label)?.submenu as MenuItemConstructorOptions[];
}

function actions(recent: string[] = [], development = false) {
  const log: string[] = [];
  return {
    log,
    actions: {
      send: (command: string) => log.push(`send ${command}`),
      chooseAndOpen: (title: string) => log.push(`choose ${title}`),
      open: (paths: string[]) => log.push(`open ${paths.join(',')}`),
      recent,
      development,
    },
  };
}

describe('application menu', () => {
  it('has Open, Open Recent, the imports, Save, Save as, Export report and Quit, with shortcuts', () => {
    const { log, actions: menu } = actions(['/data/a.onnx']);
    const file = itemsOf(appMenuTemplate(menu as never, 'linux'), 'File');
    const labels = file.filter((item) => item.type !== 'separator').map((item) => item.label);
    expect(labels).toEqual([
      'Open...',
      'Open Recent',
      'Import trtexec results...',
      'Import Nsight Systems...',
      'Save session',
      'Save session as...',
      'Export report...',
      'Quit',
    ]);
    const accelerators = Object.fromEntries(file.map((item) => [item.label, item.accelerator]));
    expect(accelerators).toMatchObject({
      'Open...': 'CmdOrCtrl+O',
      'Save session': 'CmdOrCtrl+S',
      'Export report...': 'CmdOrCtrl+E',
    });
    for (const item of file) (item.click as (() => void) | undefined)?.();
    (file[1]!.submenu as MenuItemConstructorOptions[])[0]!.click!(
      undefined as never,
      undefined,
      undefined as never,
    );
    expect(log).toEqual([
      'choose Open',
      'choose Import trtexec results (layer info, profile, times, log)',
      'choose Import an Nsight Systems SQLite export',
      'send save-session',
      'send save-session-as',
      'send export-report',
      'open /data/a.onnx',
    ]);
    expect(file.find((item) => item.label === 'Quit')?.role).toBe('quit');
  });

  it('says when there is nothing recent', () => {
    const file = itemsOf(appMenuTemplate(actions().actions as never, 'linux'), 'File');
    expect(file[1]!.submenu).toEqual([{ label: 'No recent files', enabled: false }]);
  });

  it('offers developer tools only in development builds, and a theme toggle always', () => {
    const packaged = itemsOf(appMenuTemplate(actions([], false).actions as never, 'linux'), 'View');
    expect(packaged.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(packaged.find((item) => item.label === 'Toggle theme')?.accelerator).toBe('CmdOrCtrl+Shift+T');
    const development = itemsOf(appMenuTemplate(actions([], true).actions as never, 'linux'), 'View');
    expect(development.some((item) => item.role === 'toggleDevTools')).toBe(true);
  });

  it('puts the application menu first on macOS', () => {
    const template = appMenuTemplate(actions().actions as never, 'darwin');
    expect(template[0]?.role).toBe('appMenu');
  });
});
