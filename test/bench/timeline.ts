/**
 * Timeline benchmark in headless Chromium (Debian's, driven by playwright-core) against the real
 * `serve` started in this process: synthetic traces of 1,000,000 spans on 16 GPU streams and of
 * 10,000,000 spans, held by core as the timeline is designed to be used (the page asks core for the
 * level-of-detail windows it draws; the page's session holds the trace's header only, see below).
 *
 * Prints, per size: core's level-of-detail build time, the time from opening the timeline to its first
 * frame drawn from data, draw times (p50/p95/max) over a scripted zoom and pan (W/S/A/D keys and
 * Ctrl+wheel), the windows asked of core, and the page's JS heap. Asserts nothing.
 *
 * Why a header-only session in the page: `openFiles` hands the page the whole session, span columns
 * included (base64 in JSON over HTTP); for 1M spans the bench also measures that, to show what it costs.
 *
 * Run from the repository root: node bin/run-ts.mjs test/bench/timeline.ts [spans...]
 * (default: 1000000 10000000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { openTraces } from '../../electron/core/api/open-traces';
import { newSession } from '../../electron/core/model/session';
import { SpanKind, type Trace } from '../../electron/core/model/trace';
import { TraceBuilder } from '../../electron/core/model/trace-builder';
import { toJson } from '../../electron/core/model/serialize';
import { startStudioServer } from '../../electron/core/server/studio-server';

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const TRACKS = 16;
const NAMES = 300;
const CHROMIUM = '/usr/bin/chromium';

/** Kernels back to back on 16 streams with gaps, names from a pool, lengths spread over 3 decades. */
function syntheticTrace(spans: number, id: string): Trace {
  const builder = new TraceBuilder(0);
  builder.reserve(spans);
  for (let t = 0; t < TRACKS; t++)
    builder.addTrack({
      kind: 'gpu-stream',
      name: `GPU 0 (bench) stream ${t + 7}`,
      deviceId: 0,
      streamId: t + 7,
      pid: 1,
    });
  const names = Array.from({ length: NAMES }, (_, k) =>
    builder.intern(`sm90_xmma_gemm_f16f16_f32_tn_n_${k}x128x64_kernel`),
  );
  const columns = builder.columns;
  const cursor = new Float64Array(TRACKS);
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < spans; i++) {
    const track = i % TRACKS;
    const duration = Math.round(1000 * 10 ** (random() * 3));
    const gap = Math.round(200 * random());
    const span = columns.count++;
    columns.start[span] = cursor[track]! + gap;
    columns.duration[span] = duration;
    columns.track[span] = track;
    columns.name[span] = names[Math.floor(random() * NAMES)]!;
    columns.kind[span] = SpanKind.Kernel;
    cursor[track] = cursor[track]! + gap + duration;
  }
  return builder.build({ id, source: 'bench' });
}

/** The session the page opens: the trace's header (id, tracks), no span columns. */
function headerSession(trace: Trace) {
  const session = newSession();
  const empty = new TraceBuilder(0).build({ id: trace.id, source: trace.source });
  session.traces = [{ ...empty, tracks: trace.tracks }];
  return session;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  await cdp.detach();
  return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
}

/** Resident memory of the page's renderer process (Linux /proc): the largest Chromium renderer under `ancestor`. */
function rendererRssMb(ancestor: number): number | null {
  if (!fs.existsSync('/proc')) return null;
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  const renderers = new Set<number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const pid = Number(entry);
      parents.set(pid, Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      rss.set(pid, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--type=renderer')) renderers.add(pid);
    } catch {
      // the process ended meanwhile
    }
  }
  const descends = (pid: number): boolean => {
    for (let at = pid, hops = 0; at > 1 && hops < 10; at = parents.get(at) ?? 0, hops++)
      if (at === ancestor) return true;
    return false;
  };
  const sizes = [...renderers].filter(descends).map((pid) => rss.get(pid) ?? 0);
  return sizes.length > 0 ? Math.max(...sizes) : null;
}

const mb = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(0)} MiB`);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** Opens the timeline afresh on `traceId` (from Home, so the view mounts anew); ms to its first frame with data. */
async function openTimeline(page: Page, traceId: string): Promise<number> {
  await page.evaluate(() => (location.hash = '#/home'));
  await page.getByRole('heading', { name: 'Open a model or results' }).waitFor();
  await page.evaluate(() => (window.__timelineStats = undefined));
  const started = await page.evaluate(() => performance.now());
  await page.evaluate((id) => (location.hash = `#/timeline?trace=${encodeURIComponent(id)}`), traceId);
  await page.waitForFunction(() => (window.__timelineStats?.firstDataFrameAt ?? null) !== null, undefined, {
    timeout: 180_000,
  });
  return (await page.evaluate(() => window.__timelineStats!.firstDataFrameAt!)) - started;
}

