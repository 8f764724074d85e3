/**
 * Vite build of the renderer (renderer/ -> dist/renderer). Relative asset paths so the page loads
 * from app://studio/ (Electron) as well as from any static server (e2e tests). The renderer's
 * Content-Security-Policy is written into both pages here from the one constant main also sends.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/core/api/content-security-policy';

function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'content-security-policy-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** Paths from this file, so the build works from any working folder (the CLI builds the report page). */
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
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
