/** The preload's StudioClient, as the page sees it (`window.studio`). */
import type { StudioClient } from '../../electron/preload/studio-client';

declare global {
  interface Window {
    studio?: StudioClient;
  }
}

export function studio(): StudioClient {
  if (!window.studio) {
    throw new Error(
      'window.studio is missing: this page only works inside the studio window (its preload provides it)',
    );
  }
  return window.studio;
}
