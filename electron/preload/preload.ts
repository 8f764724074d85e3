/**
 * Preload (bundled to dist/electron/preload/preload.cjs; runs sandboxed, isolated from the page):
 * exposes the StudioClient over IPC as `window.studio` and nothing else. The page never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createStudioClient } from './ipc-studio-client';

contextBridge.exposeInMainWorld(
  'studio',
  createStudioClient(ipcRenderer, (file) => webUtils.getPathForFile(file)),
);
