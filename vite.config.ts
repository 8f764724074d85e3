/**
 * Vite build of the renderer (renderer/ -> dist/renderer). Relative asset paths so the page loads
 * from app://studio/ (Electron) as well as from any static server (e2e tests). The renderer's
 * Content-Security-Policy is written into index.html here from the one constant main also sends.
 */
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

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Chromium supports module preload natively; the polyfill would only add script.
    modulePreload: { polyfill: false },
    // React + ECharts in one chunk (~0.7 MB) is fine for a page loaded from disk.
    chunkSizeWarningLimit: 1024,
  },
});
