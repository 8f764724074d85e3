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
    const summary = JSON.parse(run.stdout) as { engines: { layers: number; tensorCoreLayers: number }[] };
    expect(summary.engines).toMatchObject([{ layers: 35, tensorCoreLayers: 20 }]);
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
  it('prints the headline table of ResNet-18 FP32 / FP16 / QAT against FP32, with regressions and lints', () => {
    // The FP16 files come first: the baseline is still the FP32 run, labelled by precision and backend.
    const out = execFileSync(
      'node',
      ['bin/trt-studio.mjs', 'compare', ...resnet('fp16'), ...resnet('fp32'), ...resnet('qat')],
      {
        encoding: 'utf8',
      },
    );
    // Per-layer totals and speedups from the profile JSON (python, see resnet-comparison.test.ts); GPU
    // compute means and latency medians from the profile metadata.
    expect(out).toMatch(
      /FP32 TensorRT +FP32 +24 +2\.1238 ms +1\.00x +2\.0000 ms +GPU +1\.9907 ms +baseline +reference/,
    );
    expect(out).toMatch(
      /FP16 TensorRT +FP16 +25 +1\.0168 ms +2\.09x +0\.8628 ms +GPU +0\.8622 ms +2\.31x faster +not measured/,
    );
    expect(out).toMatch(
      /INT8 TensorRT +INT8 +35 +1\.0957 ms +1\.94x +0\.8823 ms +GPU +0\.8826 ms +2\.26x faster +not measured/,
    );
    expect(out).toMatch(/^baseline: FP32 TensorRT \(FP32, the reference precision\)$/m);
    expect(out).toMatch(/alignment: 23 of 36 rows matched in every engine/);
    expect(out).toMatch(/Conv_0 \+ Relu_1: INT8 TensorRT slower than FP16 TensorRT by 0\.0901 ms \(1\.81x\)/);
    // Lints with why and fix: the QAT conv1 runs off Tensor Cores (int8x4 tactic, 3 input channels).
    expect(out).toMatch(/^lints \(\d+\):$/m);
    expect(out).toMatch(
      /warning tensor-core-use x1: \[INT8 TensorRT\] conv1\.weight \+ QuantizeLinear_7 \+ Conv_9/,
    );
    expect(out).toMatch(/^ {6}fix: Only 3 input channels/m);
  });

  it('measures against the baseline given by --baseline', () => {
    const run = cli('compare', ...resnet('fp32'), ...resnet('fp16'), '--baseline', 'FP16 TensorRT');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^baseline: FP16 TensorRT \(chosen by the caller\)$/m);
    expect(run.stdout).toMatch(/FP32 TensorRT +FP32 +24 +2\.1238 ms +0\.48x/);
    const wrong = cli('compare', ...resnet('fp32'), ...resnet('fp16'), '--baseline', 'INT8 TensorRT');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(
      /no engine is labelled "INT8 TensorRT"; the labels are FP32 TensorRT, FP16 TensorRT/,
    );
  });

  it('calls CPU runs CPU runs, never GPU compute', () => {
    const run = cli(
      'compare',
      fixture('traces', 'ort_resnet18_cpu_2026-11-21_11-45-27_469.json'),
      fixture('traces', 'onnxruntime_profile__2019-06-28_04-56-43.json'),
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^FP32 ONNX Runtime .* CPU /m);
    expect(run.stdout).toMatch(/FP32 ONNX Runtime: ran on the CPU/);
    expect(run.stdout).not.toMatch(/GPU compute/);
    // Two unrelated ONNX Runtime profiles: said plainly, and no layer-by-layer figures.
    expect(run.stdout).toMatch(/they look like different models, so they are compared engine by engine/);
    expect(run.stdout).not.toMatch(/^alignment:/m);
  });

  it('--json gives the canonical Comparison and the cards', () => {
    const run = cli('compare', ...resnet('fp32'), ...resnet('fp16'), '--json');
    expect(run.status).toBe(0);
    const view = JSON.parse(run.stdout) as {
      comparison: { labels: string[]; regressions: unknown[] };
      speedups: number[];
      cards: { label: string; speedup: { basis: string } | null }[];
    };
    expect(view.comparison.labels).toEqual(['FP32 TensorRT', 'FP16 TensorRT']);
    expect(view.speedups[1]).toBeCloseTo(2.0886, 4);
    expect(view.comparison.regressions).toEqual([]);
    expect(view.cards.map((card) => card.label)).toEqual(['FP32 TensorRT', 'FP16 TensorRT']);
    expect(view.cards[1]!.speedup!.basis).toBe('end-to-end median');
  });

  it('refuses a single engine', () => {
    const run = cli('compare', ...resnet('fp32'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/compare needs 2 or more engines; these files hold 1/);
  });
});
