import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => import('./fake-electron'));

const { appMenuTemplate } = await import('../../../electron/main/app-menu');

function fileItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const file = template.find((item) => item.label === 'File');
  return file?.submenu as MenuItemConstructorOptions[];
}

describe('application menu', () => {
  it('has Open..., Save session and Quit, and forwards the commands to the page', () => {
    const sent: string[] = [];
    const items = fileItems(appMenuTemplate((command) => sent.push(command), 'linux'));
    expect(items.filter((item) => item.type !== 'separator').map((item) => item.label)).toEqual([
      'Open...',
      'Save session',
      'Quit',
    ]);
    for (const item of items) (item.click as (() => void) | undefined)?.();
    expect(sent).toEqual(['open', 'save-session']);
    expect(items.find((item) => item.label === 'Quit')?.role).toBe('quit');
  });

  it('puts the application menu first on macOS', () => {
    const template = appMenuTemplate(() => undefined, 'darwin');
    expect(template[0]?.role).toBe('appMenu');
    expect(fileItems(template)).toHaveLength(4);
  });
});
