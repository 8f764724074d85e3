import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../electron/core/errors';
import {
  importOrtProfile,
  onnxRuntimeProfileImporter,
  parseOrtProfile,
} from '../../../electron/core/importers/onnxruntime-profile';
import { chromeTraceImporter } from '../../../electron/core/importers/chrome-trace';
import type { Engine, Profile } from '../../../electron/core/model/types';
import { fixture } from '../../helpers/fixtures';

const OLD = fixture('traces', 'onnxruntime_profile__2019-06-28_04-56-43.json');
const NEW = fixture('traces', 'ort_resnet18_cpu_2026-11-21_11-45-27_469.json');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ort-profile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Total ms per op type over all runs. */
function totalsByOp(engine: Engine, profile: Profile): Record<string, number> {
  const totals: Record<string, number> = {};
  profile.layers.forEach((layer) => {
    const type = engine.layers[layer.layerIndex!]!.type;
    totals[type] = Math.round(((totals[type] ?? 0) + layer.stats.totalMs) * 1000) / 1000;
  });
  return totals;
}

// Per-op totals from jq:
// jq '[.[] | select(.cat=="Node" and (.name|endswith("_kernel_time"))) | {op: .args.op_name, d: .dur}]
//     | group_by(.op) | map([.[0].op, length, (map(.d)|add)])'
describe('ONNX Runtime profile importer', () => {
  it('detects ORT profiles ahead of the generic Chrome trace importer', () => {
    for (const file of [OLD, NEW]) {
      const head = fs.readFileSync(file).subarray(0, 65536);
      expect(onnxRuntimeProfileImporter.detect({ path: file, head })).toBe(1);
      expect(chromeTraceImporter.detect({ path: file, head })).toBeLessThan(1);
    }
  });

  it('old format (2019): 12 nodes, one run, fence events noted, per-op totals', async () => {
    const { engines, profiles, traces } = await importOrtProfile(OLD);
    const [engine, profile] = [engines[0]!, profiles[0]!];
    expect(engine.layers).toHaveLength(12);
    expect(engine.detail).toBe('names-only');
    expect(engine.precision).toBe('unknown');
    expect(profile.iterations).toBe(1);
    expect(totalsByOp(engine, profile)).toEqual({
      Conv: 1.825,
      Add: 0.056,
      Relu: 0.015,
      MaxPool: 0.047,
      Reshape: 0.007,
      MatMul: 0.013,
    });
    expect(profile.warnings.join()).toMatch(/24 fence event\(s\) are not counted/);
    expect(profile.layers[0]!.name).toBe('Convolution28');
    expect(traces[0]!.spans.count).toBe(40);
  });

  it('new format (ORT 1.30, ResNet-18): 25 nodes x 3 runs, fp32 CPU provider, per-op totals, run latency', async () => {
    const { engines, profiles, traces } = await importOrtProfile(NEW);
    const [engine, profile] = [engines[0]!, profiles[0]!];
    expect(engine.layers).toHaveLength(25);
    expect(engine.detail).toBe('detailed');
    expect(engine.precision).toBe('fp32');
    expect(engine.buildOptions.providers).toBe('CPUExecutionProvider');
    expect(profile.iterations).toBe(3);
    expect(profile.layers.every((l) => l.samplesMs!.length === 3)).toBe(true);
    expect(totalsByOp(engine, profile)).toEqual({
      Conv: 11.315,
      MaxPool: 0.211,
      GlobalAveragePool: 0.078,
      ReorderOutput: 0.033,
      Flatten: 0.032,
      Gemm: 0.154,
    });
    // model_run durations 4626, 3959, 3869 µs.
    expect(profile.latency!.meanMs).toBeCloseTo((4626 + 3959 + 3869) / 3 / 1000, 9);
    const first = engine.layers[0]!;
    expect(first.name).toBe('/relu/Relu_output_0_nchwc');
    expect(first.type).toBe('Conv');
    expect(first.inputs.map((t) => t.dims)).toEqual([[1, 3, 224, 224], [64, 3, 7, 7], [64]]);
    expect(engine.layers.filter((l) => l.reformat).map((l) => l.type)).toEqual(['ReorderOutput']);
    expect(profile.batchSize).toBe(1);
    expect(traces[0]!.spans.count).toBe(83);
    expect(profile.traceId).toBe(traces[0]!.id);
  });

  it('parseOrtProfile takes the events directly (for the live backend)', () => {
    const events = JSON.parse(fs.readFileSync(NEW, 'utf8')) as unknown[];
    const result = parseOrtProfile(events, 'live-run.json');
    expect(result.profile.layers).toHaveLength(25);
    expect(result.engine.id).toBe('onnxruntime:live-run.json');
  });

  it("bad input: another tool's JSON, truncated JSON, and fuzzed events give a StudioError or finite numbers", async () => {
    const kineto = path.join(dir, 'kineto.json');
    fs.writeFileSync(
      kineto,
      JSON.stringify({ traceEvents: [{ ph: 'X', cat: 'kernel', name: 'k', ts: 1, dur: 1 }] }),
    );
    await expect(importOrtProfile(kineto)).rejects.toThrow(/not an ONNX Runtime profile with node times/);
    const cut = path.join(dir, 'cut.json');
    fs.writeFileSync(cut, fs.readFileSync(NEW, 'utf8').slice(0, 5000));
    await expect(importOrtProfile(cut)).rejects.toBeInstanceOf(StudioError);

    const event = fc.record({
      ph: fc.constantFrom('X', 'B', 'M'),
      cat: fc.constantFrom('Node', 'Session', 'Other'),
      name: fc.oneof(
        fc.constantFrom('a_kernel_time', 'model_run', 'b_fence_before'),
        fc.string(),
        fc.integer(),
      ),
      ts: fc.oneof(fc.double(), fc.nat(), fc.string()),
      dur: fc.oneof(fc.double(), fc.nat(), fc.constant(null)),
      args: fc.oneof(fc.object(), fc.record({ op_name: fc.anything(), input_type_shape: fc.anything() })),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        try {
          const { profile } = parseOrtProfile(events, 'fuzz.json');
          for (const layer of profile.layers) {
            expect(Number.isFinite(layer.stats.totalMs)).toBe(true);
            expect(layer.stats.totalMs).toBeGreaterThanOrEqual(0);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(StudioError);
        }
      }),
      { numRuns: 200 },
    );
  });
});
