/**
 * `trt-studio report` on the ResNet-18 A100 FP32 / FP16 / QAT trtexec runs (TREx's examples), every
 * format. Expected figures are those derived in python from the JSON files (see
 * test/unit/analysis/resnet-comparison.test.ts): 36 aligned rows, 23 matched in all three, 6 regressions
 * (the largest: Conv_0 + Relu_1, INT8 slower than FP16 by 0.090112 ms); 24 + 25 + 35 = 84 layers.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesToSession } from '../../electron/core/importers/files-to-session';
import { saveSession } from '../../electron/core/model/session';
import type { Report } from '../../electron/core/model/report';
import { LAYER_CSV_HEADER, VARIANT_CSV_HEADER } from '../../electron/core/report/csv-export';
import { runCli } from '../helpers/cli';
import { fixture, tempDir } from '../helpers/fixtures';
import {
  brokenAnchors,
  csvRows,
  drawnCharts,
  launchChromium,
  openReport,
  expectInkedPdfPages,
  EVERY_REPORT_FILE,
  readTraceBack,
  readValidReport,
  screenshotPages,
  tableRows,
  tooltipAppears,
  FIRST_SERIES_COLOR,
  type OpenedReport,
} from '../helpers/report-files-check';

/** Every file of the three runs: layer info, profile, TREx's metadata, and FP16's per-inference times. */
const RUNS = ['fp32__resnet', 'fp16__resnet', 'qat__resnet-qat'];
const files = fs
  .readdirSync(fixture('trtexec'))
  .filter((name) => RUNS.some((run) => name.startsWith(`pytorch__resnet__A100__${run}.`)))
  .map((name) => fixture('trtexec', name));

