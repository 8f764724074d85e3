/**
 * The timeline in Chromium against the real `serve`: profile4.sqlite by upload shows its streams and
 * NVTX ranges, W/S/A/D move the visible range, an area selection's aggregate for a kernel equals SQL
 * over the same file; a Kineto trace opens; a profiled ONNX Runtime session shows its pipeline stages
 * around the model's layers, and its FP32 and FP16 runs aligned by layer put the same layer at the
 * same place. Screenshots of each, in both themes and sizes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Database } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeTrace } from '../../electron/core/analysis/trace-summary';
import { importChromeTrace } from '../../electron/core/importers/chrome-trace';
import { openSqliteFile } from '../../electron/core/importers/sqlite-database';
import { loadSession } from '../../electron/core/model/session';
import { runCli } from '../helpers/cli';
import { FIXTURES, fixture, tempDir } from '../helpers/fixtures';
import { openByUpload, openStudio, screenshotAll, type Studio } from './studio-page';

const PROFILE4 = fixture('nsys', 'profile4.sqlite');
const KINETO = fixture('traces', 'hta_alexnet_a100_inference_trace.json.gz');

interface View {
  startNs: number;
  endNs: number;
}

async function visibleRange(page: Page): Promise<View> {
  const canvas = page.getByTestId('timeline-canvas');
  return {
    startNs: Number(await canvas.getAttribute('data-view-start')),
    endNs: Number(await canvas.getAttribute('data-view-end')),
  };
}

/** Waits until the visible range differs from `before` (a frame was drawn after the key). */
async function rangeAfter(page: Page, before: View): Promise<View> {
  await page.waitForFunction(
    ([start, end]) => {
      const canvas = document.querySelector('[data-testid=timeline-canvas]') as HTMLElement | null;
      return canvas && (Number(canvas.dataset.viewStart) !== start || Number(canvas.dataset.viewEnd) !== end);
    },
    [before.startNs, before.endNs],
  );
  return visibleRange(page);
}

/** Opens files by upload, then the Timeline view from the navigation, as a user does. */
async function openInTimeline(page: Page, files: string[]): Promise<void> {
  await page.evaluate(() => (location.hash = '#/home'));
  await openByUpload(page, files);
  await page.waitForFunction(() => !location.hash.startsWith('#/home'));
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Timeline' }).click();
  await page.getByTestId('timeline-canvas').waitFor();
}

/** Waits until the canvas has drawn `traceIds` from their loaded windows. */
async function drawn(page: Page, traceIds: string[]): Promise<void> {
  await page.waitForFunction((ids) => {
    const canvas = document.querySelector('[data-testid=timeline-canvas]') as HTMLElement | null;
    return canvas?.dataset.traces === ids.join(',') && canvas.dataset.loaded === 'true';
  }, traceIds);
}

/** Track labels on screen (the DOM column beside the canvas). */
async function trackLabels(page: Page): Promise<string[]> {
  return page.locator('.timeline-label.track .timeline-label-text').allInnerTexts();
}

/** Pixels drawn (not background) in the canvas over one track row, found by its label. */
async function pixelsInRow(page: Page, label: string): Promise<number> {
  return page.evaluate((text) => {
    const row = [...document.querySelectorAll('.timeline-label.track')].find(
      (node) => node.querySelector('.timeline-label-text')?.textContent === text,
    ) as HTMLElement | undefined;
    const canvas = document.querySelector('canvas.timeline-tracks') as HTMLCanvasElement;
    if (!row) return -1;
    const ratio = canvas.width / canvas.clientWidth;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.getImageData(
      0,
      Math.round(row.offsetTop * ratio),
      canvas.width,
      Math.round((row.offsetHeight - 2) * ratio),
    );
    const [r, g, b] = [image.data[0], image.data[1], image.data[2]];
    let drawn = 0;
    for (let i = 0; i < image.data.length; i += 4)
      if (image.data[i] !== r || image.data[i + 1] !== g || image.data[i + 2] !== b) drawn++;
    return drawn;
  }, label);
}

