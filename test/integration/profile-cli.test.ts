/** `trt-studio profile` on real fixture models, as a user runs it, and the Session file it writes. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startJob } from '../../electron/core/jobs/job-runner';
import { toJson } from '../../electron/core/model/serialize';
import { loadSession } from '../../electron/core/model/session';
import { runCli } from '../helpers/cli';
import { fixture, tempDir } from '../helpers/fixtures';

const mnist = fixture('models', 'mnist-8_opt_wonnx.onnx');

describe('trt-studio profile', () => {
  it('--int8-keep-sensitive ranks layers on calibration inputs and keeps the worst in float, saying why', () => {
    const dir = tempDir();
    const out = path.join(dir, 'mnist-int8.session.json');
    const result = runCli([
      'profile',
      mnist,
      '--precisions',
      'int8',
      '--iterations',
      '3',
      '--warmup',
      '1',
      '--threads',
      '1',
      '--calib',
      'random:8',
      '--eval',
      'random:2',
      '--int8-keep-sensitive',
      '1',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    const int8 = loadSession(out).variants.find((v) => v.precision === 'int8')!;
    const kept = int8.keptHigherPrecision.filter((k) => k.reason.startsWith('sensitive:'));
    // MNIST has three weighted layers; the Gemm feeds the output, so it stays float as the output head,
    // and the two convolutions are ranked: one is kept, with its measured damage.
    expect(kept).toHaveLength(1);
    expect(['Convolution28', 'Convolution110']).toContain(kept[0]!.node);
    expect(kept[0]!.reason).toMatch(
      /^sensitive: quantizing it alone drops output cosine to \d\.\d{4} .*rank 1 of 2\)$/,
    );
    expect(int8.notes).toContain('1 most INT8-sensitive layers kept in float (ranked on 3 inputs)');
    fs.rmSync(dir, { recursive: true });
  });

  it('profiles FP32, FP16 and INT8 of MNIST and writes a session that reopens identically', () => {
    const dir = tempDir();
    const out = path.join(dir, 'mnist.session.json');
    const result = runCli([
      'profile',
      mnist,
      '--precisions',
      'fp32,fp16,int8',
      '--iterations',
      '6',
      '--warmup',
      '2',
      '--threads',
      '1',
      '--calib',
      'random:16',
      '--eval',
      'random:4',
      '--out',
      out,
    ]);
    expect(result.stderr).not.toMatch(/trt-studio: /);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^variant\s+p50 ms\s+p90 ms\s+p99 ms/m);
    expect(result.stdout).toMatch(/^fp32\s/m);
    expect(result.stdout).toMatch(/^fp16\s.*cos (0\.99\d+|1\.00000)/m);
    expect(result.stdout).toMatch(/^int8\S*\s/m);
    // The conversions column says what it holds per variant: Q/DQ for INT8, casts for FP16 on ORT's CPU.
    expect(result.stdout).toMatch(/^variant .* conversions {2}accuracy vs fp32$/m);
    expect(result.stdout).toMatch(/^int8\S*\s.*\d+\.\d% \S*Q\/DQ/m);
    expect(result.stdout).toMatch(/^fp16\s.*\d+\.\d% \S*casts/m);
    // Then the slowest layers of each variant (--top, 5 by default), with their type.
    for (const variant of ['fp32', 'fp16', 'int8-onnxruntime'])
      expect(result.stdout).toMatch(new RegExp(`^${variant}: slowest 5 of \\d+ layers$`, 'm'));
    expect(result.stdout).toMatch(/^ *\d+\.\d{4} +\d+\.\d% +QLinearConv +\S/m);

    const text = fs.readFileSync(out, 'utf8');
    const session = loadSession(out);
    expect(JSON.parse(toJson(session))).toEqual(JSON.parse(text));
    expect(session.variants.map((v) => v.precision)).toEqual(['fp32', 'fp16', 'int8']);
    expect(session.engines).toHaveLength(3);
    for (const profile of session.profiles) {
      expect(profile.iterations).toBe(6);
      expect(profile.latency!.count).toBe(6);
      expect(profile.latency!.cv).toEqual(expect.any(Number));
      const layerMeans = profile.layers.reduce((sum, l) => sum + l.stats.meanMs, 0);
      expect(profile.layerSumMs).toBeCloseTo(layerMeans, 9);
      for (const layer of profile.layers) expect(layer.samplesMs).toHaveLength(6);
    }
    // Variants were written beside the session, loadable files.
    for (const variant of session.variants.slice(1)) expect(fs.existsSync(variant.onnxPath!)).toBe(true);
    const fp16 = session.accuracy.find((a) => a.variantId === session.variants[1]!.id)!;
    expect(fp16.inputs).toBe(4);
    for (const output of fp16.outputs)
      expect(output.kind === 'float' && output.cosine).toBeGreaterThanOrEqual(0.999);
    fs.rmSync(dir, { recursive: true });
  });

  it('names a model ORT refuses and leaves nothing behind', () => {
    const dir = tempDir();
    const bad = path.join(dir, 'broken.onnx');
    // A real model cut in half: the protobuf ends inside the graph.
    const bytes = fs.readFileSync(mnist);
    fs.writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const out = path.join(dir, 'broken.session.json');
    const result = runCli(['profile', bad, '--precisions', 'fp32,fp16', '--iterations', '2', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^trt-studio: .*broken\.onnx: /m);
    expect(fs.readdirSync(dir).filter((f) => f !== 'broken.onnx')).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses INT8 without calibration data, before doing any work', () => {
    const result = runCli([
      'profile',
      mnist,
      '--precisions',
      'int8',
      '--out',
      path.join(tempDir(), 's.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('int8 needs calibration data');
  });

  it('a cancelled profile job leaves no session and no variant files', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'cancelled.session.json');
    const job = startJob(
      {
        kind: 'profile',
        modelPath: mnist,
        precisions: ['fp32', 'fp16'],
        backend: 'onnxruntime',
        iterations: 200000,
        threads: 1,
        outPath: out,
      },
      { onProgress: (e) => e.stage === 'fp32:profile' && job.cancel() },
    );
    const outcome = await job.outcome;
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(fs.existsSync(out)).toBe(false);
    const variants = path.join(dir, 'cancelled.session.variants');
    expect(fs.existsSync(variants) ? fs.readdirSync(variants) : []).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });
});
