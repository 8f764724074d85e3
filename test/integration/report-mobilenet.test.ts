/**
 * The main job on a real model in one command: `trt-studio profile mobilenet_v2_128_0.5.onnx
 * --precisions fp32,fp16,int8 --report report.html --report-formats all` on ONNX Runtime (few
 * iterations), calibrated on the COCO calibration images and judged with its pipeline timed on the
 * evaluation images. Then every format is checked against the session it was made from and what core
 * computes of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareEngines } from '../../electron/core/analysis/comparison';
import { calibrationChoiceTables } from '../../electron/core/model/calibration-choice-table';
import { loadSession } from '../../electron/core/model/session';
import type { Session } from '../../electron/core/model/types';
import type { Report } from '../../electron/core/model/report';
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
  SCREENSHOTS,
  tableRows,
  tooltipAppears,
  FIRST_SERIES_COLOR,
  type OpenedReport,
} from '../helpers/report-files-check';

describe('report of an ONNX Runtime session of mobilenet_v2_128_0.5', () => {
  const dir = tempDir('trt-studio-report-mobilenet-');
  const out = path.join(dir, 'out');
  const sessionPath = path.join(dir, 'mobilenet.session.json');
  let stdout = '';
  let session: Session;
  let report: Report;
  let browser: Browser;
  let opened: OpenedReport;

  beforeAll(async () => {
    const result = runCli(
      [
        'profile',
        fixture('models', 'mobilenet_v2_128_0.5.onnx'),
        '--precisions',
        'fp32,fp16,int8',
        '--iterations',
        '8',
        '--warmup',
        '2',
        '--threads',
        '1',
        '--calib',
        `images:${fixture('images', 'coco-calib')}`,
        '--eval',
        `images:${fixture('images', 'coco-eval')}`,
        '--eval-limit',
        '3',
        '--postprocess',
        'classifier',
        '--out',
        sessionPath,
        '--report',
        path.join(out, 'report.html'),
        '--report-formats',
        'all',
      ],
      { timeoutMs: 240_000 },
    );
    expect(result.stderr).not.toMatch(/trt-studio: /);
    expect(result.code).toBe(0);
    stdout = result.stdout;
    session = loadSession(sessionPath);
    report = readValidReport(path.join(out, 'report.json'));
    browser = await launchChromium();
    opened = await openReport(browser, path.join(out, 'report.html'));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says which backend it picked and why, and writes every format beside report.html', () => {
    expect(stdout).toMatch(/^backend: onnxruntime on the CPU, because TensorRT is not available here: .+/m);
    expect(stdout).toContain(`report written: ${path.join(out, 'report.html')}`);
    expect(fs.readdirSync(out).sort()).toEqual(EVERY_REPORT_FILE);
  });

  it('JSON: the session’s variants, how each was made, and the comparison core computes', () => {
    expect(report.variants.map((v) => v.label)).toEqual([
      'FP32 ONNX Runtime',
      'FP16 ONNX Runtime',
      'INT8 ONNX Runtime',
    ]);
    const int8 = report.variants[2]!;
    expect(int8.recipe!.calibrationData).toBe(`images:${fixture('images', 'coco-calib')}`);
    expect(int8.recipe!.calibrationSamples).toBe(48);
    const int8Variant = session.variants.find((v) => v.precision === 'int8')!;
    expect(int8.recipe!.keptInFloat).toEqual(int8Variant.keptHigherPrecision);
    // The automatic choice (the default method), as the Session view shows it.
    expect(int8.recipe!.calibrationChoice).toEqual(calibrationChoiceTables(int8Variant.calibrationChoice!));
    expect(int8.recipe!.calibrationChoice!.placements.length).toBeGreaterThan(1);
    for (const variant of report.variants.slice(1)) expect(variant.accuracy!.inputs).toBe(3);
    const byPrecision = (p: string) => session.engines.find((e) => e.precision === p)!;
    const comparison = compareEngines(
      ['fp32', 'fp16', 'int8'].map((p) => ({
        engine: byPrecision(p),
        profile: session.profiles.find((profile) => profile.engineId === byPrecision(p).id),
        label: p,
      })),
    );
    expect(report.layers.rows.map((row) => row.key)).toEqual(comparison.rows.map((row) => row.key));
    expect(report.regressions.map((r) => [r.layer, r.deltaMs])).toEqual(
      comparison.regressions.map((r) => [r.rowKey, r.deltaMs]),
    );
    // Images were decoded, resized and normalized around the model: the pipeline share is measured.
    expect(report.pipelines.map((p) => p.variant)).toEqual([0, 1, 2]);
    for (const pipeline of report.pipelines) expect(pipeline.prePostPercent).toBeGreaterThan(0);
    expect(report.int8Payoff.map((p) => p.variant)).toEqual([2]);
  });

  it('CSV: one row per layer and variant, one per variant', () => {
    const layers = session.engines.reduce((sum, engine) => sum + engine.layers.length, 0);
    expect(csvRows(path.join(out, 'report.layers.csv'))).toHaveLength(layers);
    expect(csvRows(path.join(out, 'report.variants.csv'))).toHaveLength(3);
  });

  it('trace: the session’s profiler and pipeline traces, read back', async () => {
    const trace = await readTraceBack(path.join(out, 'report.trace.json'));
    expect(trace.spans.count).toBe(session.traces.reduce((sum, t) => sum + t.spans.count, 0));
  });

  it('PDF: renders to PNG pages, none blank', async () => {
    await expectInkedPdfPages(path.join(out, 'report.pdf'), 'report-mobilenet-pdf', 4);
  });

  it('HTML: offline, no console error, no request, every chart drawn with tooltips', async () => {
    await screenshotPages(opened.page, 'report-mobilenet');
    expect(opened.problems).toEqual([]);
    expect(opened.requests).toEqual([expect.stringMatching(/report\.html$/)]);
    const charts = await drawnCharts(opened.page);
    expect(charts.map((c) => c.label)).toContain('Roofline: achieved FLOP/s against arithmetic intensity');
    expect(charts.map((c) => c.label)).toContain('End-to-end time by stage (ms, means)');
    expect(charts.filter((c) => c.label.startsWith('How busy each track was'))).toHaveLength(6);
    for (const chart of charts) expect(chart.drawn, chart.label).toBeGreaterThan(1000);
    // An FP32 point of the roofline (the first series colour).
    expect(
      await tooltipAppears(
        opened.page,
        'Roofline: achieved FLOP/s against arithmetic intensity',
        FIRST_SERIES_COLOR,
      ),
    ).toBe(true);
  });

  it('HTML: tables hold the expected rows, sort, and links land', async () => {
    const { page } = opened;
    await expect(tableRows(page, 'Layers').count()).resolves.toBe(report.layers.rows.length);
    await expect(tableRows(page, 'Accuracy').count()).resolves.toBe(2);
    const choice = report.variants[2]!.recipe!.calibrationChoice!;
    await page
      .getByText('How INT8 ONNX Runtime was calibrated: methods compared, INT8 placements tried')
      .click();
    const placements = await tableRows(page, 'INT8 placements').allInnerTexts();
    expect(placements.map((row) => row.split('\t')[0])).toEqual(choice.placements.map((p) => p.placement));
    await expect(tableRows(page, 'Calibration methods').count()).resolves.toBe(choice.methods.length);
    await page
      .locator('.report-calibration')
      .screenshot({ path: path.join(SCREENSHOTS, 'report-mobilenet-calibration-choice.png') });
    const slowest = page.getByRole('table', { name: 'Slowest layers', exact: true });
    await slowest.getByRole('button', { name: 'time ms' }).click();
    await slowest.getByRole('button', { name: 'time ms' }).click(); // ascending
    const times = (await slowest.locator('tbody tr td:nth-child(5)').allInnerTexts()).map(Number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await brokenAnchors(page)).toEqual([]);
  });
});
