/**
 * The renderer in Chromium against the real `serve`: a fixture model opened by upload shows its
 * summary (figures checked against core's own inspectModel of the same file), a file of no known kind
 * gets one line naming it and leaves the model on screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../electron/core/model/types';
import { inspectModel } from '../../electron/core/onnx/inspect-model';
import { fixture } from '../helpers/fixtures';
import { drawnPixels, openByUpload, openStudio, screenshotAll, type Studio } from './studio-page';

const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');
const JPEG = fixture('images', 'mobilenet_sample.jpg');

describe('serve: open a model by upload', () => {
  let studio: Studio;
  let model: Model;

  beforeAll(async () => {
    studio = await openStudio();
    model = inspectModel(MNIST);
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('starts on Home, saying what it accepts', async () => {
    const { page } = studio;
    await page.getByRole('heading', { name: 'Open a model or results' }).waitFor();
    expect(await page.getByText(/Accepted: ONNX models/).isVisible()).toBe(true);
    await screenshotAll(page, 'home');
  });

  it('uploads mnist, opens it and shows its summary and charts', async () => {
    const { page } = studio;
    await openByUpload(page, [MNIST]);
    const summary = page.getByRole('region', { name: 'Model summary' });
    await summary.waitFor();
    // By hand from the file: 5996 parameter elements in 7 initializers (23,992 bytes).
    const facts = await summary.locator('.cards > .card').allInnerTexts();
    expect(facts).toContain('Parameters\n6.00 k\n23.4 KiB');
    expect(facts).toContain(`FLOPs\n${(model.totals.flops / 1e6).toFixed(2)} MFLOPs`);
    const inputs = await summary.locator('.io-card').first().locator('li').allInnerTexts();
    expect(inputs).toEqual(['Input3 float32 [1, 1, 28, 28]']);
    expect(await page.getByTestId('open-name').innerText()).toContain('mnist-8_opt_wonnx.onnx');
    const pixels = await drawnPixels(page, '.chart canvas');
    expect(pixels).toHaveLength(2);
    for (const count of pixels) expect(count).toBeGreaterThan(1000);
    await screenshotAll(page, 'model-summary');
  });

  it('answers a JPEG with one line naming it, and keeps the model on screen', async () => {
    const { page } = studio;
    await page.goto(`${studio.server.origin}/#/home`);
    await openByUpload(page, [MNIST]);
    await page.getByRole('region', { name: 'Model summary' }).waitFor();
    await page.goto(`${studio.server.origin}/#/home`);
    await openByUpload(page, [JPEG]);
    const banner = page.getByRole('alert');
    await banner.waitFor();
    const text = await banner.locator('.error-text').innerText();
    expect(text.startsWith('mobilenet_sample.jpg: ')).toBe(true);
    expect(text).not.toContain('\n');
    expect(await page.getByTestId('open-name').innerText()).toContain('mnist-8_opt_wonnx.onnx');
  });

  it('ran without page errors, console errors or CSP violations', () => {
    expect(studio.problems).toEqual([]);
  });
});
