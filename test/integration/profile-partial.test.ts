/**
 * A profile run that stops midway keeps what finished. Each precision is made, loaded and profiled
 * before the next, and after each profile the run saves a partial session beside the one it is making:
 * an INT8 calibration that meets a cut-off JPEG (its folder passed the upfront check: the images are
 * listed, only calibration decodes them) fails at int8:make and keeps FP32 and FP16; a worker killed
 * after FP32's profile leaves a partial session that says it stopped there, and the job's error points
 * to it. An older complete session at the output path is never touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProfileJob } from '../../electron/core/api';
import { startJob } from '../../electron/core/jobs/job-runner';
import { loadSession, newSession, saveSession } from '../../electron/core/model/session';
import { partialSessionPathOf } from '../../electron/core/profiling/partial-session';
import { runCli } from '../helpers/cli';
import { fixture, tempDir } from '../helpers/fixtures';

const mnist = fixture('models', 'mnist-8_opt_wonnx.onnx');
const dir = tempDir('profile-partial-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An older complete session at `out`, whose bytes a failed run must leave as they are. */
function olderSession(out: string): Buffer {
  const older = newSession();
  older.notes.push('an earlier complete run');
  saveSession(out, older);
  return fs.readFileSync(out);
}

/** FP32 + FP16 of MNIST, timed `iterations` runs on one thread, judged on 2 random inputs. */
function tinyFp32Fp16(outPath: string, iterations = 3): ProfileJob {
  return {
    kind: 'profile',
    modelPath: mnist,
    precisions: ['fp32', 'fp16'],
    backend: 'onnxruntime',
    iterations,
    warmupIterations: 1,
    threads: 1,
    evaluation: 'random:2',
    outPath,
  };
}

describe('a profile run that stops midway', () => {
  it('fails in INT8 calibration at a cut-off JPEG and keeps FP32 and FP16 in a partial session', () => {
    // Three real images, then one cut after 600 bytes: sorted last, so calibration reaches it third.
    const calib = path.join(dir, 'calib');
    fs.mkdirSync(calib);
    const images = fs.readdirSync(fixture('images', 'coco-calib')).sort().slice(0, 3);
    for (const name of images) fs.copyFileSync(fixture('images', 'coco-calib', name), path.join(calib, name));
    const cut = path.join(calib, 'zz-cut.jpg');
    fs.writeFileSync(cut, fs.readFileSync(fixture('images', 'coco-calib', images[0]!)).subarray(0, 600));
    const out = path.join(dir, 'calib-fails.session.json');
    const before = olderSession(out);

    const result = runCli([
      'profile',
      mnist,
      '--precisions',
      'fp32,fp16,int8',
      '--iterations',
      '3',
      '--warmup',
      '1',
      '--threads',
      '1',
      '--calib',
      `images:${calib}`,
      '--calib-method',
      'minmax',
      '--eval',
      'random:2',
      '--out',
      out,
    ]);
    expect(result.code).toBe(1);
    const partialPath = path.join(dir, 'calib-fails.partial.session.json');
    expect(partialSessionPathOf(out)).toBe(partialPath);
    // The note line names what was kept and where; the error line, last, names the bad image.
    const lines = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('note:') || line.startsWith('trt-studio:'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`note: the session keeps what finished (fp32, fp16): ${partialPath}`);
    expect(lines[1]).toMatch(new RegExp(`^trt-studio: .*zz-cut\\.jpg`));
    expect(result.stderr.trim().split('\n').at(-1)).toBe(lines[1]);

    expect(fs.readFileSync(out).equals(before)).toBe(true);
    const partial = loadSession(partialPath);
    expect(partial.variants.map((v) => v.id)).toEqual(['fp32', 'fp16']);
    expect(partial.profiles).toHaveLength(2);
    expect(partial.profiles.map((p) => partial.engines.find((e) => e.id === p.engineId)!.variantId)).toEqual([
      'fp32',
      'fp16',
    ]);
    expect(partial.accuracy).toEqual([]);
    expect(partial.run!.outcome).toMatchObject({ state: 'failed', stage: 'int8:make' });
    expect(partial.run!.outcome!.message).toContain('zz-cut.jpg');
    expect(lines[1]).toContain(partial.run!.outcome!.message);
    expect(partial.run!.job).toMatchObject({
      precisions: ['fp32', 'fp16', 'int8'],
      calibration: `images:${calib}`,
    });
    expect(partial.notes.at(-1)).toBe(
      `this run failed at INT8: make the variant (${partial.run!.outcome!.message}); ` +
        'the session keeps what finished up to FP16: profile: FP32, FP16',
    );
    // The FP16 file the partial session names is there; no INT8 file was left behind.
    expect(fs.existsSync(partial.variants[1]!.onnxPath!)).toBe(true);
    const variants = path.join(dir, 'calib-fails.session.variants');
    expect(fs.readdirSync(variants)).toEqual([path.basename(partial.variants[1]!.onnxPath!)]);
    expect(fs.readdirSync(variants).some((name) => name.includes('int8'))).toBe(false);
  });

  it('a worker killed after FP32 was profiled leaves a partial session saying so, named by the job error', async () => {
    const out = path.join(dir, 'killed.session.json');
    const before = olderSession(out);
    const job = startJob(
      // Enough FP16 runs (about a second) that the kill lands before FP16's profile ends, even when
      // the progress event reaches this process late on a loaded machine (3 runs raced it in CI).
      tinyFp32Fp16(out, 20000),
      // fp16:make starts once FP32's profile is done and its checkpoint saved.
      { onProgress: (event) => event.stage === 'fp16:make' && job.worker.kill('SIGKILL') },
    );
    const outcome = await job.outcome;
    const partialPath = path.join(dir, 'killed.partial.session.json');
    expect(outcome).toEqual({
      ok: false,
      error: {
        type: 'error',
        jobId: job.jobId,
        kind: 'crashed',
        message: 'the worker process was killed by SIGKILL before the job finished',
        partialSession: { path: partialPath, variants: ['fp32'] },
      },
    });
    const partial = loadSession(partialPath);
    expect(partial.run!.outcome).toEqual({
      state: 'incomplete',
      stage: 'fp32:profile',
      message: 'the run did not finish: nothing after this stage was saved',
    });
    expect(partial.profiles).toHaveLength(1);
    expect(fs.readFileSync(out).equals(before)).toBe(true);
  });

  it('a run that finishes writes its session and removes the partial one', async () => {
    // The same output as the killed run above, whose partial session is still there.
    const out = path.join(dir, 'killed.session.json');
    expect(fs.existsSync(partialSessionPathOf(out))).toBe(true);
    const job = startJob(tinyFp32Fp16(out));
    expect((await job.outcome).ok).toBe(true);
    const session = loadSession(out);
    expect(session.run!.outcome).toBeUndefined();
    expect(session.variants.map((v) => v.id)).toEqual(['fp32', 'fp16']);
    expect(fs.existsSync(partialSessionPathOf(out))).toBe(false);
  });
});
