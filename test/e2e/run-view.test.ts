/**
 * The Run view in Chromium against the real `serve`, on mnist (input 1x1x28x28: the image pipeline
 * resizes the COCO calibration images and turns them gray): TensorRT is listed with the reason it is
 * not here; a bad calibration folder is refused at its field before anything runs; FP32 + INT8 with
 * image calibration starts, its progress arrives in order and is shown stage by stage; one run is
 * cancelled midway (its worker stops), one is killed after FP32 was profiled (the stage says so, and
 * the partial session that keeps FP32 opens with a banner saying where the run stopped), and one
 * completes and opens its session, which keeps the run's settings so the form can repeat them. Runs
 * are kept tiny.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plannedStages } from '../../electron/core/api/job-progress';
import { backendStatus } from '../../electron/core/backends/registry';
import type { JobRecord } from '../../electron/core/api/operations';
import { fromJson } from '../../electron/core/model/serialize';
import { keptByReason } from '../../electron/core/model/kept-precision';
import { loadSession } from '../../electron/core/model/session';
import { fixture } from '../helpers/fixtures';
import { dropFiles, openStudio, screenshotAll, type Studio } from './studio-page';

const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');
const CALIB = fixture('images', 'coco-calib');
const EVAL = fixture('images', 'coco-eval');

interface SeenProgress {
  jobId: string;
  sequence: number;
  stage: string;
}

describe('serve: the Run view', () => {
  let studio: Studio;
  const seen: SeenProgress[] = [];

  beforeAll(async () => {
    studio = await openStudio();
    // What the page receives on its event socket, in arrival order.
    studio.page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        const data = fromJson<{ type: string; event?: { type: string; progress?: SeenProgress } }>(
          String(payload),
        );
        if (data.type === 'job' && data.event?.type === 'progress') seen.push(data.event.progress!);
      }),
    );
    await dropFiles(studio.page, [MNIST]);
    await studio.page.locator('.app-main[data-view="model"]').waitFor();
    await studio.page.getByRole('navigation', { name: 'Views' }).getByText('Run').click();
    await studio.page.getByRole('form', { name: 'Run settings' }).waitFor();
  });

  afterAll(async () => {
    await studio?.close();
  });

  const runs = () => studio.server.jobs.list().filter((record) => record.job.kind === 'profile');

  /** FP32 + INT8, image calibration on 4 images, 2 evaluation images, timed for `seconds` or 5 iterations. */
  async function fillTinyRun(seconds?: number): Promise<void> {
    const { page } = studio;
    await page.getByRole('checkbox', { name: 'FP16' }).uncheck();
    await page.getByRole('checkbox', { name: 'INT8' }).check();
    await page.getByRole('combobox', { name: 'Calibration data: source' }).selectOption('images');
    await page.getByRole('textbox', { name: 'Calibration data: path' }).fill(CALIB);
    await page.getByRole('spinbutton', { name: 'Calibration data: at most this many samples' }).fill('4');
    await page.getByLabel('Calibration method').selectOption('minmax');
    await page.getByRole('combobox', { name: 'Evaluation data: source' }).selectOption('images');
    await page.getByRole('textbox', { name: 'Evaluation data: path' }).fill(EVAL);
    await page.getByRole('spinbutton', { name: 'Evaluation data: at most this many samples' }).fill('2');
    if (seconds) {
      await page.getByRole('radio', { name: 'duration' }).check();
      await page.getByRole('spinbutton', { name: 'Seconds per variant' }).fill(String(seconds));
    } else {
      await page.getByRole('radio', { name: 'iterations' }).check();
      await page.getByRole('spinbutton', { name: 'Iterations' }).fill('5');
    }
    await page.getByRole('spinbutton', { name: 'Warm-up' }).fill('1');
    await page.getByRole('spinbutton', { name: 'Threads' }).fill('1');
  }

  async function startAndWaitForStage(stage: string): Promise<JobRecord> {
    const { page } = studio;
    const before = runs().length;
    await page.getByRole('button', { name: 'Start the run' }).click();
    await page.locator(`.stage[data-stage="${stage}"][data-state="running"]`).waitFor({ timeout: 60_000 });
    expect(runs()).toHaveLength(before + 1);
    return runs().at(-1)!;
  }

  it('lists the backends of this machine, TensorRT with the reason it is missing', async () => {
    const { page } = studio;
    // What the contract's capabilities gives: the backend registry's reason and how to get it.
    const tensorrt = await backendStatus('tensorrt');
    const option = page.getByRole('option', { name: /^TensorRT/ });
    expect(await option.isDisabled()).toBe(!tensorrt.available);
    if (!tensorrt.available) {
      const why = page.getByTestId('backend-tensorrt-why');
      expect(await why.innerText()).toContain(tensorrt.reason!);
      if (tensorrt.howToGet) {
        // How to get it is one click away, not a paragraph in the form.
        expect(await why.innerText()).not.toContain(tensorrt.howToGet);
        await why.getByText('How to get it').click();
        expect(await why.innerText()).toContain(tensorrt.howToGet);
        await why.getByText('How to get it').click();
      }
    }
    await fillTinyRun();
    await screenshotAll(page, 'run');
  });

  it('refuses a calibration folder that does not exist at its field, before anything runs', async () => {
    const { page } = studio;
    const missing = path.join(path.dirname(CALIB), 'coco-calib-missing');
    await page.getByRole('textbox', { name: 'Calibration data: path' }).fill(missing);
    await page.getByRole('button', { name: 'Start the run' }).click();
    const error = page.getByTestId('calibration-error');
    await error.waitFor();
    expect(await error.innerText()).toBe(`${missing}: no such file or folder`);
    expect(runs()).toHaveLength(0);
    await page.getByRole('textbox', { name: 'Calibration data: path' }).fill(CALIB);
  });

  it('cancels a run midway: the worker stops and the stage under way says cancelled', async () => {
    const { page } = studio;
    await fillTinyRun(60);
    const record = await startAndWaitForStage('fp32:profile');
    await page.getByTestId('run-progress').getByRole('button', { name: 'Cancel the run' }).click();
    await page.locator('[data-testid="run-state"][data-state="cancelled"]').waitFor();
    expect(studio.server.jobs.get(record.jobId)!.state).toBe('cancelled');
    expect(studio.server.jobs.pidOf(record.jobId)).toBeUndefined();
    expect(await page.locator('.stage[data-stage="fp32:profile"]').getAttribute('data-state')).toBe(
      'cancelled',
    );
    // Each precision is made after the one before was profiled: INT8 was not started, nothing was kept.
    expect(await page.locator('.stage[data-stage="int8:make"]').getAttribute('data-state')).toBe('waiting');
    expect(await page.getByTestId('run-partial-session').count()).toBe(0);
  });

  it('a worker killed after FP32 was profiled is shown where it died, and its partial session opens', async () => {
    const { page } = studio;
    await fillTinyRun();
    // Killed by the server's own job events the moment INT8's make starts: FP32's profile is saved by then.
    const stop = studio.server.jobs.onEvent((event) => {
      if (event.type !== 'progress' || event.progress.stage !== 'int8:make') return;
      stop();
      process.kill(studio.server.jobs.pidOf(event.progress.jobId)!, 'SIGKILL');
    });
    await page.getByRole('button', { name: 'Start the run' }).click();
    const error = page.getByTestId('run-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.innerText()).toBe(
      'INT8: make the variant: the worker process was killed by SIGKILL before the job finished',
    );
    const record = runs().at(-1)!;
    expect(record.state).toBe('crashed');
    const partial = record.error!.partialSession!;
    expect(partial.variants).toEqual(['fp32']);
    const kept = page.getByTestId('run-partial-session');
    expect(await kept.innerText()).toContain('The session keeps what finished: FP32');
    expect(await kept.innerText()).toContain(path.basename(partial.path));
    await screenshotAll(page, 'run-failed');

    await kept.getByRole('button', { name: 'Open the partial session' }).click();
    await page.locator('.app-main[data-view="session"]').waitFor();
    expect(await page.getByTestId('session-title').innerText()).toBe(path.basename(partial.path));
    const banner = page.getByTestId('unfinished-run');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.innerText()).toContain(
      'Incomplete run: stopped after FP32: profile — the run did not finish: nothing after this stage was saved. This session holds FP32.',
    );
    expect(loadSession(partial.path).run!.outcome).toMatchObject({
      state: 'incomplete',
      stage: 'fp32:profile',
    });
    await screenshotAll(page, 'session-partial');

    // The banner leads back to the Run view, whose form starts from the stopped run's settings.
    await banner.getByRole('link', { name: 'Repeat the run in the Run view' }).click();
    await page.getByRole('form', { name: 'Run settings' }).waitFor();
    expect(await page.getByRole('spinbutton', { name: 'Iterations' }).inputValue()).toBe('5');
    expect(await page.getByRole('checkbox', { name: 'INT8' }).isChecked()).toBe(true);
  });

  it('completes FP32 + INT8 with image calibration, with progress in order, and opens its session', async () => {
    const { page } = studio;
    await fillTinyRun();
    await page.getByRole('button', { name: 'Start the run' }).click();
    await page.locator('.app-main[data-view="session"]').waitFor({ timeout: 120_000 });
    const record = runs().at(-1)!;
    expect(record.state).toBe('succeeded');
    // Progress arrived in order: per job, the sequence numbers the page received only go up, and the
    // planned stages started in the planned order.
    const mine = seen.filter((event) => event.jobId === record.jobId);
    expect(mine.length).toBeGreaterThan(5);
    expect(mine.map((event) => event.sequence)).toEqual(
      [...mine.map((event) => event.sequence)].sort((a, b) => a - b),
    );
    const plan = plannedStages(record.job);
    const started = [...new Set(mine.map((event) => event.stage).filter((stage) => plan.includes(stage)))];
    expect(started).toEqual(plan);

    // The session opened is the one the run wrote, with what it made.
    const result = record.result!;
    if (result.kind !== 'profile') throw new Error('not a profile result');
    expect(await page.getByTestId('session-title').innerText()).toBe(path.basename(result.sessionPath));
    const saved = loadSession(result.sessionPath);
    expect(saved.variants.map((variant) => variant.precision)).toEqual(['fp32', 'int8']);
    expect(saved.variants[1]!.recipe).toMatchObject({ calibrationMethod: 'minmax', calibrationSamples: 4 });
    const cards = await page.locator('.part-card').allInnerTexts();
    expect(cards).toContain(`${saved.variants.length}\nVariants`);
    expect(cards).toContain(`${saved.profiles.length}\nProfiles`);
    expect(cards).toContain(`${saved.accuracy.length}\nAccuracy`);
    expect(await page.getByRole('region', { name: 'Variants' }).innerText()).toContain(
      `minmax calibration on 4 samples of images:${CALIB}`,
    );
    expect(saved.run?.job).toMatchObject({
      precisions: ['fp32', 'int8'],
      calibrationLimit: 4,
      iterations: 5,
    });
    await screenshotAll(page, 'session-run');

    // The INT8 variant's nodes kept in float, one line per reason, the node names one click away.
    const variants = page.getByRole('region', { name: 'Variants' });
    await variants.locator('.item').nth(1).locator('summary').first().click();
    const [largest] = keptByReason(saved.variants[1]!);
    expect(largest).toBeDefined();
    const line = variants.locator('.item-detail li').filter({ hasText: largest!.reason });
    // A few names in the line itself, more behind "which ones".
    if (largest!.nodes.length > 3) {
      expect(await line.innerText()).toMatch(new RegExp(`^${largest!.nodes.length} nodes: `));
      await line.locator('summary').click();
    }
    expect(await line.locator('.mono').innerText()).toBe(largest!.nodes.join(', '));
    await screenshotAll(page, 'session-variant-kept', () => line.scrollIntoViewIfNeeded());
  });

  it("the Run view starts from the session's run settings, so the run can be repeated", async () => {
    const { page } = studio;
    await page.getByRole('navigation', { name: 'Views' }).getByText('Run').click();
    expect(await page.getByRole('spinbutton', { name: 'Iterations' }).inputValue()).toBe('5');
    expect(await page.getByRole('textbox', { name: 'Calibration data: path' }).inputValue()).toBe(CALIB);
    expect(await page.getByRole('checkbox', { name: 'FP16' }).isChecked()).toBe(false);
    await screenshotAll(page, 'run-finished');
  });

  it('ran without page errors, console errors or CSP violations', () => {
    expect(studio.problems).toEqual([]);
  });
});