/** W x8, D x8, S x8, A x8, then Ctrl+wheel in and out at the middle: each step waits one frame. */
async function scriptedZoomAndPan(page: Page): Promise<{ draws: number[]; requests: number }> {
  await page.evaluate(() => {
    window.__timelineStats!.draws = [];
  });
  const box = (await page.locator('canvas.timeline-tracks').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 40);
  const frame = () =>
    page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  for (const key of ['w', 'd', 's', 'a']) {
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(key);
      await frame();
    }
  }
  await page.keyboard.down('Control');
  for (const delta of [-200, -200, -200, -200, 200, 200, 200, 200]) {
    await page.mouse.wheel(0, delta);
    await frame();
  }
  await page.keyboard.up('Control');
  await page.waitForTimeout(500);
  return page.evaluate(() => ({
    draws: [...window.__timelineStats!.draws],
    requests: window.__timelineStats!.requests,
  }));
}

async function main(): Promise<void> {
  const sizes = SIZES.length > 0 ? SIZES : [1_000_000, 10_000_000];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-timeline-bench-'));
  const rendererDir = path.join(work, 'renderer');
  const { build } = await import('vite');
  await build({
    configFile: path.resolve('vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: rendererDir, emptyOutDir: true },
  });
  const server = await startStudioServer({
    workDir: path.join(work, 'serve'),
    rendererDir,
    allowPaths: [work],
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  console.log(
    `timeline bench: ${TRACKS} tracks, ${NAMES} kernel names, Chromium headless, viewport 1280x800, ${os.cpus().length} CPUs`,
  );
  try {
    for (const spans of sizes) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(server.url);
      const trace = syntheticTrace(spans, `bench-${spans}`);
      const sessionFile = path.join(work, `header-${spans}.session.json`);
      fs.writeFileSync(sessionFile, toJson(headerSession(trace)));
      await page.getByTestId('file-input').setInputFiles([sessionFile]);
      await page.getByTestId('open-name').waitFor();
      // Core holds the real trace, as opening the export on the server does: LOD and summary made once.
      const session = newSession();
      session.traces = [trace];
      const lodStart = performance.now();
      openTraces.lod(trace);
      const lodMs = performance.now() - lodStart;
      const summaryStart = performance.now();
      openTraces.remember(session);
      const summaryMs = performance.now() - summaryStart;
      const firstMs = await openTimeline(page, trace.id);
      const { draws, requests } = await scriptedZoomAndPan(page);
      const heap = await heapMb(page);
      console.log(
        `${spans.toLocaleString('en')} spans: LOD build ${lodMs.toFixed(0)} ms, summary ${summaryMs.toFixed(0)} ms (in core, once, on import); ` +
          `first frame with data ${firstMs.toFixed(0)} ms after opening the timeline; ` +
          `draw p50 ${percentile(draws, 50).toFixed(2)} ms, p95 ${percentile(draws, 95).toFixed(2)} ms, ` +
          `max ${Math.max(...draws).toFixed(2)} ms over ${draws.length} frames; ${requests} windows asked of core; ` +
          `page: JS heap ${heap.toFixed(0)} MiB, renderer process RSS ${mb(rendererRssMb(process.pid))}; ` +
          `core (this process) RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
      );
      await page.close();
      // For reference at 1M: the same trace in a full session opened by the page (span columns in the page).
      if (spans <= 1_000_000) {
        const full = newSession();
        full.traces = [trace];
        const fullFile = path.join(work, `full-${spans}.session.json`);
        fs.writeFileSync(fullFile, toJson(full));
        const fullPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await fullPage.goto(server.url);
        const opened = performance.now();
        await fullPage.getByTestId('file-input').setInputFiles([fullFile]);
        // The session opens in the Session view; then its timeline.
        await fullPage
          .getByTestId('open-name')
          .getByText(path.basename(fullFile))
          .waitFor({ timeout: 180_000 });
        await fullPage.evaluate(
          (id) => (location.hash = `#/timeline?trace=${encodeURIComponent(id)}`),
          trace.id,
        );
        await fullPage.waitForFunction(
          () => (window.__timelineStats?.firstDataFrameAt ?? null) !== null,
          undefined,
          {
            timeout: 180_000,
          },
        );
        const fullMs = performance.now() - opened;
        console.log(
          `  same trace as a full session file (${(fs.statSync(fullFile).size / 2 ** 20).toFixed(0)} MiB) uploaded and opened: ` +
            `${fullMs.toFixed(0)} ms to the first frame; page: JS heap ${(await heapMb(fullPage)).toFixed(0)} MiB, ` +
            `renderer process RSS ${mb(rendererRssMb(process.pid))}`,
        );
        await fullPage.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
