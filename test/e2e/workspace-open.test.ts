/**
 * Home in Chromium against the real `serve`: every kind of file in ../shared/fixtures dropped on the
 * window lands in the view that shows it (a model in Model, results and sessions in Session) or gets
 * one line naming it; a failed open leaves the screen as it was; an imported session (no model) works
 * like any other; the sample model opens; recent sessions reopen. Expectations come from core's own
 * readers of the same files (inspectModel, filesToSession), never from hard-coded figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesToSession, firstRefusal } from '../../electron/core/importers/files-to-session';
import { loadSession, newSession, saveSession } from '../../electron/core/model/session';
import { keptByReason } from '../../electron/core/model/kept-precision';
import { calibrationChoiceTables } from '../../electron/core/model/calibration-choice-table';
import { inspectModel } from '../../electron/core/onnx/inspect-model';
import { readOnnx } from '../../electron/core/onnx/reader';
import { loadCalibrationSource } from '../../electron/core/pipeline/input-source';
import { modelInputs } from '../../electron/core/pipeline/model-inputs';
import { makeInt8Variant } from '../../electron/core/precision/int8-qdq';
import { CalibrationSelector } from '../../electron/core/profiling/calibration-selection';
import { collectRanges } from '../../electron/core/profiling/collect-ranges';
import { fixture, tempDir } from '../helpers/fixtures';
import { dropFiles, openStudio, screenshotAll, type Studio } from './studio-page';

const MOBILENET = fixture('models', 'mobilenet_v2_128_0.5.onnx');
const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');
const YOLOX = fixture('models', 'yolox_nano_416.onnx');
const TRTEXEC_RUN = ['graph', 'profile', 'timing'].map((part) =>
  fixture('trtexec', `pytorch__resnet__A100__fp16__resnet.${part}.json`),
);
const NSYS = fixture('nsys', 'con_kernel.sqlite');
const ORT_PROFILE = fixture('traces', 'ort_resnet18_cpu_2026-11-21_11-45-27_469.json');
const KINETO = fixture('traces', 'hta_triton_example.json.gz');
const JPEG = fixture('images', 'mobilenet_sample.jpg');

/** The counts the Session view's cards show, by label. */
async function partCounts(studio: Studio): Promise<Record<string, number>> {
  const cards = await studio.page.locator('.part-card').allInnerTexts();
  return Object.fromEntries(
    cards.map((text) => {
      const [count, label] = text.split('\n');
      return [label!, Number(count)];
    }),
  );
}

async function dropAndWait(studio: Studio, files: string[], view: string): Promise<void> {
  const { page } = studio;
  await page.goto(`${studio.server.origin}/#/home`);
  await dropFiles(page, files);
  await page.locator(`.app-main[data-view="${view}"]`).waitFor();
  await page.getByTestId('open-name').waitFor();
}

