/**
 * Where a lower precision did not pay: a layer of a lower-precision engine slower than its counterpart
 * in a higher-precision engine, and a lower-precision engine slower in total. Each comes with the
 * reasons the layer information supports: reformats or unfused Q/DQ layers added around it, channels
 * not aligned for Tensor Cores (8 for FP16, 16 for INT8), FP32 fallback, float outputs of an INT8
 * layer, a tactic without Tensor Cores.
 */
import type { Engine, EngineLayer, Regression } from '../model/types';
import { precisionRank } from '../model/precision';
import { isQdqLayer, layerKind } from '../model/engine-layers';
import type { AlignmentRow } from './layer-alignment';
import type { ProfiledEngine } from './engine-timing';

/** Below these a difference is timer noise (imported profiles resolve about 1 µs). */
const MIN_DELTA_MS = 0.001;
const MIN_RATIO = 1.05;

const CONV_KINDS = new Set(['Convolution', 'Deconvolution', 'FullyConnected', 'MatrixMultiply', 'gemm']);

export interface RegressionInput {
  items: ProfiledEngine[];
  rows: AlignmentRow[];
  /** Per engine: mean time per layer index. */
  times: Map<number, number>[];
  /** Per engine: total per-layer time. */
  totals: number[];
}

const ms = (value: number) => `${value.toFixed(4)} ms`;

/** Channels a Tensor Core kernel wants: 16 for INT8, 8 for FP16/BF16 (and TF32 FP32, as TREx). */
export function channelAlignmentIssue(layer: EngineLayer): string | null {
  if (!CONV_KINDS.has(layerKind(layer))) return null;
  const input = layer.inputs[0]?.dims;
  const output = layer.outputs[0]?.dims;
  if (!input || !output || input.length < 2 || output.length < 2) return null;
  const multiple = layer.precision === 'int8' ? 16 : 8;
  const c = input[1]!;
  const k = output[1]!;
  if (c % multiple === 0 && k % multiple === 0) return null;
  return `channels not aligned for Tensor Cores: C=${c}, K=${k}, want multiples of ${multiple} for ${layer.precision.toUpperCase()}`;
}

class EngineGraph {
  private readonly producers = new Map<string, number>();
  private readonly consumers = new Map<string, number[]>();

  constructor(readonly engine: Engine) {
    engine.layers.forEach((layer, index) => {
      for (const tensor of layer.outputs) this.producers.set(tensor.name, index);
      for (const tensor of layer.inputs)
        this.consumers.set(tensor.name, [...(this.consumers.get(tensor.name) ?? []), index]);
    });
  }

  /** Layers producing this layer's inputs and consuming its outputs. */
  neighbours(index: number): number[] {
    const layer = this.engine.layers[index]!;
    const before = layer.inputs.flatMap((t) =>
      this.producers.has(t.name) ? [this.producers.get(t.name)!] : [],
    );
    const after = layer.outputs.flatMap((t) => this.consumers.get(t.name) ?? []);
    return [...new Set([...before, ...after])];
  }
}

class RegressionFinder {
  private readonly graphs: EngineGraph[];
  /** Per engine: layer index -> its alignment row. */
  private readonly rowOf: Map<number, AlignmentRow>[];

  constructor(private readonly input: RegressionInput) {
    this.graphs = input.items.map((item) => new EngineGraph(item.engine));
    this.rowOf = input.items.map((_, e) => {
      const map = new Map<number, AlignmentRow>();
      for (const row of input.rows) if (row.layers[e] !== null) map.set(row.layers[e]!, row);
      return map;
    });
  }

  private label(e: number): string {
    return this.input.items[e]!.label;
  }

  private isLower(j: number, i: number): boolean {
    const rj = precisionRank(this.input.items[j]!.engine.precision);
    const ri = precisionRank(this.input.items[i]!.engine.precision);
    return rj !== null && ri !== null && rj < ri;
  }

  /** Layers of engine j with no counterpart in engine i. */
  private onlyIn(j: number, i: number, indices: Iterable<number>): number[] {
    return [...indices].filter((index) => this.rowOf[j]!.get(index)?.layers[i] === null);
  }

  private time(e: number, indices: number[]): number {
    return indices.reduce((sum, index) => sum + (this.input.times[e]!.get(index) ?? 0), 0);
  }

