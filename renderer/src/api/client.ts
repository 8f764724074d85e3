/**
 * The page's StudioClient: the preload's IPC client inside the desktop app (`window.studio`), the
 * HTTP/WebSocket client in a browser. Views call `client()` and never know which.
 */
import type { StudioClient } from '../../../electron/core/api/studio-client';
import { createHttpClient } from './http-client';

declare global {
  interface Window {
    studio?: StudioClient;
  }
}

let chosen: StudioClient | null = null;

export function client(): StudioClient {
  chosen ??= window.studio ?? createHttpClient();
  return chosen;
}