describe('serve: open every kind of file from Home', () => {
  let studio: Studio;
  const folder = tempDir('trt-studio-e2e-sessions-');
  const modelSession = path.join(folder, 'mnist-notes.session.json');
  const importedSession = path.join(folder, 'resnet-imported.session.json');
  const int8Session = path.join(folder, 'yolox-int8.session.json');
  const autoSession = path.join(folder, 'mobilenet-auto.session.json');

  beforeAll(async () => {
    const withModel = newSession();
    withModel.model = inspectModel(MNIST);
    withModel.notes.push('written by the e2e test with core saveSession');
    saveSession(modelSession, withModel);
    saveSession(importedSession, (await filesToSession(TRTEXEC_RUN)).session);
    // A detector's INT8 variant, made by core from 4 calibration images: dozens of nodes kept float.
    const yolox = readOnnx(YOLOX);
    const calibration = loadCalibrationSource(
      `images:${fixture('images', 'coco-calib')}`,
      modelInputs(yolox),
      { limit: 4 },
    );
    const int8 = makeInt8Variant(yolox, await collectRanges(yolox, calibration, { method: 'minmax' }));
    const withInt8 = newSession();
    withInt8.model = inspectModel(YOLOX);
    withInt8.variants.push(int8.variant);
    saveSession(int8Session, withInt8);
    // The automatic choice, made by core's selector on 6 calibration images (3 folds of 2).
    const mobilenet = readOnnx(MOBILENET);
    const source = loadCalibrationSource(
      `images:${fixture('images', 'coco-calib')}`,
      modelInputs(mobilenet),
      {
        image: { scale: 2 / 255, mean: [1, 1, 1] },
        limit: 6,
      },
    );
    const selector = new CalibrationSelector(mobilenet, source, { postprocess: 'none', threads: 2 });
    const chosen = await selector.choose({ target: 'onnxruntime' }, () => {});
    const auto = makeInt8Variant(mobilenet, chosen.ranges, chosen.options);
    auto.variant.calibrationChoice = chosen.choice;
    const withAuto = newSession();
    withAuto.model = inspectModel(MOBILENET);
    withAuto.variants.push(auto.variant);
    saveSession(autoSession, withAuto);
    studio = await openStudio();
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('offers the sample model and opens it in the Model view', async () => {
    const { page } = studio;
    await page.getByRole('heading', { name: 'Open a model or results' }).waitFor();
    await page.getByRole('button', { name: 'Try the sample model' }).waitFor();
    await screenshotAll(page, 'home');
    await page.getByRole('button', { name: 'Try the sample model' }).click();
    await page.locator('.app-main[data-view="model"]').waitFor();
    expect(await page.getByTestId('open-name').innerText()).toContain('sample-cnn.onnx');
    expect(await page.locator('.model-headline h2').innerText()).toBe('sample-cnn.onnx');
  });

  it('an ONNX model with a dynamic batch lands in Model, saying its costs are unknown until the batch is set', async () => {
    await dropAndWait(studio, [MOBILENET], 'model');
    const headline = await studio.page.getByTestId('cost-headline').innerText();
    expect(headline).toContain('FLOPs and bytes unknown because the shapes are');
    expect(headline).toContain('"input_1:0"');
    // The header names the file the user dropped, not its place in the server's upload folder.
    expect(await studio.page.getByTestId('open-name').innerText()).toBe(
      'unsaved session · mobilenet_v2_128_0.5.onnx',
    );
  });

  it('the three files of a trtexec run become one engine with its profile', async () => {
    await dropAndWait(studio, TRTEXEC_RUN, 'session');
    const { session } = await filesToSession(TRTEXEC_RUN);
    expect(session.engines).toHaveLength(1);
    const counts = await partCounts(studio);
    expect(counts).toMatchObject({ Engines: 1, Profiles: 1, Variants: 0 });
    const engine = session.engines[0]!;
    const summary = await studio.page
      .getByRole('region', { name: 'Engines' })
      .locator('summary')
      .first()
      .innerText();
    expect(summary).toContain(`${engine.layers.length} layers`);
    await screenshotAll(studio.page, 'session-trtexec');
  });

  it('an Nsight Systems export, an ONNX Runtime profile and a Kineto trace each land in Session', async () => {
    for (const file of [NSYS, ORT_PROFILE, KINETO]) {
      await dropAndWait(studio, [file], 'session');
      const expected = (await filesToSession([file])).session;
      const counts = await partCounts(studio);
      expect(counts.Traces, path.basename(file)).toBe(expected.traces.length);
      expect(counts.Engines, path.basename(file)).toBe(expected.engines.length);
      expect(counts.Profiles, path.basename(file)).toBe(expected.profiles.length);
      expect(counts.Traces + counts.Engines, path.basename(file)).toBeGreaterThan(0);
    }
  });

  it('a session file opens in the Session view with its notes; the model in it shows in Model', async () => {
    await dropAndWait(studio, [modelSession], 'session');
    const { page } = studio;
    expect(await page.getByTestId('session-title').innerText()).toBe('mnist-notes.session.json');
    expect(await page.getByRole('region', { name: 'Notes' }).innerText()).toContain(
      'written by the e2e test with core saveSession',
    );
    await page.getByRole('navigation', { name: 'Views' }).getByText('Model').click();
    await page.getByRole('region', { name: 'Model summary' }).waitFor();
  });

  it("a detector's INT8 variant lists its nodes kept in float one reason a line, the names behind 'which ones'", async () => {
    await dropAndWait(studio, [int8Session], 'session');
    const { page } = studio;
    const variants = page.getByRole('region', { name: 'Variants' });
    await variants.locator('.item').first().locator('summary').first().click();
    const groups = keptByReason(loadSession(int8Session).variants[0]!);
    expect(groups.length).toBeGreaterThan(1);
    const largest = variants.locator('.item-detail li').filter({ hasText: groups[0]!.reason });
    expect(await largest.innerText()).toMatch(new RegExp(`^${groups[0]!.nodes.length} nodes: `));
    await largest.locator('summary').click();
    expect(await largest.locator('.mono').innerText()).toBe(groups[0]!.nodes.join(', '));
    // One line per reason: the first list of the variant's detail.
    expect(await variants.locator('.item-detail ul').first().locator('> li').count()).toBe(groups.length);
    await screenshotAll(page, 'session-variant-kept-detector', () => largest.scrollIntoViewIfNeeded());
  });

  it('an automatic INT8 choice shows the methods compared and the placements tried as tables', async () => {
    await dropAndWait(studio, [autoSession], 'session');
    const { page } = studio;
    const variants = page.getByRole('region', { name: 'Variants' });
    await variants.locator('.item').first().locator('summary').first().click();
    const choice = loadSession(autoSession).variants[0]!.calibrationChoice!;
    const tables = calibrationChoiceTables(choice);
    // The tables render after the disclosure opens: wait for a row before reading them all.
    const rows = async (label: string) => {
      const body = page.getByRole('table', { name: label }).locator('tbody tr');
      await body.first().waitFor();
      return (await body.allInnerTexts()).map((r) => r.trim());
    };
    const cells = (values: string[]) => values.join('\t').trim();
    expect(await rows('Calibration methods')).toEqual(
      tables.methods.map((m) => cells([m.method, m.metric, m.cosine, m.chosen ? 'chosen' : ''])),
    );
    expect(tables.placements.length).toBeGreaterThan(1);
    expect(await rows('INT8 placements')).toEqual(
      tables.placements.map((p) => cells([p.placement, p.metric, p.loss, p.latency, p.verdict])),
    );
    expect(await page.getByTestId('calibration-choice').locator('p').innerText()).toBe(
      `Judged by ${tables.judgedBy}.`,
    );
    const section = page.getByTestId('calibration-choice');
    await screenshotAll(page, 'session-calibration-choice', () => section.scrollIntoViewIfNeeded());
  });

  it('an imported session (no model) works: its engine and profile show, Model and Run say why they cannot', async () => {
    await dropAndWait(studio, [importedSession], 'session');
    const { page } = studio;
    expect(await page.getByTestId('open-name').innerText()).toContain('no model (imported results)');
    expect(await partCounts(studio)).toMatchObject({ Engines: 1, Profiles: 1 });
    const nav = page.getByRole('navigation', { name: 'Views' });
    expect(await nav.getByText('Model').getAttribute('aria-disabled')).toBe('true');
    expect(await nav.getByText('Run').getAttribute('title')).toContain('holds no ONNX model to run');
    // The profile opens to its per-layer times.
    await page.getByRole('region', { name: 'Profiles' }).locator('summary').first().click();
    const rows = page.getByRole('table', { name: /^Per-layer times of / }).getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBeGreaterThan(3);
    await screenshotAll(page, 'session-imported');
  });

  it('a JPEG gets one line saying what it looks like, and the session on screen stays', async () => {
    const { page } = studio;
    await page.goto(`${studio.server.origin}/#/session`);
    const before = await page.getByTestId('open-name').innerText();
    await dropFiles(page, [JPEG]);
    const banner = page.getByRole('alert').filter({ has: page.locator('.error-text') });
    await banner.waitFor();
    const text = await banner.locator('.error-text').innerText();
    // Core's own line for the file, named as the user knows it (not by its path on the server).
    const refusal = firstRefusal((await filesToSession([JPEG])).files)!;
    expect(refusal.problem).toMatch(/JPEG image/);
    expect(text).toBe(`mobilenet_sample.jpg: ${refusal.problem}`);
    expect(await page.getByTestId('open-name').innerText()).toBe(before);
    expect(await page.locator('.app-main').getAttribute('data-view')).toBe('session');
  });

  it('recent sessions list what Save wrote, and reopen it', async () => {
    const { page } = studio;
    await page.getByRole('textbox', { name: 'Save as: file name' }).fill('kept-copy');
    await page.getByRole('button', { name: 'Save as' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as kept-copy.session.json' }).waitFor();
    await page.getByRole('navigation', { name: 'Views' }).getByText('Home').click();
    const recent = page.getByRole('region', { name: 'Recent sessions' });
    await recent.getByRole('button', { name: 'kept-copy.session.json' }).click();
    await page.locator('.app-main[data-view="session"]').waitFor();
    expect(await page.getByTestId('session-title').innerText()).toBe('kept-copy.session.json');
  });

  it('autosaves a session that has a file a moment after a change (a note), atomically', async () => {
    const { page } = studio;
    const sessionPath = path.join(studio.server.workDir, 'sessions', 'kept-copy.session.json');
    expect(await page.getByTestId('session-title').innerText()).toBe('kept-copy.session.json');
    await page.getByRole('textbox', { name: 'New note' }).fill('written by the autosave test');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect
      .poll(() => (JSON.parse(fs.readFileSync(sessionPath, 'utf8')) as { notes: string[] }).notes, {
        timeout: 15_000,
      })
      .toContain('written by the autosave test');
    expect(fs.readdirSync(path.dirname(sessionPath)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('ran without page errors, console errors or CSP violations', () => {
    expect(studio.problems).toEqual([]);
  });
});
