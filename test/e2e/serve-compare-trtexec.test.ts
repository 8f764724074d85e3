/**
 * The comparison views in Chromium against the real `serve`, on the three ResNet-18 A100 trtexec runs
 * of TREx's examples (FP32, FP16, QAT INT8), opened by upload, all their files at once: three cards
 * with FP32 as the baseline (although the FP16 files come first), the aligned rows and the top
 * regression with its reasons as core computes them from the same files, filters that change the rows
 * as core's filter does, the engine report, and the roofline, where clicking a point selects its layer
 * in the roofline's table and in the comparison's.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSession } from '../../electron/core/analysis/session-analysis';
import { filesToSession } from '../../electron/core/importers/files-to-session';
import type { ComparisonView } from '../../electron/core/model/views/comparison';
import { filterRows } from '../../electron/core/model/views/row-filter';
import type { SessionAnalysis } from '../../electron/core/model/views/session-analysis';
import { fixture } from '../helpers/fixtures';
import {
  drawnPixels,
  openByUpload,
  openStudio,
  openView,
  pixelOfColour,
  screenshotAll,
  type Studio,
} from './studio-page';

const RESNET = fs
  .readdirSync(fixture('trtexec'))
  .filter((name) => /^pytorch__resnet__A100__(fp32__resnet|fp16__resnet|qat__resnet-qat)\./.test(name))
  .map((name) => fixture('trtexec', name));

/** The first series colour of charts/chart-theme.ts: the baseline's points. */
const BASELINE_COLOUR: [number, number, number] = [0x4c, 0x8b, 0xf5];

const selectedLayer = (url: string) =>
  new URLSearchParams(url.split('#')[1]?.split('?')[1] ?? '').get('layer');

