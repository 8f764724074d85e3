import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as FakeBrowserWindow } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { FakeWebContents } = await import('./fake-electron');
const { createMainWindow } = await import('../../../electron/main/main-window');
const { DEFAULT_WINDOW_STATE } = await import('../../../electron/main/window-state');
const { denyAllPermissions, lockDownWebContents } = await import('../../../electron/main/web-security');

describe('main window', () => {
  it('is sandboxed, context-isolated, without Node, and shows the app:// page', () => {
    const window = createMainWindow(
      '/app/dist/electron/preload/preload.cjs',
      DEFAULT_WINDOW_STATE,
      () => undefined,
    ) as unknown as FakeBrowserWindow;
    expect(window.options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://studio/index.html');
    // Hidden until painted, then shown.
    expect(window.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });
});

describe('web contents lock-down', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (eventName) => {
    const contents = new FakeWebContents();
    lockDownWebContents(contents as never);
    const event = { preventDefault: vi.fn() };
    contents.emit(eventName, event, 'file:///home/user/model.onnx');
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies window.open', () => {
    const contents = new FakeWebContents();
    lockDownWebContents(contents as never);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    let requestHandler: ((c: unknown, p: string, callback: (granted: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler: typeof requestHandler) => (requestHandler = handler),
      setPermissionCheckHandler: (handler: typeof checkHandler) => (checkHandler = handler),
    } as never);
    const callback = vi.fn();
    requestHandler?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(checkHandler?.()).toBe(false);
  });
});
