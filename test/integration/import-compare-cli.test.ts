/** `trt-studio import` and `compare` on the real trtexec fixtures, run as a user runs them. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSession } from '../../electron/core/model/session';
import { fixture } from '../helpers/fixtures';

const fixtures = fixture('trtexec');
const resnet = (set: string) =>
  fs
    .readdirSync(fixtures)
    .filter((name) => name.startsWith(`pytorch__resnet__A100__${set}__`))
    .map((name) => path.join(fixtures, name));
const cli = (...args: string[]) => spawnSync('node', ['bin/trt-studio.mjs', ...args], { encoding: 'utf8' });

describe('trt-studio import', () => {
  it('groups the six files of the FP16 run into one engine and prints its summary', () => {
    const run = cli('import', ...resnet('fp16'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/== pytorch__resnet__A100__fp16__resnet \(detailed\)/);
    expect(run.stdout).toMatch(/layers: 25 \(\+11 folded/);
    expect(run.stdout).toMatch(/Tensor Core layers: 21/);
    expect(run.stdout).toMatch(/per-layer sum: 1\.0168 ms {3}GPU compute: mean 0\.8628 ms/);
    expect(run.stdout.match(/^== /gm)!.length).toBe(1);
  });

  it('writes a session that reopens with the engine and its profile', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trt-import-')), 'session.json');
    const run = cli('import', ...resnet('qat'), '--json', '--out', out);
    expect(run.status).toBe(0);
    const summaries = JSON.parse(run.stdout) as { layers: number; tensorCoreLayers: number }[];
    expect(summaries).toMatchObject([{ layers: 35, tensorCoreLayers: 20 }]);
    const session = loadSession(out);
    expect(session.engines.map((e) => e.layers.length)).toEqual([35]);
    expect(session.profiles[0]!.engineId).toBe(session.engines[0]!.id);
  });

  it('names the file and the problem on bad input', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-bad-'));
    const bad = path.join(dir, 'cut.profile.json');
    fs.writeFileSync(bad, '[{"count": 3}, {"name": "a", "timeMs": NaN');
    const run = cli('import', bad);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(
      new RegExp(`^trt-studio: ${bad}: not valid JSON \\(the file looks truncated\\)`),
    );
  });
});

describe('trt-studio compare', () => {
  it('prints the headline table of ResNet-18 FP32 / FP16 / QAT', () => {
    const out = execFileSync(
      'node',
      [
        'bin/trt-studio.mjs',
        'compare',
        ...resnet('fp32'),
        ...resnet('fp16'),
        ...resnet('qat'),
        '--labels',
        'fp32,fp16,qat',
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/fp32 +fp32 +24 +2\.1238 ms +1\.00x +2\.0000 ms/);
    expect(out).toMatch(/fp16 +fp16 +25 +1\.0168 ms +2\.09x +0\.8628 ms/);
    expect(out).toMatch(/qat +int8 +35 +1\.0957 ms +1\.94x +0\.8823 ms/);
    expect(out).toMatch(/alignment: 23 of 36 rows matched in every engine/);
    expect(out).toMatch(/Conv_0 \+ Relu_1: qat slower than fp16 by 0\.0901 ms \(1\.81x\)/);
  });

  it('--json gives the canonical Comparison', () => {
    const run = cli('compare', ...resnet('fp32'), ...resnet('fp16'), '--json');
    expect(run.status).toBe(0);
    const view = JSON.parse(run.stdout) as {
      comparison: { labels: string[]; regressions: unknown[] };
      speedups: number[];
    };
    expect(view.comparison.labels).toEqual(['FP32 TensorRT', 'FP16 TensorRT']);
    expect(view.speedups[1]).toBeCloseTo(2.0886, 4);
    expect(view.comparison.regressions).toEqual([]);
  });

  it('refuses a single engine', () => {
    const run = cli('compare', ...resnet('fp32'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/compare needs 2 or more engines; these files hold 1/);
  });
});