describe('serve: the ResNet-18 A100 FP32, FP16 and QAT runs compared', () => {
  let studio: Studio;
  let analysis: SessionAnalysis;
  let expected: ComparisonView;

  beforeAll(async () => {
    studio = await openStudio();
    analysis = analyzeSession((await filesToSession(RESNET)).session);
    expected = analysis.comparison!;
    await openByUpload(studio.page, RESNET);
    await studio.page.getByTestId('open-name').waitFor();
    await openView(studio.page, 'Compare');
    await studio.page.getByTestId('variant-card').first().waitFor();
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('shows three cards, FP32 the baseline, labelled by precision and backend', async () => {
    const { page } = studio;
    // The files come FP16 first (alphabetically); the baseline is still FP32.
    expect(RESNET[0]).toMatch(/fp16/);
    const cards = page.getByTestId('variant-card');
    expect(await cards.count()).toBe(3);
    expect(await cards.locator('h3').allInnerTexts()).toEqual([
      'FP32 TensorRT',
      'FP16 TensorRT',
      'INT8 TensorRT',
    ]);
    expect(await page.getByTestId('baseline').inputValue()).toBe('FP32 TensorRT');
    const speedups = await page.getByTestId('card-speedup').allInnerTexts();
    expect(speedups[0]).toContain(`${expected.cards[1]!.speedup!.value.toFixed(2)}x`);
    // Imported runs carry no accuracy: the cards say so rather than showing a number.
    expect(await page.getByTestId('card-accuracy').nth(1).innerText()).toContain('not measured');
    await screenshotAll(page, 'compare-trtexec-top');
  });

  it('shows the aligned rows and the top regression with its reasons, as core computes them', async () => {
    const { page } = studio;
    const total = expected.rows.length;
    expect(await page.getByTestId('aligned-table').locator('.data-table-count').innerText()).toBe(
      `${total} rows`,
    );
    expect(await page.getByTestId('alignment-line').innerText()).toContain(
      `${expected.alignment.matched} of ${expected.alignment.rows} rows aligned`,
    );
    const top = expected.regressions[0]!;
    const first = page.getByTestId('regression').first();
    expect(await first.locator('.regression-head').innerText()).toContain(top.rowKey);
    expect(await first.locator('.regression-head').innerText()).toContain(
      `${top.slower} slower than ${top.faster}`,
    );
    expect(await first.locator('.reasons li').allInnerTexts()).toEqual(top.reasons);
    expect(await page.getByTestId('regression').count()).toBe(Math.min(6, expected.regressions.length));
    expect(await page.getByTestId('unaligned-table').getByRole('table').getAttribute('aria-rowcount')).toBe(
      String(expected.unaligned.length),
    );
  });

  it('changes the rows with each filter as core filters them', async () => {
    const { page } = studio;
    const total = expected.rows.length;
    const count = async () => page.getByTestId('aligned-table').locator('.data-table-count').innerText();
    const cases: [string, () => Promise<void>, () => Promise<void>, Parameters<typeof filterRows>[1]][] = [
      [
        'regressions',
        () => page.getByTestId('filter-regressionsOnly').check(),
        () => page.getByTestId('filter-regressionsOnly').uncheck(),
        { regressionsOnly: true },
      ],
      [
        'precision',
        () => page.getByTestId('filter-precisionMismatch').check(),
        () => page.getByTestId('filter-precisionMismatch').uncheck(),
        { precisionMismatch: true },
      ],
      [
        'tactic',
        () => page.getByTestId('filter-tacticMismatch').check(),
        () => page.getByTestId('filter-tacticMismatch').uncheck(),
        { tacticMismatch: true },
      ],
      [
        'unaligned',
        () => page.getByTestId('filter-unalignedOnly').check(),
        () => page.getByTestId('filter-unalignedOnly').uncheck(),
        { unalignedOnly: true },
      ],
      [
        'pooling',
        () =>
          page
            .getByTestId('filter-layerType')
            .selectOption('Pooling')
            .then(() => undefined),
        () =>
          page
            .getByTestId('filter-layerType')
            .selectOption('')
            .then(() => undefined),
        { layerType: 'Pooling' },
      ],
    ];
    const seen = new Set<number>();
    for (const [, apply, undo, filter] of cases) {
      await apply();
      const rows = filterRows(expected.rows, filter);
      seen.add(rows.length);
      expect(await count()).toBe(`${rows.length} of ${total} rows`);
      const shown = await page
        .getByTestId('aligned-table')
        .locator('[role="row"][data-key]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')));
      expect(shown).toEqual(rows.map((row) => row.key).slice(0, shown.length));
      await undo();
    }
    // The filters do not all keep the same rows (each one filters something).
    expect(seen.size).toBeGreaterThan(2);
    expect(await count()).toBe(`${total} rows`);
  });

  it("selects a regression's layer in the table and shows it in every variant", async () => {
    const { page } = studio;
    const top = expected.regressions.find((r) => !r.wholeEngine)!;
    await page.getByTestId('regression').first().getByRole('button', { name: top.rowKey }).click();
    await page.getByTestId('layer-detail').waitFor();
    expect(
      await page
        .getByTestId('aligned-table')
        .locator('[role="row"][aria-selected="true"]')
        .getAttribute('data-key'),
    ).toBe(top.rowKey);
    expect(await page.getByTestId('layer-detail').locator('h4').allInnerTexts()).toEqual(expected.labels);
    await screenshotAll(page, 'compare-trtexec-table', async () => {
      await page.getByTestId('aligned-table').scrollIntoViewIfNeeded();
    });
  });

  it('draws the charts', async () => {
    const { page } = studio;
    for (const id of [
      'chart-type-time',
      'chart-precision-layers',
      'chart-precision-time',
      'chart-slowest',
      'chart-conversion',
      'chart-payoff',
    ]) {
      const [pixels] = await drawnPixels(page, `[data-testid="${id}"] canvas`);
      expect(pixels, id).toBeGreaterThan(2000);
    }
    await screenshotAll(page, 'compare-trtexec-charts', async () => {
      await page.getByTestId('chart-type-time').scrollIntoViewIfNeeded();
    });
  });

  it('shows the engine report of the INT8 run with its lints', async () => {
    const { page } = studio;
    await openView(page, 'Engine report');
    await page.getByTestId('variant-picker').selectOption({ label: 'INT8 TensorRT' });
    const report = analysis.reports![2]!;
    const summary = await page.getByTestId('engine-summary').innerText();
    expect(summary).toContain(`${report.summary.layers} (+${report.summary.foldedLayers} folded`);
    expect(summary).toContain('input.1 [32, 3, 224, 224] float32');
    expect(await page.getByTestId('engine-layers').getByRole('table').getAttribute('aria-rowcount')).toBe(
      String(report.layers.length),
    );
    expect(await page.locator('.lint').count()).toBe(report.lints.length);
    await screenshotAll(page, 'engine-trtexec');
  });

  it('draws the roofline on the A100 datasheet; a click on a point selects its layer in both tables', async () => {
    const { page } = studio;
    await openView(page, 'Roofline');
    await page.getByTestId('chart-roofline').waitFor();
    // No layer selected: the hash without parameters clears the selection.
    await page.evaluate(() => (location.hash = '#/roofline'));
    await page.waitForFunction(() => !location.hash.includes('layer='));
    expect(await page.getByTestId('ceilings-label').innerText()).toContain('datasheet: NVIDIA A100');
    await page.waitForTimeout(300);
    const point = await pixelOfColour(page, '[data-testid="chart-roofline"] canvas', BASELINE_COLOUR);
    expect(point).not.toBeNull();
    await page.mouse.click(point!.x, point!.y);
    await page.waitForFunction(() => location.hash.includes('layer='));
    const layer = selectedLayer(page.url());
    expect(layer, page.url()).toBeTruthy();
    expect(expected.rows.some((row) => row.key === layer)).toBe(true);
    const selected = page.getByTestId('roofline-points').locator('[role="row"][aria-selected="true"]');
    expect(await selected.first().getAttribute('data-key')).toMatch(/^0\|/);
    await screenshotAll(page, 'roofline-trtexec');
    await openView(page, 'Compare');
    await page.getByTestId('aligned-table').waitFor();
    expect(
      await page
        .getByTestId('aligned-table')
        .locator('[role="row"][aria-selected="true"]')
        .getAttribute('data-key'),
    ).toBe(layer);
  });

  it('ran without page errors, console errors or CSP violations', () => {
    expect(studio.problems).toEqual([]);
  });
});

