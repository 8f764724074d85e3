/**
 * Locks down every web contents the app creates: no navigation away from the app's page (a dropped
 * file or a link would otherwise replace it), no new windows, no <webview>, no permission prompts
 * (camera, notifications, ...): the studio needs none of them.
 */
import type { App, Session, WebContents } from 'electron';

export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function lockDownAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
