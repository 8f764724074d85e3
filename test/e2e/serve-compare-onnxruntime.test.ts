/**
 * The comparison views on a session made in the test: core's profile job runs MobileNetV2 (alpha 0.5,
 * 128x128) on ONNX Runtime for FP32, FP16 and INT8 with a few iterations, INT8 calibrated on 4
 * coco-calib images, accuracy judged per output and per layer on 3 coco-eval images. The session file
 * is opened by upload: the accuracy view shows every variant with the figures core recorded and the
 * per-layer error curve, the roofline draws every variant, and clicking a point selects its layer in
 * the roofline's table and in the comparison's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSession } from '../../electron/core/analysis/session-analysis';
import { loadSession } from '../../electron/core/model/session';
import type { Session } from '../../electron/core/model/types';
import type { AccuracyView } from '../../electron/core/model/views/accuracy';
import { runProfileSession } from '../../electron/core/profiling/profile-session';
import { FIXTURES, fixture, tempDir } from '../helpers/fixtures';
import {
  drawnPixels,
  openByUpload,
  openStudio,
  openView,
  pixelOfColour,
  screenshotAll,
  type Studio,
} from './studio-page';

const MODEL = fixture('models', 'mobilenet_v2_128_0.5.onnx');
/** The series colours of charts/chart-theme.ts, one per variant in compared order. */
const COLOURS: [number, number, number][] = [
  [0x4c, 0x8b, 0xf5],
  [0x76, 0xb9, 0x00],
  [0xf2, 0x8e, 0x2b],
];

function someImages(folder: string, count: number, into: string): string {
  fs.mkdirSync(into, { recursive: true });
  for (const name of fs.readdirSync(folder).sort().slice(0, count))
    fs.copyFileSync(path.join(folder, name), path.join(into, name));
  return into;
}

const selectedLayer = (url: string) =>
  new URLSearchParams(url.split('#')[1]?.split('?')[1] ?? '').get('layer');

