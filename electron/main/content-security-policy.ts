/**
 * The renderer's Content-Security-Policy: only the app's own scripts and styles, no inline script,
 * no eval, no network, no plugins, no frames. It is sent as a header by the app:// protocol and
 * written as a <meta> tag into index.html at build time (vite.config.ts), so the page served to a
 * browser in tests runs under the same policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
