/**
 * Benchmark of the comparison view on 3 variants x 5,000 layers (synthetic FP32, FP16 and INT8 engines
 * of a 5,000-convolution network through core's compareEngines, INT8 with a reformat every 10 layers,
 * per-layer accuracy for FP16 and INT8), in headless Chromium against the real `serve` (prints
 * figures, asserts nothing):
 *   1. core: analyzeSession of that session (alignment, regressions, cards, rows, charts, reports,
 *      accuracy, roofline), median of 3; and what serve does for the compare view's request (read the
 *      session file, analyse, encode the comparison part);
 *   2. first render of the comparison: from leaving Home for Compare, the session in the page, to the
 *      aligned table's first row painted; once with the analysis asked of `serve` (request, core,
 *      transfer, render), then 5 times with the analysis in hand (render alone);
 *   3. a filter change: from ticking (or unticking) "precision mismatch" or choosing a layer type to the
 *      table's row count updated and painted, 10 times each.
 * Targets (issue 10): first render <= 500 ms, filter change to the updated table <= 50 ms.
 * Run: node bin/run-ts.mjs test/bench/compare-view.ts [layers]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstRenderScript, openBenchStudio } from '../helpers/bench-page';
import { analyzeSession } from '../../electron/core/analysis/session-analysis';
import { loadSession, saveSession } from '../../electron/core/model/session';
import { toJson } from '../../electron/core/model/serialize';
import { syntheticSession } from '../helpers/synthetic-session';

const LAYERS = Number(process.argv[2] ?? 5000);
const ROW = '[data-testid="aligned-table"] .data-table-body [role="row"]';

const FIRST_RENDER = firstRenderScript('compare', ROW);

/** Changes a filter (`change` is a statement run in the page) and waits for the row count to change and paint. */
const filterChange = (change: string) => `new Promise((resolve) => {
  const count = document.querySelector('[data-testid="aligned-table"] .data-table-count');
  const before = count.textContent;
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (count.textContent === before) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve({ ms: performance.now() - started, count: count.textContent }));
  });
  observer.observe(count, { childList: true, characterData: true, subtree: true });
  ${change};
})`;

const TOGGLE = `document.querySelector('[data-testid="filter-precisionMismatch"]').click()`;
const LAYER_TYPE = (type: string) => `{
  const select = document.querySelector('[data-testid="filter-layerType"]');
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
  setter.call(select, '${type}');
  select.dispatchEvent(new Event('change', { bubbles: true }));
}`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = (values: number[]) =>
  `median ${median(values).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms over ${values.length}`;

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-compare-view-'));
  const session = syntheticSession(LAYERS, { accuracy: true });
  const sessionFile = path.join(work, 'synthetic.session.json');
  saveSession(sessionFile, session);

  const cores: number[] = [];
  let analysis = analyzeSession(session);
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    analysis = analyzeSession(session);
    cores.push(performance.now() - start);
  }
  const view = analysis.comparison!;
  const layers = session.engines.map((engine) => engine.layers.length);
  console.log(
    `synthetic comparison: 3 variants (${layers.join(' / ')} layers), ${view.rows.length} aligned rows, ` +
      `${view.regressions.length} regressions, per-layer accuracy for FP16 and INT8; session file ` +
      `${(fs.statSync(sessionFile).size / 1e6).toFixed(1)} MB`,
  );
  console.log(`core analyzeSession (every part): ${summary(cores)}`);
  // What a request of the compare view costs serve: read the session file, analyse, encode the answer.
  const served: number[] = [];
  let answer = '';
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    answer = toJson({ analysis: analyzeSession(loadSession(sessionFile), { parts: ['comparison'] }) });
    served.push(performance.now() - start);
  }
  console.log(
    `serve's share of the compare view's request (read the file, analyse, encode ${(answer.length / 1e6).toFixed(1)} MB): ` +
      summary(served),
  );

  const studio = await openBenchStudio(work, { width: 1920, height: 1080 });
  try {
    const { page } = studio;
    await page.getByTestId('file-input').setInputFiles(sessionFile);
    await page.getByTestId('open-name').waitFor({ timeout: 120_000 });

    const withRequest = await page.evaluate<number>(FIRST_RENDER);
    const renders: number[] = [];
    for (let round = 0; round < 5; round++) {
      await page.evaluate(() => (location.hash = '#/home'));
      await page.locator('.app-main[data-view="home"]').waitFor();
      renders.push(await page.evaluate<number>(FIRST_RENDER));
    }
    console.log(
      `first render of the comparison (Home -> Compare, first table row painted): with the analysis asked of serve ` +
        `${withRequest.toFixed(0)} ms; with it in hand ${summary(renders)} (target <= 500 ms)`,
    );

    const toggles: number[] = [];
    const counts = new Set<string>();
    for (let round = 0; round < 10; round++) {
      const { ms, count } = await page.evaluate<{ ms: number; count: string }>(filterChange(TOGGLE));
      toggles.push(ms);
      counts.add(count);
    }
    const types: number[] = [];
    for (let round = 0; round < 10; round++) {
      const type = round % 2 === 0 ? 'Reformat' : '';
      const { ms, count } = await page.evaluate<{ ms: number; count: string }>(
        filterChange(LAYER_TYPE(type)),
      );
      types.push(ms);
      counts.add(count);
    }
    console.log(
      `filter change to the updated table: "precision mismatch" on/off ${summary(toggles)}; ` +
        `layer type Reformat/all ${summary(types)} (target <= 50 ms); counts seen: ${[...counts].join(', ')}`,
    );
  } finally {
    await studio.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
