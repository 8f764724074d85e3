/**
 * The studio's window: sandboxed, context-isolated, no Node in the page, showing app://studio, at the
 * size and place it had last time (window-state.ts). Navigation and new windows are blocked for every
 * web contents (web-security.ts).
 */
import { BrowserWindow } from 'electron';
import { RENDERER_ENTRY_URL } from './renderer-protocol';
import type { WindowState } from './window-state';

export function createMainWindow(
  preloadPath: string,
  state: WindowState,
  saveState: (state: WindowState) => void,
): BrowserWindow {
  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 800,
    minHeight: 600,
    title: 'TensorRT Profiling Studio',
    show: false,
    // Written out here (not built elsewhere) so a reader and the security scan see every setting.
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK: it exposes only the typed StudioClient (contextBridge), never ipcRenderer
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would open links in new windows; new windows are denied anyway (web-security.ts).
      disableBlinkFeatures: 'Auxclick',
    },
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