describe('serve: an ONNX Runtime session of MobileNetV2 with FP32, FP16 and INT8', () => {
  let studio: Studio;
  let session: Session;
  let sessionPath: string;
  let expected: AccuracyView;
  let labels: string[];

  beforeAll(async () => {
    const work = tempDir('trt-studio-compare-ort-');
    const calib = someImages(fixture('images', 'coco-calib'), 4, path.join(work, 'calib'));
    const evaluation = someImages(fixture('images', 'coco-eval'), 3, path.join(work, 'eval'));
    sessionPath = path.join(work, 'mobilenet.session.json');
    await runProfileSession(
      {
        kind: 'profile',
        modelPath: MODEL,
        precisions: ['fp32', 'fp16', 'int8'],
        backend: 'onnxruntime',
        iterations: 5,
        warmupIterations: 1,
        threads: 1,
        calibration: `images:${calib}`,
        calibrationMethod: 'minmax',
        evaluation: `images:${evaluation}`,
        postprocess: 'classifier',
        perLayerAccuracy: true,
        outPath: sessionPath,
      },
      () => undefined,
    );
    session = loadSession(sessionPath);
    const analysis = analyzeSession(session);
    labels = analysis.engines.map((engine) => engine.label);
    expected = analysis.accuracy!;
    studio = await openStudio({ allowPaths: [FIXTURES, work] });
    await openByUpload(studio.page, [sessionPath]);
    await studio.page.getByTestId('open-name').waitFor();
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('compares the three variants, FP32 the baseline', async () => {
    const { page } = studio;
    await openView(page, 'Compare');
    await page.getByTestId('variant-card').first().waitFor();
    expect(await page.getByTestId('variant-card').locator('h3').allInnerTexts()).toEqual(labels);
    expect(labels).toEqual(['FP32 ONNX Runtime', 'FP16 ONNX Runtime', 'INT8 ONNX Runtime']);
    // CPU runs are said to be CPU runs, never "GPU compute".
    const cards = await page.getByTestId('variant-card').allInnerTexts();
    for (const card of cards) {
      expect(card).toContain('ran on the CPU');
      expect(card, card).not.toContain('GPU compute');
    }
    await screenshotAll(page, 'compare-onnxruntime-top');
    await screenshotAll(page, 'compare-onnxruntime-table', async () => {
      await page.getByTestId('aligned-table').scrollIntoViewIfNeeded();
    });
  });

  it('shows every variant in the accuracy view, per output, with the per-layer curve', async () => {
    const { page } = studio;
    await openView(page, 'Accuracy');
    await page.getByTestId('output-metrics').waitFor();
    expect(await page.getByTestId('accuracy-variant').locator('h3').allInnerTexts()).toEqual(labels);
    expect(await page.getByTestId('judged-on').innerText()).toContain('3 real images from eval');
    const header = await page.getByTestId('output-metrics').locator('thead th').allInnerTexts();
    expect(header.slice(2)).toEqual(labels);
    const output = expected.outputs[0]!;
    const row = await page.getByTestId('output-metrics').locator('tbody tr').first().innerText();
    expect(row).toContain(output.name);
    for (const cell of output.cells.slice(1))
      expect(row).toContain(cell!.find((m) => m.name === 'cosine')!.value.toFixed(6));
    expect(expected.curves.map((curve) => curve.label)).toEqual(labels.slice(1));
    const [pixels] = await drawnPixels(page, '[data-testid="chart-error-curve"] canvas');
    expect(pixels).toBeGreaterThan(2000);
    await screenshotAll(page, 'accuracy-onnxruntime');
  });

  it('flags a variant under the threshold the user sets', async () => {
    const { page } = studio;
    const worst = Math.min(...expected.variants.flatMap((v) => (v.headline ? [v.headline.value] : [])));
    await page.getByTestId('accuracy-threshold').fill('1');
    if (worst < 1) await page.getByTestId('accuracy-flagged').waitFor();
    await page.getByTestId('accuracy-threshold').fill('0.5');
    expect(await page.getByTestId('accuracy-flagged').count()).toBe(0);
    await page.getByTestId('accuracy-threshold').fill('0.99');
  });

  it('draws every variant on the roofline; a click on a point selects its layer in both tables', async () => {
    const { page } = studio;
    await openView(page, 'Roofline');
    await page.getByTestId('chart-roofline').waitFor();
    const coverage = await page.getByTestId('roofline-coverage').locator('li').allInnerTexts();
    expect(coverage.map((line) => line.split(':')[0])).toEqual(labels);
    for (const line of coverage) expect(Number(/(\d+) layers drawn/.exec(line)![1])).toBeGreaterThan(0);
    await page.evaluate(() => (location.hash = '#/roofline'));
    await page.waitForFunction(() => !location.hash.includes('layer='));
    await page.waitForTimeout(200);
    // Every variant drew points in its own colour.
    for (const colour of COLOURS) {
      expect(await pixelOfColour(page, '[data-testid="chart-roofline"] canvas', colour)).not.toBeNull();
    }
    const point = await pixelOfColour(page, '[data-testid="chart-roofline"] canvas', COLOURS[2]!);
    await page.mouse.click(point!.x, point!.y);
    await page.waitForFunction(() => location.hash.includes('layer='));
    const layer = selectedLayer(page.url())!;
    const selected = page.getByTestId('roofline-points').locator('[role="row"][aria-selected="true"]');
    expect(await selected.count()).toBeGreaterThan(0);
    await screenshotAll(page, 'roofline-onnxruntime');
    await openView(page, 'Compare');
    await page.getByTestId('aligned-table').waitFor();
    expect(
      await page
        .getByTestId('aligned-table')
        .locator('[role="row"][aria-selected="true"]')
        .getAttribute('data-key'),
    ).toBe(layer);
  });

  it('shows the engine report of the INT8 variant', async () => {
    const { page } = studio;
    await openView(page, 'Engine report');
    await page.getByTestId('variant-picker').selectOption({ label: 'INT8 ONNX Runtime' });
    const summary = await page.getByTestId('engine-summary').innerText();
    expect(summary).toContain('ONNX Runtime');
    expect(summary).toContain('(CPU)');
    await screenshotAll(page, 'engine-onnxruntime');
  });

  it('ran without page errors, console errors or CSP violations', () => {
    expect(studio.problems).toEqual([]);
  });
});