describe('serve: the timeline', () => {
  let studio: Studio;
  let db: Database;
  let sessionFile: string;

  beforeAll(async () => {
    // A real profiled session: MobileNetV2 in FP32 and FP16 on ONNX Runtime, with its pipeline timed on COCO images.
    const dir = tempDir('trt-timeline-e2e-');
    sessionFile = path.join(dir, 'mobilenet.session.json');
    const profiled = runCli(
      [
        'profile',
        fixture('models', 'mobilenet_v2_128_0.5.onnx'),
        '--precisions',
        'fp32,fp16',
        '--iterations',
        '10',
        '--warmup',
        '2',
        '--eval',
        `images:${fixture('images', 'coco-eval')}`,
        '--eval-limit',
        '3',
        '--postprocess',
        'classifier',
        '--out',
        sessionFile,
      ],
      { timeoutMs: 300_000 },
    );
    expect(profiled.code, profiled.stderr).toBe(0);
    studio = await openStudio({ allowPaths: [FIXTURES, dir] });
    db = await openSqliteFile(PROFILE4);
  });

  afterAll(async () => {
    db?.close();
    await studio?.close();
  });

  it('opens profile4.sqlite: its GPU streams and NVTX ranges appear', async () => {
    const { page } = studio;
    await openInTimeline(page, [PROFILE4]);
    await drawn(page, ['nsys:profile4.sqlite']);
    const [streams] = db.exec(
      'SELECT DISTINCT streamId FROM (SELECT streamId FROM CUPTI_ACTIVITY_KIND_KERNEL UNION SELECT streamId FROM CUPTI_ACTIVITY_KIND_MEMCPY UNION SELECT streamId FROM CUPTI_ACTIVITY_KIND_MEMSET) ORDER BY streamId',
    );
    const labels = await trackLabels(page);
    expect(labels.filter((label) => label.startsWith('stream '))).toEqual(
      streams!.values.map(([id]) => `stream ${id}`),
    );
    // The NVTX push/pop ranges nest on the main thread: its row is drawn over many pixels.
    const [thread] = labels;
    expect(thread).toMatch(/^Thread \d+$/);
    expect(await pixelsInRow(page, thread!)).toBeGreaterThan(5000);
    const nvtx = page.getByRole('region', { name: 'NVTX ranges' });
    expect(await nvtx.innerText()).toContain('main [de.tu-darmstadt.parallel.extra_prof]');
    await screenshotAll(page, 'timeline-nsys');
  });

  it('zooms with W and S and pans with A and D', async () => {
    const { page } = studio;
    await page.mouse.move(5, 5); // the pointer off the canvas: zoom at the middle
    const start = await visibleRange(page);
    await page.keyboard.press('w');
    const zoomed = await rangeAfter(page, start);
    expect(zoomed.endNs - zoomed.startNs).toBeCloseTo((start.endNs - start.startNs) * 0.8, -1);
    await page.keyboard.press('d');
    const panned = await rangeAfter(page, zoomed);
    expect(panned.startNs - zoomed.startNs).toBeCloseTo((zoomed.endNs - zoomed.startNs) * 0.15, -1);
    await page.keyboard.press('a');
    const back = await rangeAfter(page, panned);
    expect(back.startNs).toBeCloseTo(zoomed.startNs, -1);
    await page.keyboard.press('s');
    const out = await rangeAfter(page, back);
    expect(out.endNs - out.startNs).toBeGreaterThan(back.endNs - back.startNs);
    await page.keyboard.press('f');
    await rangeAfter(page, out);
  });

  it("aggregates an area selection; one kernel's count and total equal SQL over the file", async () => {
    const { page } = studio;
    const canvas = page.locator('canvas.timeline-tracks');
    const box = (await canvas.boundingBox())!;
    const rows = page.locator('.timeline-label.track');
    const firstStream = (await rows.nth(1).boundingBox())!;
    const lastStream = (await rows.last().boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + box.width * 0.45, firstStream.y + 4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.97, lastStream.y + lastStream.height - 4, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const table = page.getByRole('region', { name: 'Selection aggregate' });
    await table.locator('tbody tr').first().waitFor();
    const area = JSON.parse((await page.getByTestId('timeline-canvas').getAttribute('data-area'))!) as {
      startNs: number;
      endNs: number;
      tracks: number[];
    };
    // The tracks' stream numbers, from their labels.
    const streamOf = new Map<number, number>();
    for (const row of await rows.all()) {
      const text = await row.locator('.timeline-label-text').innerText();
      const track = Number(await row.getAttribute('data-track'));
      if (text.startsWith('stream ')) streamOf.set(track, Number(text.slice(7)));
    }
    const streams = area.tracks.map((track) => streamOf.get(track)).filter((id) => id !== undefined);
    expect(streams.length).toBeGreaterThan(3);
    const kernels = await table.locator('tbody tr[data-name^="test"]').all();
    expect(kernels.length).toBeGreaterThan(0);
    for (const row of kernels) {
      const name = (await row.getAttribute('data-name'))!;
      const [result] = db.exec(
        `SELECT COUNT(*), SUM(k.end - k.start) FROM CUPTI_ACTIVITY_KIND_KERNEL k JOIN StringIds s ON s.id = k.demangledName
         WHERE s.value = $name AND k.streamId IN (${streams.join(',')})
           AND k.start <= $to AND (k.end > $from OR k.start >= $from)`,
        { $name: name, $from: area.startNs, $to: area.endNs },
      );
      const [count, total] = result!.values[0]!.map(Number);
      expect(Number(await row.getAttribute('data-count'))).toBe(count);
      expect(Number(await row.getAttribute('data-total-ns'))).toBe(total);
    }
    await screenshotAll(page, 'timeline-area');
  });

  it('selects a kernel by search and shows its launch configuration and its launch', async () => {
    const { page } = studio;
    await page.getByRole('textbox', { name: 'Search spans by name' }).fill('test4');
    await page.getByTestId('search-count').getByText('- / 2').waitFor();
    await page.getByRole('textbox', { name: 'Search spans by name' }).press('Enter');
    const details = page.getByRole('region', { name: 'Span details' });
    await details.waitFor();
    const text = await details.innerText();
    const [row] = db.exec(
      `SELECT gridX, blockX, registersPerThread FROM CUPTI_ACTIVITY_KIND_KERNEL k JOIN StringIds s ON s.id = k.demangledName
       WHERE s.value LIKE 'test4%' ORDER BY start LIMIT 1`,
    );
    const [grid, block, registers] = row!.values[0]!.map(Number);
    expect(text).toContain(`${grid} × 1 × 1`);
    expect(text).toContain(`${block} × 1 × 1`);
    expect(text).toContain(`${registers} per thread`);
    expect(text).toContain('cudaLaunchKernel');
    await screenshotAll(page, 'timeline-details');
  });

  it('opens a Kineto trace: its GPU streams and its kernels', async () => {
    const { page } = studio;
    await openInTimeline(page, [KINETO]);
    const [trace] = (await importChromeTrace(KINETO)).traces;
    await drawn(page, [trace!.id]);
    const labels = await trackLabels(page);
    const streams = trace!.tracks.filter((track) => track.kind === 'gpu-stream').map((track) => track.name);
    for (const stream of streams) expect(labels).toContain(stream);
    await page.getByRole('tab', { name: 'Summary' }).click();
    const kernels = page.getByRole('region', { name: 'Kernels' });
    expect(await kernels.locator('h4').innerText()).toBe(
      `Kernels (${summarizeTrace(trace!).kernels.length})`,
    );
    await screenshotAll(page, 'timeline-kineto');
  });

  it("shows a profiled ONNX Runtime session's pipeline stages around the model's layers", async () => {
    const { page } = studio;
    const session = loadSession(sessionFile);
    const pipeline = session.traces.find((trace) => trace.id.endsWith('-pipeline'))!;
    await openInTimeline(page, [sessionFile]);
    await page.evaluate((id) => (location.hash = `#/timeline?trace=${encodeURIComponent(id)}`), pipeline.id);
    await drawn(page, [pipeline.id]);
    const stages = page.getByRole('region', { name: 'Pipeline stages' });
    const text = await stages.innerText();
    for (const stage of ['pre:decode', 'pre:resize', 'inference', 'post:softmax-topk'])
      expect(text).toContain(stage);
    expect(await page.getByRole('region', { name: 'Layers' }).innerText()).toMatch(/Layers \(\d+\)/);
    expect(await pixelsInRow(page, 'pipeline')).toBeGreaterThan(3000);
    await screenshotAll(page, 'timeline-pipeline');
  });

  it('aligns the FP32 and FP16 runs by layer: the same layer at the same place', async () => {
    const { page } = studio;
    const session = loadSession(sessionFile);
    const [fp32, fp16] = session.profiles.map((profile) => profile.traceId!).filter(Boolean);
    await page.evaluate(
      ([a, b]) =>
        (location.hash = `#/timeline?trace=${encodeURIComponent(a!)}&align=${encodeURIComponent(b!)}`),
      [fp32, fp16],
    );
    await drawn(page, [fp32!, fp16!]);
    const note = page.getByTestId('alignment-note');
    const aligned = Number(/(\d+) layers aligned in every run/.exec(await note.innerText())![1]);
    expect(aligned).toBeGreaterThan(30);
    // A convolution both runs have: found in FP32, outlined in both at the same x.
    await page
      .getByRole('textbox', { name: 'Search spans by name' })
      .fill('LAYER_47/Relu6:0_nchwc_kernel_time');
    // One match: the instance in the run where the layers were aligned.
    await page.getByTestId('search-count').getByText('- / 1').waitFor();
    await page.getByRole('textbox', { name: 'Search spans by name' }).press('Enter');
    // Outlined: the match, and the layer where the runs were aligned, in each run, at the same x.
    await page.waitForFunction(() => {
      const outlines = (document.querySelector('[data-testid=timeline-canvas]') as HTMLElement).dataset
        .outlines;
      return outlines && (JSON.parse(outlines) as number[][]).some((outline) => outline[0] === 1);
    });
    const outlines = JSON.parse(
      (await page.getByTestId('timeline-canvas').getAttribute('data-outlines'))!,
    ) as number[][];
    const [inFp16] = outlines.filter((outline) => outline[0] === 1);
    const sameInFp32 = outlines.filter(
      (outline) => outline[0] === 0 && Math.abs(outline[1]! - inFp16![1]!) <= 1,
    );
    expect(sameInFp32).toHaveLength(1);
    await screenshotAll(page, 'timeline-aligned');
  });

  it('lists its keys with ?', async () => {
    const { page } = studio;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Timeline keys' });
    await help.waitFor();
    expect(await help.innerText()).toMatch(/zoom in[\s\S]*pan left[\s\S]*select an area/);
    await page.keyboard.press('?');
    await help.waitFor({ state: 'detached' });
  });

  it('ran without page errors, console errors or CSP violations', () => {
    expect(studio.problems).toEqual([]);
    expect(fs.existsSync(sessionFile)).toBe(true);
  });
});
