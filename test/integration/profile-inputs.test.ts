/**
 * A profile job checks every input before it makes the first variant: input specs against the model,
 * calibration and evaluation data against the inputs and dtypes. Each bad case is one line naming the
 * flag or file, and no work (no variant, no session) happens first. Runs on the studio's DETR-style
 * sample (images + orig_target_sizes), written by the project's own ONNX writer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDetrModel } from '../../assets/make-sample-detr';
import type { ProfileJob } from '../../electron/core/api';
import { StudioError } from '../../electron/core/errors';
import { writeOnnx } from '../../electron/core/onnx/writer';
import { parseInputSpecs } from '../../electron/core/model/input-spec';
import { runProfileSession } from '../../electron/core/profiling/profile-session';
import { runCli } from '../helpers/cli';
import { fixture, tempDir } from '../helpers/fixtures';
import { writeNpz } from '../helpers/npz';

const dir = tempDir('trt-studio-inputs-');
const model = path.join(dir, 'detr.onnx');
const CALIB = `images:${fixture('images', 'coco-calib')}`;
const EVAL = `images:${fixture('images', 'coco-eval')}`;

beforeAll(() => {
  writeOnnx(sampleDetrModel(), model);
  fs.mkdirSync(path.join(dir, 'no-images'));
  fs.writeFileSync(path.join(dir, 'no-images', 'notes.txt'), 'not an image');
  fs.mkdirSync(path.join(dir, 'npz-missing'));
  const images = {
    dtype: 'float32' as const,
    shape: [1, 3, 320, 320],
    values: new Array(3 * 320 * 320).fill(0.5),
  };
  writeNpz(path.join(dir, 'npz-missing', 'a.npz'), { images });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function job(overrides: Partial<ProfileJob> & { input?: string[] }): ProfileJob {
  const { input, ...rest } = overrides;
  const out = path.join(tempDir('trt-studio-out-'), 's.session.json');
  return {
    kind: 'profile',
    modelPath: model,
    precisions: ['fp32', 'fp16', 'int8'],
    backend: 'onnxruntime',
    iterations: 2,
    warmupIterations: 0,
    threads: 1,
    calibration: CALIB,
    evaluation: EVAL,
    evaluationLimit: 2,
    inputs: parseInputSpecs(input ?? ['orig_target_sizes=image-size']),
    outPath: out,
    ...rest,
  };
}

/** Runs the job expecting a refusal; returns the message after checking no work was done. */
async function refusal(bad: ProfileJob): Promise<string> {
  const stages = new Set<string>();
  const error = await runProfileSession(bad, (e) => stages.add(e.stage)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StudioError);
  expect([...stages]).toEqual(['inputs']);
  const outDir = path.dirname(bad.outPath);
  expect(fs.readdirSync(outDir)).toEqual([]);
  fs.rmSync(outDir, { recursive: true });
  return (error as StudioError).message;
}

describe('profile job inputs are checked before any work', () => {
  it('an input spec naming an input the model lacks', async () => {
    expect(await refusal(job({ input: ['sizes=image-size'] }))).toBe(
      '--input: the model has no input "sizes" (its inputs: images, orig_target_sizes)',
    );
  });

  it('a value of the wrong length', async () => {
    expect(await refusal(job({ input: ['orig_target_sizes=640'] }))).toMatch(
      /^--input: orig_target_sizes=640: 1 value, input "orig_target_sizes" \(\[1, 2\] int64\) takes 2$/,
    );
  });

  it('a value of the wrong dtype', async () => {
    expect(await refusal(job({ input: ['orig_target_sizes=640,426.5'] }))).toMatch(
      /426\.5 does not fit input "orig_target_sizes", which is int64/,
    );
  });

  it('images for a two-input model without a spec for the other input', async () => {
    expect(await refusal(job({ input: [] }))).toMatch(
      /coco-calib: images feed one input, the model has 2 without a value \(images, orig_target_sizes\): give the others with --input/,
    );
  });

  it('an image folder with no images (calibration and evaluation)', async () => {
    const empty = path.join(dir, 'no-images');
    expect(await refusal(job({ calibration: `images:${empty}` }))).toBe(
      `${empty}: folder holds no JPEG or PNG images`,
    );
    expect(await refusal(job({ evaluation: `images:${empty}` }))).toBe(
      `${empty}: folder holds no JPEG or PNG images`,
    );
  });

  it('a missing evaluation folder', async () => {
    const missing = path.join(dir, 'nowhere');
    expect(await refusal(job({ evaluation: `images:${missing}` }))).toMatch(
      new RegExp(`^${missing}: no such file or folder`),
    );
  });

  it('an .npz missing an input', async () => {
    const file = path.join(dir, 'npz-missing', 'a.npz');
    expect(await refusal(job({ calibration: `npy:${path.join(dir, 'npz-missing')}`, input: [] }))).toBe(
      `${file}: no array named "orig_target_sizes" (it holds images)`,
    );
  });

  it('the CLI prints the one line and exits 1', () => {
    const out = path.join(dir, 'cli.session.json');
    const result = runCli([
      'profile',
      model,
      '--calib',
      CALIB,
      '--input',
      'orig_target_size=image-size',
      '--out',
      out,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      'trt-studio: --input: the model has no input "orig_target_size" (its inputs: images, orig_target_sizes)',
    );
    expect(fs.existsSync(out)).toBe(false);
  });
});
