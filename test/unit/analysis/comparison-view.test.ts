/**
 * The comparison view's figures on TREx's ResNet-18 A100 FP32 / FP16 / QAT runs. Expected figures were
 * computed in python from the JSON files (see also resnet-comparison.test.ts):
 * - latency medians (profile.metadata "Latency"[3]): fp32 1.99072 ms, fp16 0.862183 ms, so fp16 is
 *   1.99072 / 0.862183 = 2.30893x; fp32 throughput 499.294 qps at batch 32;
 * - QAT: 10 stand-alone QuantizeLinear layers take 0.232448 ms, its 2 reformats 0.04608 ms;
 * - per-layer totals 2.123776 / 1.016832 / 1.09568 ms.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSessions, type SessionComparison } from '../../../electron/core/analysis/compare-sessions';
import { comparisonView, shortLabels } from '../../../electron/core/analysis/comparison-view';
import { rowKeyIndex } from '../../../electron/core/analysis/comparison-rows';
import { filesToSession } from '../../../electron/core/importers/files-to-session';
import type { ComparisonView } from '../../../electron/core/model/views/comparison';
import { filterRows } from '../../../electron/core/model/views/row-filter';
import { fixture } from '../../helpers/fixtures';

const resnet = (set: string) =>
  fs
    .readdirSync(fixture('trtexec'))
    .filter((name) => name.startsWith(`pytorch__resnet__A100__${set}__`))
    .map((name) => fixture('trtexec', name));

describe('comparison view of ResNet-18 FP32 / FP16 / QAT', () => {
  let compared: SessionComparison;
  let view: ComparisonView;

  beforeAll(async () => {
    const { session } = await filesToSession([...resnet('fp16'), ...resnet('qat'), ...resnet('fp32')]);
    compared = compareSessions([session]);
    view = comparisonView(compared.comparison, compared.items);
  });

  it('gives one card per variant with the end-to-end speedup and what is missing, never zeros', () => {
    const [fp32, fp16, int8] = view.cards;
    expect(view.cards.map((card) => [card.label, card.isBaseline, card.target])).toEqual([
      ['FP32 TensorRT', true, 'gpu'],
      ['FP16 TensorRT', false, 'gpu'],
      ['INT8 TensorRT', false, 'gpu'],
    ]);
    expect(fp32!.latency).toMatchObject({ basis: 'end-to-end', p50Ms: 1.99072, p90Ms: null, p99Ms: 2.05621 });
    expect(fp32!.throughput).toEqual({ inferencesPerSec: 499.294, samplesPerSec: 499.294 * 32, batch: 32 });
    expect(fp16!.speedup!.value).toBeCloseTo(2.30893, 5);
    expect(fp16!.speedup).toMatchObject({ basis: 'end-to-end median', mark: 'faster' });
    // trtexec files carry neither the engine size nor the build time, nor any accuracy: said so.
    expect([fp16!.engineSizeBytes, fp16!.buildTimeMs, fp16!.accuracy]).toEqual([null, null, null]);
    expect(fp16!.accuracyMissing).toBe('not measured for this variant');
    expect(fp32!.accuracyMissing).toMatch(/the reference/);
    // Per-layer sums 1.18x and 1.24x the GPU compute means (1.016832 / 0.86277, 1.09568 / 0.882274).
    expect(fp16!.caveats).toEqual([
      {
        kind: 'layer-sum',
        text: 'per-layer sum is 1.18x the GPU compute time: per-layer profiling serializes layers',
      },
    ]);
    expect(int8!.caveats.map((c) => c.text)).toEqual([
      'per-layer sum is 1.24x the GPU compute time: per-layer profiling serializes layers',
    ]);
    expect(fp32!.caveats).toEqual([]);
  });

  it('gives one row per aligned layer with speedups, precisions and formats', () => {
    expect(view.rows).toHaveLength(36);
    expect(view.alignment).toEqual({
      rows: 36,
      matched: 23,
      byMethod: { 'type-shape-order': 23, unmatched: 13 },
    });
    const conv = view.rows.find((row) => row.key === 'Conv_0 + Relu_1')!;
    const [base, half, int8] = conv.cells;
    expect(base!.timeMs).toBeCloseTo(0.52224, 9);
    expect(half!.speedup).toBeCloseTo(0.52224 / 0.111616, 9);
    expect(half!.mark).toBe('faster');
    expect([int8!.inputPrecision, int8!.outputPrecision]).toEqual(['int8', 'fp32']);
    expect(int8!.inputFormat).toBe('Four wide channel vectorized row major Int8 format');
    expect(conv.precisionMismatch && conv.tacticMismatch).toBe(true);
    expect(conv.regression).toMatchObject({ slowerEngine: 2, fasterEngine: 1 });
    // No accuracy in imported runs: no error, never 0.
    expect(view.rows.every((row) => row.cells.every((cell) => cell === null || cell.error === null))).toBe(
      true,
    );
    // Rows not aligned everywhere carry the reason.
    expect(view.unaligned).toHaveLength(13);
    expect(view.unaligned.every((layer) => layer.note.length > 0 && layer.missingIn.length > 0)).toBe(true);
  });

  it('filters rows by the flags core set', () => {
    expect(filterRows(view.rows, { precisionMismatch: true })).toHaveLength(23);
    const regressions = filterRows(view.rows, { regressionsOnly: true }).map((row) => row.key);
    expect(regressions).toEqual(['Conv_0 + Relu_1', 'MaxPool_2', 'GlobalAveragePool_46', 'Gemm_48']);
    expect(filterRows(view.rows, { layerType: 'Pooling' }).map((row) => row.key)).toEqual([
      'MaxPool_2',
      'GlobalAveragePool_46',
    ]);
    expect(filterRows(view.rows, { unalignedOnly: true })).toHaveLength(13);
    // Text matches any variant's layer name (the QAT conv layers name their quantizers too).
    const found = filterRows(view.rows, { text: 'quantizelinear_15' });
    expect(found.map((row) => row.key)).toContain('QuantizeLinear_15');
    const names = (row: (typeof found)[number]) => row.cells.map((cell) => cell?.layerName ?? '').join('|');
    expect(found.every((row) => names(row).includes('QuantizeLinear_15'))).toBe(true);
    expect(found.length).toBeLessThan(view.rows.length);
    expect(view.layerTypes).toEqual([
      { type: 'Convolution', rows: 21 },
      { type: 'Reformat', rows: 13 },
      { type: 'Pooling', rows: 2 },
    ]);
  });

  it('ranks the regressions by time lost and names the variants', () => {
    expect(view.regressions.map((r) => [r.rank, r.rowKey, r.slower, r.faster])).toEqual([
      [1, 'Conv_0 + Relu_1', 'INT8 TensorRT', 'FP16 TensorRT'],
      [2, 'engine total', 'INT8 TensorRT', 'FP16 TensorRT'],
      [3, 'MaxPool_2', 'INT8 TensorRT', 'FP16 TensorRT'],
      [4, 'GlobalAveragePool_46', 'INT8 TensorRT', 'FP16 TensorRT'],
      [5, 'Gemm_48', 'INT8 TensorRT', 'FP16 TensorRT'],
      [6, 'GlobalAveragePool_46', 'INT8 TensorRT', 'FP32 TensorRT'],
    ]);
    expect(view.regressions[1]!.wholeEngine).toBe(true);
  });

  it('gives the chart figures: time by type, precision mix, conversion share, payoff balance', () => {
    const { charts } = view;
    // Time by type adds up to each variant's per-layer total.
    const sums = [0, 1, 2].map((e) => charts.byType.reduce((sum, s) => sum + s.timesMs[e]!, 0));
    expect(sums[0]).toBeCloseTo(2.123776, 9);
    expect(sums[1]).toBeCloseTo(1.016832, 9);
    expect(sums[2]).toBeCloseTo(1.09568, 9);
    expect(charts.precision[1]!.map((p) => [p.precision, p.layers])).toEqual([
      ['fp16', 24],
      ['fp32', 1],
    ]);
    expect(charts.conversion[2]!.qdq.layers).toBe(10);
    expect(charts.conversion[2]!.qdq.timeMs).toBeCloseTo(0.232448, 9);
    expect(charts.conversion[2]!.reformat).toEqual({ layers: 2, timeMs: expect.closeTo(0.04608, 9) });
    // Layer by layer, the balance against FP32 is the difference of the per-layer totals.
    expect(charts.payoff[0]!.balance).toBeNull();
    expect(charts.payoff[1]!.balance!.netMs).toBeCloseTo(2.123776 - 1.016832, 9);
    expect(charts.payoff[2]!.balance!.netMs).toBeCloseTo(2.123776 - 1.09568, 9);
    expect(charts.payoff[2]!.byCategory!['quantize/dequantize']).toBeCloseTo(0.232448, 9);
    expect(charts.slowest[0]!.key).toBe('Conv_0 + Relu_1');
  });

  it("maps any variant's layer name to its row", () => {
    const index = rowKeyIndex(view.rows);
    expect(index.get('layer1.0.conv1.weight + QuantizeLinear_20 + Conv_22')).toBe('Conv_3 + Relu_4');
    expect(index.get('Conv_3 + Relu_4')).toBe('Conv_3 + Relu_4');
  });

  it('shortens the labels for column heads by the words they share', () => {
    expect(view.shortLabels).toEqual(['FP32', 'FP16', 'INT8']);
    expect(shortLabels(['FP32 TensorRT', 'FP32 ONNX Runtime'])).toEqual(['TensorRT', 'ONNX Runtime']);
    expect(shortLabels(['INT8 TensorRT', 'INT8 TensorRT'])).toEqual(['INT8 TensorRT', 'INT8 TensorRT']);
  });

  it('keeps only what can be compared for different models', () => {
    const different = comparisonView(compared.comparison, compared.items, { sameModel: false });
    expect(different.rows).toEqual([]);
    expect(different.regressions).toEqual([]);
    expect(different.cards.every((card) => card.speedup === null)).toBe(true);
    expect(different.charts.byType.length).toBeGreaterThan(0);
  });
});
