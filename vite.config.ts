/**
 * Vite build of the renderer (renderer/ -> dist/renderer). Relative asset paths so the page loads
 * from app://studio/ (Electron) as well as from `serve`. Two pages: the app and the report page.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/core/api/content-security-policy';

/**
 * Every HTML entry carries the Content-Security-Policy as a literal <meta> tag (so a reader, and the
 * electronegativity scan in `npm run lint`, see it); the build fails when it is not the one constant
 * that the desktop app's protocol and `serve` also send as a header.
 */
function contentSecurityPolicyCheck(): Plugin {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/;
  return {
    name: 'content-security-policy-check',
    transformIndexHtml: (html, context) => {
      const found = meta.exec(html)?.[1]?.replace(/\s+/g, ' ').trim();
      if (found !== CONTENT_SECURITY_POLICY) {
        throw new Error(
          `${context.filename}: its Content-Security-Policy <meta> must hold exactly "${CONTENT_SECURITY_POLICY}"`,
        );
      }
      return html;
    },
  };
}

/** Paths from this file, so the build works from any working folder (the CLI builds the report page). */
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react(), contentSecurityPolicyCheck()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    // Chromium supports module preload natively; the polyfill would only add script.
    modulePreload: { polyfill: false },
    // React + ECharts in one chunk (~0.7 MB) is fine for a page loaded from disk.
    chunkSizeWarningLimit: 1024,
    // Two pages of one build: the app, and the report page that renders a report embedded in it
    // (electron/core/report/report-page.ts builds it alone and inlines it into one file).
    rolldownOptions: {
      input: { index: here('./renderer/index.html'), report: here('./renderer/report.html') },
    },
  },
});