describe('serve: runs of different networks compared (AlexNet and ResNet-18, TensorRT 10 FP16)', () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await openStudio();
    const runs = fs
      .readdirSync(fixture('trtexec'))
      .filter((name) => /^trt10__(alexnet|resnet18)_fp16\./.test(name))
      .map((name) => fixture('trtexec', name));
    await openByUpload(studio.page, runs);
    await studio.page.getByTestId('open-name').waitFor();
    await openView(studio.page, 'Compare');
    await studio.page.getByTestId('variant-card').first().waitFor();
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('says so plainly and shows only what compares: the cards and the per-engine charts', async () => {
    const { page } = studio;
    const notes = await page.getByRole('list', { name: 'Before you read' }).innerText();
    expect(notes).toMatch(/built from different models .* their layers do not line up/);
    expect(await page.getByTestId('different-models').isVisible()).toBe(true);
    expect(await page.getByTestId('aligned-table').count()).toBe(0);
    expect(await page.getByTestId('regression').count()).toBe(0);
    expect(await page.getByTestId('variant-card').count()).toBe(2);
    // No speedup across different networks.
    expect(await page.getByTestId('card-speedup').allInnerTexts()).toEqual([
      'speedup: — (another network: no speedup against the baseline)',
    ]);
    const [pixels] = await drawnPixels(page, '[data-testid="chart-type-time"] canvas');
    expect(pixels).toBeGreaterThan(2000);
    await screenshotAll(page, 'compare-different-models');
  });

  it('ran without page errors, console errors or CSP violations', () => {
    expect(studio.problems).toEqual([]);
  });
});
