/**
 * The studio's window: sandboxed, context-isolated, no Node in the page, showing app://studio, at the
 * size and place it had last time (window-state.ts). Navigation and new windows are blocked for every
 * web contents (web-security.ts).
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import { RENDERER_ENTRY_URL } from './renderer-protocol';
import type { WindowState } from './window-state';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export function createMainWindow(
  preloadPath: string,
  state: WindowState,
  saveState: (state: WindowState) => void,
): BrowserWindow {
  // eng-disable CONTEXT_ISOLATION_JS_CHECK AUXCLICK_JS_CHECK: the options come from secureWebPreferences (contextIsolation: true, sandbox: true); new windows, middle-click included, are denied by web-security.ts for every web contents.
  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 800,
    minHeight: 600,
    title: 'TensorRT Profiling Studio',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    saveState({ ...bounds, maximized: window.isMaximized() });
  });
  void window.loadURL(RENDERER_ENTRY_URL);
  return window;
}
