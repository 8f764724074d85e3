/**
 * The renderer, built by vite and served from 127.0.0.1, driven in Debian's Chromium. Electron's IPC
 * cannot run here, so `window.studio` is injected; its inspectModel answers with the REAL Model that
 * core inspectModel makes of a fixture, and its errors are the real messages core gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../electron/core/errors';
import type { Model } from '../../electron/core/model/types';
import { inspectModel } from '../../electron/core/profiling/inspect-model';
import { fixture, tempDir } from '../helpers/fixtures';
import { serveFolder, type StaticServer } from './static-server';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test/e2e/screenshots');
const MODEL_PATH = fixture('models', 'mnist-8_opt_wonnx.onnx');
const BAD_PATH = fixture('images', 'mobilenet_sample.jpg');

interface FakeStudioData {
  model: Model;
  modelPath: string;
  badPath: string;
  badMessage: string;
}

/** Runs in the page before its scripts: a window.studio answering from the data given. */
function installStudio({ model, modelPath, badPath, badMessage }: FakeStudioData) {
  const page = window as unknown as Record<string, unknown>;
  const calls: string[] = [];
  const dialogAnswers: (string | null)[] = [];
  page.__studioCalls = calls;
  page.__dialogAnswers = dialogAnswers;
  page.studio = {
    openModelDialog: async () => (calls.push('openModelDialog'), dialogAnswers.shift() ?? null),
    openSessionDialog: async () => (calls.push('openSessionDialog'), null),
    grantDroppedFile: async (file: File) => {
      calls.push(`grantDroppedFile ${file.name}`);
      return modelPath; // the path the preload would read from a file dropped from the desktop
    },
    inspectModel: async (path: string) => {
      calls.push(`inspectModel ${path}`);
      if (path === modelPath) return model;
      throw new Error(path === badPath ? badMessage : `${path}: unexpected in this test`);
    },
    loadSession: async (path: string) => Promise.reject(new Error(`${path}: no sessions in this test`)),
    onMenuCommand: (listener: (command: string) => void) => {
      page.__menuCommand = listener;
      return () => undefined;
    },
  };
}

describe('renderer in Chromium', () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let model: Model;
  const pageProblems: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) to run the e2e tests`,
      );
    }
    const outDir = tempDir('trt-studio-renderer-build-');
    await build({
      configFile: path.resolve('vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    server = await serveFolder(outDir);

    model = inspectModel(MODEL_PATH);
    let badMessage = '';
    try {
      inspectModel(BAD_PATH);
    } catch (error) {
      badMessage = describeError(error);
    }
    expect(badMessage).toMatch(/^.+mobilenet_sample\.jpg: /);

    browser = await chromium.launch({
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
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') pageProblems.push(message.text());
    });
    page.on('pageerror', (error) => pageProblems.push(error.message));
    const data: FakeStudioData = { model, modelPath: MODEL_PATH, badPath: BAD_PATH, badMessage };
    await page.addInitScript(installStudio, data);
    await page.goto(server.url);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for a model until one is opened', async () => {
    await expect(page.getByText('Drop an ONNX model here, or use Open model...').isVisible()).resolves.toBe(
      true,
    );
  });

  it('opens a model from the Open button and shows its summary, top op types and lints', async () => {
    await page.evaluate(
      (file) => (window as unknown as { __dialogAnswers: string[] }).__dialogAnswers.push(file),
      MODEL_PATH,
    );
    await page.getByRole('button', { name: 'Open model...' }).click();
    const summary = page.getByRole('region', { name: 'Model summary' });
    await summary.getByRole('heading', { name: MODEL_PATH }).waitFor();

    // By hand from the file: 5996 parameter elements in 7 initializers (23,992 bytes), one
    // [1,1,28,28] float input, one [1,10] output.
    const facts = await summary.locator('.facts > div').allInnerTexts();
    expect(facts).toContain('Parameters\n6.00 k (23.4 KiB)');
    const inputs = await summary.getByRole('table').first().locator('tbody tr').allInnerTexts();
    expect(inputs).toEqual(['Input3\tfloat32\t[1, 1, 28, 28]']);
    const outputs = await summary.getByRole('table').nth(1).locator('tbody tr').allInnerTexts();
    expect(outputs).toEqual(['Plus214_Output_0\tfloat32\t[1, 10]']);
    expect(facts).toContain(`FLOPs\n${(model.totals.flops / 1e6).toFixed(2)} MFLOPs`);
    expect(facts).toContain(`Bytes moved\n${(model.totals.bytesMoved / 1024).toFixed(1)} KiB`);

    // Two bar charts, both drawn (canvas pixels that are not background).
    const charts = page.getByRole('region', { name: 'Top op types' }).getByRole('img');
    await expect(charts.count()).resolves.toBe(2);
    const drawnPixels = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.chart canvas')).map((node) => {
        const canvas = node as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let drawn = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) drawn += 1;
        return drawn;
      }),
    );
    expect(drawnPixels).toHaveLength(2);
    for (const count of drawnPixels) expect(count).toBeGreaterThan(1000);

    // The lint list shows each lint the model has: severity, message, why, fix.
    const lints = page.getByRole('region', { name: 'Lints' }).getByRole('listitem');
    await expect(lints.count()).resolves.toBe(model.lints.length);
    expect(model.lints.length).toBeGreaterThan(0);
    for (const [index, lint] of model.lints.entries()) {
      const text = await lints.nth(index).innerText();
      expect(text).toContain(lint.severity.toUpperCase());
      expect(text).toContain(lint.message);
      expect(text).toContain(`why: ${lint.why}`);
      if (lint.fix) expect(text).toContain(`fix: ${lint.fix}`);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'model-summary.png'), fullPage: true });
  });

  it('shows a core error in a banner naming the file (menu Open model...)', async () => {
    await page.evaluate(
      (file) => (window as unknown as { __dialogAnswers: string[] }).__dialogAnswers.push(file),
      BAD_PATH,
    );
    await page.evaluate(() =>
      (window as unknown as { __menuCommand: (c: string) => void }).__menuCommand('open-model'),
    );
    const banner = page.getByRole('alert');
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain(`${BAD_PATH}: not an ONNX model`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'error-banner.png') });
    await banner.getByRole('button', { name: 'Dismiss error' }).click();
    await expect(banner.count()).resolves.toBe(0);
  });

  it('opens a dropped file through grantDroppedFile', async () => {
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['not read by the page'], 'mnist-8_opt_wonnx.onnx'));
      return transfer;
    });
    const callsBefore = await page.evaluate(
      () => (window as unknown as { __studioCalls: string[] }).__studioCalls.length,
    );
    await page.dispatchEvent('[data-testid=drop-zone]', 'drop', { dataTransfer });
    await page
      .getByRole('region', { name: 'Model summary' })
      .getByRole('heading', { name: MODEL_PATH })
      .waitFor();
    const calls = await page.evaluate(() => (window as unknown as { __studioCalls: string[] }).__studioCalls);
    expect(calls.slice(callsBefore)).toEqual([
      'grantDroppedFile mnist-8_opt_wonnx.onnx',
      `inspectModel ${MODEL_PATH}`,
    ]);
  });

  it('ran without page errors, console errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