  private rowReasons(j: number, i: number, lj: number, li: number): string[] {
    const slower = this.input.items[j]!.engine.layers[lj]!;
    const faster = this.input.items[i]!.engine.layers[li]!;
    const reasons: string[] = [];
    const added = this.onlyIn(j, i, this.graphs[j]!.neighbours(lj));
    const reformats = added.filter((index) => this.input.items[j]!.engine.layers[index]!.reformat);
    const qdq = added.filter((index) => isQdqLayer(this.input.items[j]!.engine.layers[index]!));
    if (reformats.length > 0) {
      reasons.push(
        `reformats added: ${reformats.length} reformat layer(s) next to it, not in ${this.label(i)}, cost ${ms(this.time(j, reformats))}`,
      );
    }
    if (qdq.length > 0) {
      reasons.push(
        `unfused Q/DQ: ${qdq.length} stand-alone quantize/dequantize layer(s) next to it cost ${ms(this.time(j, qdq))}`,
      );
    }
    const alignment = channelAlignmentIssue(slower);
    if (alignment) reasons.push(alignment);
    const rankSlower = precisionRank(slower.precision);
    const rankFaster = precisionRank(faster.precision);
    if (slower.precision === 'fp32' && rankFaster !== null) {
      reasons.push(`FP32 fallback: the layer runs in FP32 in ${this.label(j)}`);
    } else if (rankSlower !== null && rankFaster !== null && rankSlower >= rankFaster) {
      reasons.push(`no lower precision here: the layer runs in ${slower.precision.toUpperCase()} in both`);
    }
    const outputType = slower.outputs[0]?.dtype;
    if (slower.precision === 'int8' && outputType && !['int8', 'uint8', 'unknown'].includes(outputType)) {
      reasons.push(`INT8 in, ${outputType} out: the output is written in a wider type`);
    }
    if (slower.tensorCores === false && faster.tensorCores !== false) {
      reasons.push(`no Tensor Cores: tactic ${slower.tacticName ?? '?'}`);
    }
    if (reasons.length === 0) {
      reasons.push(
        slower.tacticName && faster.tacticName
          ? `slower tactic: ${slower.tacticName} vs ${faster.tacticName}`
          : 'slower kernel; the layer information gives no reason',
      );
    }
    return reasons;
  }

  rowRegressions(): Regression[] {
    const found: Regression[] = [];
    const count = this.input.items.length;
    for (const row of this.input.rows) {
      for (let j = 0; j < count; j++) {
        for (let i = 0; i < count; i++) {
          const lj = row.layers[j];
          const li = row.layers[i];
          if (i === j || lj === null || li === null || !this.isLower(j, i)) continue;
          const tj = this.input.times[j]!.get(lj);
          const ti = this.input.times[i]!.get(li);
          if (
            tj === undefined ||
            ti === undefined ||
            ti <= 0 ||
            tj - ti < MIN_DELTA_MS ||
            tj < ti * MIN_RATIO
          )
            continue;
          found.push({
            rowKey: row.key,
            slowerEngine: j,
            fasterEngine: i,
            deltaMs: tj - ti,
            ratio: tj / ti,
            reasons: this.rowReasons(j, i, lj, li),
          });
        }
      }
    }
    return found;
  }

  private totalReasons(j: number, i: number, rowRegressions: Regression[]): string[] {
    const engine = this.input.items[j]!.engine;
    const all = engine.layers.map((_, index) => index);
    const extra = this.onlyIn(j, i, all);
    const conversions = extra.filter(
      (index) => engine.layers[index]!.reformat || isQdqLayer(engine.layers[index]!),
    );
    const reasons: string[] = [];
    if (conversions.length > 0) {
      reasons.push(
        `reformats added / unfused Q/DQ: ${conversions.length} data conversion layer(s) not in ${this.label(i)} cost ${ms(this.time(j, conversions))}`,
      );
    }
    const fallback = all.filter((index) => {
      const layer = engine.layers[index]!;
      return !layer.reformat && !isQdqLayer(layer) && layer.precision === 'fp32';
    });
    if (fallback.length > 0) {
      reasons.push(`FP32 fallback: ${fallback.length} layer(s) run in FP32 (${ms(this.time(j, fallback))})`);
    }
    const slowerRows = rowRegressions.filter((r) => r.slowerEngine === j && r.fasterEngine === i);
    if (slowerRows.length > 0) {
      const added = slowerRows.reduce((sum, r) => sum + r.deltaMs, 0);
      reasons.push(
        `${slowerRows.length} matched layer(s) slower than in ${this.label(i)}, adding ${ms(added)}`,
      );
    }
    return reasons;
  }

  totalRegressions(rowRegressions: Regression[]): Regression[] {
    const found: Regression[] = [];
    const { totals } = this.input;
    for (let j = 0; j < totals.length; j++) {
      for (let i = 0; i < totals.length; i++) {
        if (i === j || !this.isLower(j, i) || totals[i]! <= 0) continue;
        const delta = totals[j]! - totals[i]!;
        if (delta < MIN_DELTA_MS || totals[j]! < totals[i]! * MIN_RATIO) continue;
        found.push({
          rowKey: 'engine total',
          slowerEngine: j,
          fasterEngine: i,
          deltaMs: delta,
          ratio: totals[j]! / totals[i]!,
          reasons: this.totalReasons(j, i, rowRegressions),
        });
      }
    }
    return found;
  }
}

/** All regressions, largest time lost first. */
export function findRegressions(input: RegressionInput): Regression[] {
  const finder = new RegressionFinder(input);
  const rows = finder.rowRegressions();
  return [...finder.totalRegressions(rows), ...rows].sort((a, b) => b.deltaMs - a.deltaMs);
}
