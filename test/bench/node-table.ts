/**
 * Benchmark of the Model view on a 20,000-node model, in headless Chromium against the real `serve`
 * (prints figures, asserts nothing):
 *   1. open: from picking the file (upload, inspect in core, transfer) to the node table's first row;
 *   2. first render of the Model view alone: from leaving Home for Model (the session already in the
 *      page) to the first table row painted;
 *   3. scrolling the node table: frame times (requestAnimationFrame intervals) while the table is
 *      scrolled 90 px a frame for 3 s, p50 / p95 / max, and how many frames missed 60 Hz.
 * Targets (issue 9): first render <= 1 s, p95 frame <= 16 ms.
 * The model is built here with the project's ONNX writer: blocks of Conv 1x1 -> Relu -> Add (residual)
 * on [1, 16, 8, 8] tensors, so every node has shapes, costs, a bound and some have lints.
 * Run: node bin/run-ts.mjs test/bench/node-table.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstRenderScript, openBenchStudio } from '../helpers/bench-page';
import type { OnnxNode, OnnxTensor, OnnxValueInfo } from '../../electron/core/onnx/graph';
import { OnnxDataType } from '../../electron/core/onnx/graph';
import { writeOnnx } from '../../electron/core/onnx/writer';
import { modelOf } from '../helpers/onnx-model';

const NODES = 20_000;
const CHANNELS = 16;
const SHAPE = [1, CHANNELS, 8, 8];

function tensorInfo(name: string, shape: number[]): OnnxValueInfo {
  return {
    name,
    type: { kind: 'tensor', elemType: OnnxDataType.FLOAT, shape: shape.map((value) => ({ value })) },
  };
}

function weight(name: string, dims: number[], seed: number): OnnxTensor {
  const values = Float32Array.from(
    { length: dims.reduce((a, b) => a * b, 1) },
    (_v, i) => Math.sin(seed * 31 + i) * 0.05,
  );
  return {
    name,
    dataType: OnnxDataType.FLOAT,
    dims,
    data: { kind: 'bytes', bytes: new Uint8Array(values.buffer) },
  };
}

/** Conv 1x1 -> Relu -> Add(residual) blocks until `NODES` nodes. */
function buildModel(file: string): void {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  let current = 'input';
  for (let block = 0; nodes.length < NODES; block++) {
    const w = `w${block}`;
    initializers.push(weight(w, [CHANNELS, CHANNELS, 1, 1], block));
    const steps: [string, string[], string][] = [
      ['Conv', [current, w], `conv${block}`],
      ['Relu', [`conv${block}`], `relu${block}`],
      ['Add', [`relu${block}`, current], `add${block}`],
    ];
    for (const [opType, inputs, output] of steps) {
      if (nodes.length === NODES) break;
      nodes.push({
        name: `block${block}/${opType}`,
        opType,
        domain: '',
        inputs,
        outputs: [output],
        attributes: [],
      });
      current = output;
    }
  }
  const graph = {
    name: 'node-table-bench',
    nodes,
    inputs: [tensorInfo('input', SHAPE)],
    outputs: [tensorInfo(current, SHAPE)],
    valueInfo: [],
    initializers,
  };
  writeOnnx(modelOf(graph, 13, file), file);
}

const FIRST_RENDER = firstRenderScript('model', '[data-testid="node-table"] .data-table-body [role="row"]');

/** Frame intervals for 3 s, scrolling the node table by SCROLL_STEP px a frame (0: the idle baseline). */
const scrollFrames = (step: number) => `new Promise((resolve) => {
  const body = document.querySelector('[data-testid="node-table"] .data-table-body');
  const intervals = [];
  let last = performance.now();
  const end = last + 3000;
  const step = (now) => {
    intervals.push(now - last);
    last = now;
    if (${step} > 0) body.scrollTop = (body.scrollTop + ${step}) % (body.scrollHeight - body.clientHeight);
    if (now < end) requestAnimationFrame(step);
    else resolve(intervals.slice(1));
  };
  requestAnimationFrame(step);
})`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-node-table-'));
  const modelFile = path.join(work, 'twenty-thousand-nodes.onnx');
  buildModel(modelFile);
  const studio = await openBenchStudio(work, { width: 1280, height: 800 });
  try {
    const { page } = studio;
    const firstRow = page.locator('[data-testid="node-table"] .data-table-body [role="row"]').first();

    const openStarted = performance.now();
    await page.getByTestId('file-input').setInputFiles(modelFile);
    await firstRow.waitFor({ timeout: 120_000 });
    const openMs = performance.now() - openStarted;
    const count = await page.locator('[data-testid="node-table"] .data-table-count').innerText();

    // First render of the view alone: Home, then Model again (the session is already in the page).
    const renders: number[] = [];
    for (let round = 0; round < 5; round++) {
      await page.getByRole('navigation', { name: 'Views' }).getByText('Home').click();
      await page.locator('.app-main[data-view="home"]').waitFor();
      renders.push(await page.evaluate<number>(FIRST_RENDER));
    }

    // Scroll the table 90 px a frame for 3 s and record the frame intervals.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries(
        (
          (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
        ).metrics.map((metric) => [metric.name, metric.value]),
      );
    const idle = await page.evaluate<number[]>(scrollFrames(0));
    const before = await metrics();
    const frames = await page.evaluate<number[]>(scrollFrames(90));
    const after = await metrics();
    const perFrame = (name: string) => ((after[name]! - before[name]!) * 1000) / frames.length;
    const missed = frames.filter((interval) => interval > 1000 / 60 + 1).length;
    console.log(
      `model: ${NODES} nodes (${(fs.statSync(modelFile).size / 1024 ** 2).toFixed(1)} MiB), table says "${count}"`,
    );
    console.log(`open (upload + inspect + transfer + render): ${openMs.toFixed(0)} ms`);
    console.log(
      `Model view first render (Home -> Model, rows painted): median ${percentile(renders, 50).toFixed(0)} ms, ` +
        `max ${Math.max(...renders).toFixed(0)} ms over ${renders.length} (target <= 1000 ms)`,
    );
    console.log(
      `scrolling the node table, ${frames.length} frames: p50 ${percentile(frames, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(frames, 95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms; ` +
        `${missed} frames over 16.7 ms (target p95 <= 16 ms)`,
    );
    console.log(
      `main-thread work per scrolled frame: script ${perFrame('ScriptDuration').toFixed(2)} ms, ` +
        `style ${perFrame('RecalcStyleDuration').toFixed(2)} ms, layout ${perFrame('LayoutDuration').toFixed(2)} ms, ` +
        `all tasks ${perFrame('TaskDuration').toFixed(2)} ms`,
    );
    console.log(
      `baseline, same page not scrolling, ${idle.length} frames: p50 ${percentile(idle, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(idle, 95).toFixed(1)} ms, max ${Math.max(...idle).toFixed(1)} ms`,
    );
  } finally {
    await studio.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
