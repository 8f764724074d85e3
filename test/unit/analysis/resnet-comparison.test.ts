/**
 * Alignment and comparison of the ResNet-18 A100 FP32, FP16 and QAT (INT8) sets from TREx's examples.
 * Expected figures were derived independently in python from the JSON files:
 * - totals: sum(r['averageMs'] for r in profile[1:]) = 2.123776 (fp32), 1.016832 (fp16), 1.09568 (qat);
 * - speedups vs fp32: 2.123776 / 1.016832 = 2.0886, 2.123776 / 1.09568 = 1.9383;
 * - alignment: each engine has 23 non-Reformat layers after dropping NoOps; paired in order they agree in
 *   type and shapes, so 23 rows match in all three; the 13 other rows are data-conversion layers;
 * - regressions: for those 23 pairs, a lower-precision engine slower by >= 5% and >= 0.001 ms, plus the
 *   engine totals: 6 in all (listed below with their python deltas).
 */
import { describe, expect, it } from 'vitest';
import { importTrtexecFiles } from '../../../electron/core/importers/grouping';
import { compareEngines, speedupsOf } from '../../../electron/core/analysis/comparison';
import { alignmentStats } from '../../../electron/core/analysis/layer-alignment';
import { fixture } from '../../helpers/fixtures';

const prefix = fixture('trtexec', 'pytorch__resnet__A100__');
const sets = ['fp32__resnet', 'fp16__resnet', 'qat__resnet-qat'];
const files = sets.flatMap((set) =>
  ['graph', 'profile', 'profile.metadata'].map((kind) => `${prefix}${set}.${kind}.json`),
);
const { runs } = importTrtexecFiles(files);
const labels = ['fp32', 'fp16', 'qat'];
const comparison = compareEngines(
  runs.map((run, e) => ({ engine: run.engine, profile: run.profile, label: labels[e]! })),
);

describe('ResNet-18 A100 fp32 / fp16 / qat', () => {
  it('imports three engines of the expected precision', () => {
    expect(runs.map((run) => run.engine.precision)).toEqual(['fp32', 'fp16', 'int8']);
  });

  it('aligns 23 rows across all three and explains the 13 others', () => {
    const stats = alignmentStats(comparison.rows);
    expect(stats).toEqual({ rows: 36, matched: 23, byMethod: { 'type-shape-order': 23, unmatched: 13 } });
    const unmatched = comparison.rows.filter((row) => row.matchedBy === 'unmatched');
    const names = (e: number) => unmatched.flatMap((row) => (row.cells[e] ? [row.cells[e]!.layerName] : []));
    expect(names(0)).toEqual(['Reformatting CopyNode for Output Tensor 0 to MaxPool_2']);
    expect(names(1)).toEqual([
      'Reformatting CopyNode for Input Tensor 0 to Conv_0 + Relu_1',
      'Reformatting CopyNode for Output Tensor 0 to reshape_after_Gemm_48',
    ]);
    expect(names(2)).toEqual([
      'QuantizeLinear_2',
      'Reformatting CopyNode for Output Tensor 0 to MaxPool_12',
      ...['15', '40', '65', '101', '126', '162', '187', '223'].map((n) => `QuantizeLinear_${n}`),
      'Reformatting CopyNode for Input Tensor 0 to GlobalAveragePool_246',
      'QuantizeLinear_250',
    ]);
    // The QAT input quantizer lines up with FP16's input reformat: both convert the FP32 input.
    const input = unmatched.find((row) => row.cells[2]?.layerName === 'QuantizeLinear_2')!;
    expect(input.cells[1]!.layerName).toBe('Reformatting CopyNode for Input Tensor 0 to Conv_0 + Relu_1');
    expect(input.note).toMatch(/no counterpart in fp32/);
    const quantizers = unmatched.filter((row) =>
      /^QuantizeLinear_(15|40)$/.test(row.cells[2]?.layerName ?? ''),
    );
    expect(quantizers.every((row) => /stand-alone quantize\/dequantize layer/.test(row.note!))).toBe(true);
    // Matched rows pair the same convolution: FP32/FP16 Conv_3 + Relu_4 with QAT's Conv_22.
    const conv = comparison.rows.find((row) => row.cells[0]?.layerName === 'Conv_3 + Relu_4')!;
    expect(conv.cells.map((cell) => cell!.layerName)).toEqual([
      'Conv_3 + Relu_4',
      'Conv_3 + Relu_4',
      'layer1.0.conv1.weight + QuantizeLinear_20 + Conv_22',
    ]);
  });

  it('gives the headline totals and speedups', () => {
    expect(comparison.totals.map((t) => t.totalMs)).toEqual([
      expect.closeTo(2.123776, 9),
      expect.closeTo(1.016832, 9),
      expect.closeTo(1.09568, 9),
    ]);
    const [base, fp16, qat] = speedupsOf(comparison);
    expect(base).toBe(1);
    expect(fp16).toBeCloseTo(2.0886, 4);
    expect(qat).toBeCloseTo(1.9383, 4);
    // GPU compute means from profile.metadata.json: layer sums are 1.06x, 1.18x, 1.24x of them.
    expect(comparison.consistency!.map((c) => c.gpuComputeMs)).toEqual([2.00003, 0.86277, 0.882274]);
  });

  it('finds the regressions python found, largest first, with reasons', () => {
    const found = comparison.regressions.map((r) => [
      r.rowKey,
      labels[r.slowerEngine],
      labels[r.fasterEngine],
      Number(r.deltaMs.toFixed(6)),
    ]);
    expect(found).toEqual([
      ['Conv_0 + Relu_1', 'qat', 'fp16', 0.090112], // 0.201728 - 0.111616
      ['engine total', 'qat', 'fp16', 0.078848], // 1.09568 - 1.016832
      ['MaxPool_2', 'qat', 'fp16', 0.032768], // 0.095232 - 0.062464
      ['GlobalAveragePool_46', 'qat', 'fp16', 0.002048],
      ['Gemm_48', 'qat', 'fp16', 0.002048],
      ['GlobalAveragePool_46', 'qat', 'fp32', 0.001024],
    ]);
    const [conv1, total, maxPool] = comparison.regressions;
    // QAT conv1: 3 input channels (not a multiple of 16), FP32 output, int8x4 kernel without Tensor Cores.
    expect(conv1!.reasons.join('\n')).toMatch(/channels not aligned.*C=3/);
    expect(conv1!.reasons.join('\n')).toMatch(/INT8 in, float32 out/);
    expect(conv1!.reasons.join('\n')).toMatch(/no Tensor Cores: tactic ampere_fp32_icudnn_int8x4/);
    // 11 conversion layers of QAT have no FP16 counterpart (12 Reformat-type layers minus QuantizeLinear_2).
    expect(total!.reasons[0]).toMatch(/^reformats added \/ unfused Q\/DQ: 11 data conversion layer/);
    expect(maxPool!.reasons).toEqual([
      'reformats added: 1 reformat layer(s) next to it, not in fp16, cost 0.0369 ms',
      'FP32 fallback: the layer runs in FP32 in qat',
    ]);
  });

  it('lists precision and tactic mismatches of matched rows', () => {
    const precision = comparison.mismatches!.filter((m) => m.kind === 'precision');
    // Every one of the 23 matched rows differs in precision (fp32 / fp16 / int8 or fp32 pooling).
    expect(precision.length).toBe(23);
    expect(precision.find((m) => m.rowKey === 'MaxPool_2')!.values).toEqual(['fp32', 'fp16', 'fp32']);
  });
});
