/**
 * The engine report card of TREx's ResNet-18 A100 FP32 run. By hand from its graph.json: the weights
 * and biases of its layers hold 46,738,848 bytes (FP32, python: sum of Count x 4); 24 layers stay after
 * 8 NoOp layers are folded; its bindings are input.1 [32, 3, 224, 224] and 191 [32, 1000].
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelledEngines } from '../../../electron/core/analysis/compare-sessions';
import { engineReport } from '../../../electron/core/analysis/engine-report';
import { lintEngine } from '../../../electron/core/analysis/engine-lints';
import { filesToSession } from '../../../electron/core/importers/files-to-session';
import { fixture } from '../../helpers/fixtures';

const files = (prefix: string) =>
  fs
    .readdirSync(fixture('trtexec'))
    .filter((name) => name.startsWith(prefix))
    .map((name) => fixture('trtexec', name));

describe('engine report', () => {
  it('summarizes the FP32 ResNet-18 engine as TREx did', async () => {
    const { session } = await filesToSession(files('pytorch__resnet__A100__fp32__'));
    const [item] = labelledEngines([session]).items;
    const report = engineReport(item!);
    const s = report.summary;
    expect([s.backend, s.precision, s.device, s.layers, s.foldedLayers]).toEqual([
      'TensorRT',
      'FP32',
      'NVIDIA A100 80GB PCIe',
      24,
      8,
    ]);
    expect(s.inputs).toEqual([
      { name: 'input.1', dims: [32, 3, 224, 224], dtype: 'float32', format: 'Row major linear FP32' },
    ]);
    expect(s.outputs.map((t) => [t.name, t.dims])).toEqual([['191', [32, 1000]]]);
    expect(s.weights).toEqual({ bytes: 46_738_848, layersKnown: 21, layers: 24 });
    expect(s.options).toContainEqual(['Precision', 'FP32']);
    expect(s.sizeBytes).toBeNull();
    expect(s.latency).toMatchObject({ p50Ms: 1.99072, p90Ms: null });
    expect(s.layerSumMs).toBeCloseTo(2.123776, 9);
    // Time by type adds up to the per-layer sum; shares add up to 1.
    expect(report.byType.reduce((sum, t) => sum + t.timeMs!, 0)).toBeCloseTo(2.123776, 9);
    expect(report.byType.reduce((sum, t) => sum + t.share!, 0)).toBeCloseTo(1, 9);
    expect(report.byType[0]!.type).toBe('Convolution');
    // Tactics, slowest first, account for the time of every layer that names one.
    const withTactic = report.layers.filter((layer) => layer.tactic);
    expect(report.tactics.reduce((sum, t) => sum + t.timeMs!, 0)).toBeCloseTo(
      withTactic.reduce((sum, layer) => sum + layer.timeMs!, 0),
      9,
    );
    expect(report.tactics[0]!.tactic).toBe('ampere_scudnn_128x64_relu_xregs_large_nn_v1');
    expect(report.lints).toEqual(lintEngine(item!.engine));
    const conv = report.layers.find((layer) => layer.name === 'Conv_0 + Relu_1')!;
    expect(conv.weightBytes).toBe((9408 + 64) * 4);
    expect(conv.outputBytes).toBe(32 * 64 * 112 * 112 * 4);
  });

  it('says what a names-only engine does not give, never zeros', async () => {
    const { session } = await filesToSession(files('yolo_qat_orin'));
    const [item] = labelledEngines([session]).items;
    const report = engineReport(item!);
    expect(report.summary.detail).toBe('names-only');
    expect(report.summary.weights).toBeNull();
    expect(report.summary.activations).toBeNull();
    expect(report.layers.every((layer) => layer.weightBytes === null && layer.inputFormat === null)).toBe(
      true,
    );
  });
});
