/**
 * Pieces of the headless-Chromium benchmarks: the studio (renderer built for the run, the real `serve`,
 * Chromium on its Home page), and the page script
 * that times a view's first render (from the hash change to the first row of its table painted).
 * Page scripts are text: tsx's helpers (__name) do not exist inside the page.
 */
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startStudioServer } from '../../electron/core/server/studio-server';

export const CHROMIUM = '/usr/bin/chromium';

/** Builds the renderer into `outDir` (what `serve` serves). */
export async function buildRenderer(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: path.resolve('vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
}

/** A page script resolving to the ms from going to `#/<view>` to the first `rowSelector` painted. */
export function firstRenderScript(view: string, rowSelector: string): string {
  return `new Promise((resolve) => {
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (!document.querySelector('${rowSelector}')) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - started));
  });
  observer.observe(document.body, { childList: true, subtree: true });
  location.hash = '#/${view}';
})`;
}

export interface BenchStudio {
  page: Page;
  close(): Promise<void>;
}

/** Builds the renderer into `work`, starts `serve` there and opens Chromium on its Home page. */
export async function openBenchStudio(
  work: string,
  viewport: { width: number; height: number },
): Promise<BenchStudio> {
  const rendererDir = path.join(work, 'renderer');
  await buildRenderer(rendererDir);
  const server = await startStudioServer({ workDir: path.join(work, 'serve'), rendererDir, allowPaths: [] });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport });
  await page.goto(server.url);
  await page.getByTestId('file-input').waitFor({ state: 'attached' });
  return {
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
