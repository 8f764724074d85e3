/**
 * The e2e harness: the real `serve` (core/server) on loopback with the renderer built by the global
 * setup, and Debian's Chromium driven by playwright-core, opened on the URL `serve` prints (so the
 * token cookie is set as a user gets it). Pages report console errors, page errors and CSP violations
 * into `problems`, which each test file checks at the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { startStudioServer, type StudioServer } from '../../electron/core/server/studio-server';
import { FIXTURES, tempDir } from '../helpers/fixtures';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test/e2e/screenshots');
export const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
export const THEMES = ['light', 'dark'] as const;

export interface Studio {
  server: StudioServer;
  browser: Browser;
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

export async function openStudio(options: { allowPaths?: string[] } = {}): Promise<Studio> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) to run the e2e tests`,
    );
  }
  const server = await startStudioServer({
    workDir: tempDir('trt-studio-serve-'),
    rendererDir: inject('rendererDir'),
    allowPaths: options.allowPaths ?? [FIXTURES],
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: SIZES[0] });
  const problems: string[] = [];
  page.on('console', (message) => {
    // A refusal the page shows to the user (4xx with one line) is an answer, not a page problem.
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(server.url);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server,
    browser,
    page,
    problems,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens files through the Open button's file input: they are uploaded to `serve`, then opened. */
export async function openByUpload(page: Page, files: string[]): Promise<void> {
  if (!(await page.getByTestId('file-input').count())) await page.goto(page.url().split('#')[0] + '#/home');
  await page.getByTestId('file-input').setInputFiles(files);
}

/** Sets the theme through the preferences the toggle writes, and waits for <html data-theme>. */
export async function setTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  for (let i = 0; i < 3; i++) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) === theme) {
      const label = await page.getByRole('button', { name: /^Theme: / }).innerText();
      if (label !== 'Theme: system') return;
    }
    await page.getByRole('button', { name: /^Theme: / }).click();
  }
}

/** Screenshots of the page as it is, in both themes and both sizes: `<name>-<theme>-<w>x<h>.png`. */
export async function screenshotAll(
  page: Page,
  name: string,
  prepare?: () => Promise<void>,
): Promise<string[]> {
  const files: string[] = [];
  for (const theme of THEMES) {
    await setTheme(page, theme);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await prepare?.();
      await page.waitForTimeout(150); // charts resize on the next frame
      const file = path.join(SCREENSHOTS, `${name}-${theme}-${size.width}x${size.height}.png`);
      await page.screenshot({ path: file });
      files.push(file);
    }
  }
  await page.setViewportSize(SIZES[0]);
  return files;
}

/** Non-background pixels of each canvas matching `selector` (a chart that drew has many). */
export async function drawnPixels(page: Page, selector: string): Promise<number[]> {
  return page.evaluate(
    (sel) =>
      Array.from(document.querySelectorAll(sel)).map((node) => {
        const canvas = node as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let drawn = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) drawn += 1;
        return drawn;
      }),
    selector,
  );
}

/** Goes to a view through the navigation (the page keeps its session; a reload would drop it). */
export async function openView(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByText(label, { exact: true }).click();
}

/**
 * Where a chart drew a pixel of the given colour (CSS px in the page), below `skipTop` px of the chart
 * (its title and legend): how a test finds a point to click on a canvas.
 */
export async function pixelOfColour(
  page: Page,
  selector: string,
  rgb: [number, number, number],
  skipTop = 70,
): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ({ sel, colour, top }) => {
      const canvas = document.querySelector(sel) as HTMLCanvasElement | null;
      if (!canvas) return null;
      const { width, height } = canvas;
      const scale = width / canvas.getBoundingClientRect().width;
      // Read a copy: repeated reads of the chart's own canvas make Chromium warn (willReadFrequently).
      const copy = document.createElement('canvas');
      copy.width = width;
      copy.height = height;
      const context = copy.getContext('2d', { willReadFrequently: true })!;
      context.drawImage(canvas, 0, 0);
      const pixels = context.getImageData(0, 0, width, height).data;
      for (let y = Math.round(top * scale); y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          const near =
            Math.abs(pixels[i]! - colour[0]) +
            Math.abs(pixels[i + 1]! - colour[1]) +
            Math.abs(pixels[i + 2]! - colour[2]);
          if (near < 12 && pixels[i + 3]! > 250) {
            const rect = canvas.getBoundingClientRect();
            // A few pixels in, toward the symbol's centre.
            return { x: rect.left + (x + 2) / scale, y: rect.top + (y + 2) / scale };
          }
        }
      }
      return null;
    },
    { sel: selector, colour: rgb, top: skipTop },
  );
}

/**
 * Drops files on the window as a user's drag and drop does: a DataTransfer holding the files'
 * bytes, dispatched as dragover then drop on the drop zone (they are then uploaded to `serve`).
 */
export async function dropFiles(page: Page, files: string[]): Promise<void> {
  const payload = files.map((file) => ({
    name: path.basename(file),
    base64: fs.readFileSync(file).toString('base64'),
  }));
  const transfer = await page.evaluateHandle((items) => {
    const data = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (char) => char.charCodeAt(0));
      data.items.add(new File([bytes], item.name));
    }
    return data;
  }, payload);
  await page.dispatchEvent('[data-testid="drop-zone"]', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer: transfer });
  await transfer.dispose();
}
