/**
 * The operations the workspace views use, through the contract's dispatcher with serve's FileAccess:
 * the sample model is named and readable, runs are checked field by field before they start, folders
 * of data are browsed inside the allowed ones only, and sessions saved by relative name land in the
 * work folder and are listed newest first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AllowedFolders } from '../../../electron/core/api/file-access';
import { handleOperation, type HandlerContext } from '../../../electron/core/api/handlers';
import { JobManager } from '../../../electron/core/jobs/job-manager';
import { sampleModelPath } from '../../../electron/core/model/sample-model';
import { newSession } from '../../../electron/core/model/session';
import { FIXTURES, fixture, tempDir } from '../../helpers/fixtures';

function context(): HandlerContext {
  const sample = sampleModelPath();
  return {
    files: new AllowedFolders(tempDir('trt-studio-ops-'), [FIXTURES], sample ? [sample] : []),
    jobs: new JobManager(),
    transport: 'http',
    maxUploadBytes: 1024,
  };
}

const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');
const CALIB = fixture('images', 'coco-calib');
const EVAL = fixture('images', 'coco-eval');
const run = (extra: Record<string, unknown>) => ({
  job: {
    kind: 'profile',
    modelPath: MNIST,
    backend: 'onnxruntime',
    outPath: 'sessions/x.session.json',
    ...extra,
  },
});

describe('workspace operations', () => {
  it('capabilities name the sample model, which this front end may read and inspect', async () => {
    const ctx = context();
    const caps = await handleOperation('capabilities', {}, ctx);
    expect(caps.sampleModel).toEqual({ path: sampleModelPath(), name: 'sample-cnn.onnx' });
    expect(caps.pickableFolders).toEqual([FIXTURES]);
    const { model } = await handleOperation('inspectModel', { path: caps.sampleModel!.path }, ctx);
    expect(model.nodes.length).toBeGreaterThan(0);
    // Only reading: the sample's folder stays closed.
    expect(() => ctx.files.writable(caps.sampleModel!.path)).toThrow(/refused/);
    expect(() => ctx.files.readable(path.join(path.dirname(caps.sampleModel!.path), 'icon.png'))).toThrow(
      /refused/,
    );
  });

  it('validateRun passes good settings and names the field of each problem', async () => {
    const ctx = context();
    const good = run({
      precisions: ['fp32', 'int8'],
      calibration: `images:${CALIB}`,
      evaluation: `images:${EVAL}`,
    });
    expect(await handleOperation('validateRun', good, ctx)).toEqual({ problems: [] });

    const noCalib = await handleOperation('validateRun', run({ precisions: ['int8'] }), ctx);
    expect(noCalib.problems).toEqual([
      { field: 'calibration', message: expect.stringMatching(/^INT8 needs calibration data/) },
    ]);

    const missing = path.join(FIXTURES, 'images', 'no-such-folder');
    const bad = await handleOperation(
      'validateRun',
      run({ precisions: ['int8'], calibration: `images:${missing}`, evaluation: `images:${CALIB}` }),
      ctx,
    );
    expect(bad.problems).toEqual([{ field: 'calibration', message: `${missing}: no such file or folder` }]);

    const same = await handleOperation(
      'validateRun',
      run({ precisions: ['int8'], calibration: `images:${CALIB}`, evaluation: `images:${CALIB}` }),
      ctx,
    );
    expect(same.problems.map((problem) => problem.field)).toEqual(['evaluation']);
    expect(same.problems[0]!.message).toContain('the evaluation data is the calibration data');

    const outside = await handleOperation(
      'validateRun',
      run({ precisions: ['fp32'], evaluation: 'images:/etc' }),
      ctx,
    );
    expect(outside.problems).toEqual([
      { field: 'evaluation', message: expect.stringMatching(/^\/etc: refused/) },
    ]);
  });

  it('validateRun asks for dynamic dimensions before checking any source', async () => {
    const ctx = context();
    const mobilenet = fixture('models', 'mobilenet_v2_128_0.5.onnx');
    const { problems } = await handleOperation(
      'validateRun',
      {
        job: { ...run({ precisions: ['fp32'] }).job, modelPath: mobilenet, shapes: { 'input_1:0': [1, 3] } },
      },
      ctx,
    );
    expect(problems).toEqual([
      { field: 'shapes', message: `input "input_1:0": 2 dimensions given, the model's input has 4` },
    ]);
    // A dynamic leading dimension alone is the batch: fine without shapes.
    const batchOnly = await handleOperation(
      'validateRun',
      { job: { ...run({ precisions: ['fp32'] }).job, modelPath: mobilenet } },
      ctx,
    );
    expect(batchOnly.problems).toEqual([]);
  });

  it('listFolder counts images and sub-folders, and offers the parent only inside the allowed folders', async () => {
    const ctx = context();
    const images = await handleOperation('listFolder', { path: fixture('images') }, ctx);
    expect(images.folders.map((folder) => folder.name)).toEqual(['coco-calib', 'coco-eval']);
    expect(images.images).toBe(1);
    expect(images.parent).toBe(FIXTURES);
    const calib = await handleOperation('listFolder', { path: CALIB }, ctx);
    expect(calib.images).toBe(fs.readdirSync(CALIB).filter((name) => name.endsWith('.jpg')).length);
    expect((await handleOperation('listFolder', { path: FIXTURES }, ctx)).parent).toBeNull();
    await expect(handleOperation('listFolder', { path: '/etc' }, ctx)).rejects.toThrow(/refused/);
  });

  it('saves a session by relative name into the work folder and lists it as recent', async () => {
    const ctx = context();
    expect((await handleOperation('listRecent', {}, ctx)).sessions).toEqual([]);
    const first = await handleOperation(
      'saveSession',
      { session: newSession(), path: 'sessions/a.session.json' },
      ctx,
    );
    expect(first.path).toBe(path.join(ctx.files.workDir, 'sessions', 'a.session.json'));
    const second = await handleOperation('saveSession', { session: newSession() }, ctx);
    fs.utimesSync(first.path, new Date(2020, 1, 1), new Date(2020, 1, 1));
    const { sessions } = await handleOperation('listRecent', {}, ctx);
    expect(sessions.map((session) => session.path)).toEqual([second.path, first.path]);
    expect(sessions[1]).toMatchObject({
      name: 'a.session.json',
      modifiedAt: new Date(2020, 1, 1).toISOString(),
    });
    expect(sessions[1]!.sizeBytes).toBe(fs.statSync(first.path).size);
  });
});