describe('report of the ResNet-18 A100 fp32 / fp16 / qat trtexec runs', () => {
  const dir = tempDir('trt-studio-report-resnet-');
  const out = path.join(dir, 'out');
  const sessionPath = path.join(dir, 'resnet.session.json');
  let report: Report;
  let browser: Browser;
  let opened: OpenedReport;

  beforeAll(async () => {
    saveSession(sessionPath, (await filesToSession(files)).session);
    const result = runCli(['report', sessionPath, '--format', 'html,json,csv,pdf,trace', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    report = readValidReport(path.join(out, 'report.json'));
    browser = await launchChromium();
    opened = await openReport(browser, path.join(out, 'report.html'));
  });

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every format and nothing else', () => {
    expect(fs.readdirSync(out).sort()).toEqual(EVERY_REPORT_FILE);
  });

  it('JSON: three variants, FP32 the baseline, the aligned rows and regressions core finds', () => {
    expect(report.variants.map((v) => v.label)).toEqual(['FP32 TensorRT', 'FP16 TensorRT', 'INT8 TensorRT']);
    expect(report.variants[0]!.isBaseline).toBe(true);
    expect(report.layers.rows).toHaveLength(36);
    expect(report.layers.matched).toBe(23);
    expect(report.regressions).toHaveLength(6);
    const top = report.regressions[0]!;
    expect([top.layer, report.variants[top.slower]!.label, report.variants[top.faster]!.label]).toEqual([
      'Conv_0 + Relu_1',
      'INT8 TensorRT',
      'FP16 TensorRT',
    ]);
    expect(top.deltaMs).toBeCloseTo(0.090112, 6);
    // trtexec's summaries: GPU compute medians 1.99072 / 0.862183 / 0.882568 ms (profile.metadata.json).
    expect(report.variants.map((v) => v.latency!.p50Ms)).toEqual([1.99072, 0.862183, 0.882568]);
    expect(report.variants[1]!.speedup).toBeCloseTo(1.99072 / 0.862183, 10);
    // No recorded trace: the timeline holds one inference per variant from the per-layer means.
    expect(report.timeline.layerSequences.map((s) => s.layers.length)).toEqual([24, 25, 35]);
  });

  it('CSV: one row per layer and variant, one per variant', () => {
    const header = fs.readFileSync(path.join(out, 'report.layers.csv'), 'utf8').split('\r\n')[0];
    expect(header).toBe(LAYER_CSV_HEADER.join(','));
    const layers = csvRows(path.join(out, 'report.layers.csv'));
    expect(layers).toHaveLength(24 + 25 + 35);
    expect(layers.filter((row) => row[1] === 'INT8 TensorRT')).toHaveLength(35);
    const variants = csvRows(path.join(out, 'report.variants.csv'));
    expect(variants.map((row) => row[0])).toEqual(['FP32 TensorRT', 'FP16 TensorRT', 'INT8 TensorRT']);
    // The caveats hold commas and quotes: quoted, they come back whole.
    const caveats = VARIANT_CSV_HEADER.indexOf('caveats');
    expect(variants.map((row) => row[caveats])).toEqual(report.variants.map((v) => v.caveats.join(' | ')));
    expect(variants[1]![caveats]).toContain('"pytorch__resnet__A100__fp16__resnet"');
  });

  it('trace: the layer sequences read back by the Chrome trace importer', async () => {
    const trace = await readTraceBack(path.join(out, 'report.trace.json'));
    expect(trace.spans.count).toBe(24 + 25 + 35);
  });

  it('PDF: renders to PNG pages, none blank', async () => {
    await expectInkedPdfPages(path.join(out, 'report.pdf'), 'report-resnet-pdf', 4);
  });

  it('HTML: opens offline with no console error and no request but itself', async () => {
    await screenshotPages(opened.page, 'report-resnet');
    expect(opened.problems).toEqual([]);
    expect(opened.requests).toEqual([expect.stringMatching(/report\.html$/)]);
  });

  it('HTML: every chart draws, and a chart shows a tooltip on hover', async () => {
    const charts = await drawnCharts(opened.page);
    expect(charts.map((c) => c.label)).toEqual([
      'Latency p50 per variant (ms)',
      'The 12 slowest aligned layers (ms)',
      'Time per layer type (ms, per-layer means)',
      'Roofline: achieved FLOP/s against arithmetic intensity',
      'One inference, layer after layer (per-layer means, coloured by type)',
    ]);
    for (const chart of charts) expect(chart.drawn, chart.label).toBeGreaterThan(2000);
    // The FP32 bar (the first series colour) of the latency chart.
    expect(await tooltipAppears(opened.page, 'Latency p50 per variant (ms)', FIRST_SERIES_COLOR)).toBe(true);
  });

  it('HTML: tables hold the expected rows and sort on a header click', async () => {
    const { page } = opened;
    await expect(tableRows(page, 'Variants').count()).resolves.toBe(3);
    await expect(tableRows(page, 'Layers').count()).resolves.toBe(36);
    await expect(tableRows(page, 'Regressions').count()).resolves.toBe(6);
    const layers = page.getByRole('table', { name: 'Layers', exact: true });
    await layers.getByRole('button', { name: 'FP32 TensorRT ms' }).click();
    const times = (await layers.locator('tbody tr td:nth-child(3)').allInnerTexts()).map(
      (t) => t.split(' ')[0]!,
    );
    const known = times.filter((t) => t !== 'absent').map(Number);
    expect(known[0]).toBe(0.5222); // Conv_0 + Relu_1, the slowest FP32 layer
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(times.slice(known.length).every((t) => t === 'absent')).toBe(true);
  });

  it('HTML: every in-page link has its target, and a regression links to its layer row', async () => {
    const { page } = opened;
    expect(await brokenAnchors(page)).toEqual([]);
    await page.getByRole('link', { name: 'Roofline', exact: true }).click();
    expect(await page.evaluate(() => location.hash)).toBe('#roofline');
    await page.getByRole('table', { name: 'Regressions' }).getByRole('link', { name: 'MaxPool_2' }).click();
    const row = page.locator(':target');
    await expect(row.evaluate((el) => el.tagName)).resolves.toBe('TR');
    expect(await row.locator('td').first().innerText()).toBe('MaxPool_2');
  });
});
