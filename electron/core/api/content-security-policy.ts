/**
 * The renderer's Content-Security-Policy: only the app's own scripts and styles, no inline script,
 * no eval, no plugins, no frames, and connections only to the page's own origin (`serve`'s HTTP and
 * WebSocket contract; inside Electron, app://studio, which answers no API). It is sent as a header by
 * the app:// protocol and by `serve`, and written as a <meta> tag into index.html at build time
 * (vite.config.ts), so every way of loading the page runs under the same policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
