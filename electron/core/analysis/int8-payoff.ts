/**
 * Why INT8 did or did not pay on a backend, derived from the per-node profiles of the FP32 and INT8
 * engines: where the INT8 engine's time goes (integer math, float math left over, quantize/dequantize,
 * layout reorders), and, per original convolution (found in both engines through originNodes), which
 * got slower and what kind they are (depthwise, small channel counts). Sentences for the user.
 */
import type { Engine, EngineLayer, Profile, Variant } from '../model/types';
import { MERGED_OUTPUT_REASON, UNFUSABLE_REASON } from '../precision/int8-qdq';
import { lossPoints, lossText } from '../model/calibration-choice-table';

export interface EngineRun {
  engine: Engine;
  profile: Profile;
}

type Category = 'int8 math' | 'float math' | 'quantize/dequantize' | 'layout reorders' | 'other';

const INT8_MATH = /^(QLinear\w+|ConvInteger|MatMulInteger|QGemm|MatMulIntegerToFloat|DynamicQuantizeMatMul)$/;
const FLOAT_MATH = /^(Conv|FusedConv|Gemm|MatMul|FusedMatMul|ConvTranspose)$/;
const QDQ = /^(QuantizeLinear|DequantizeLinear|DynamicQuantizeLinear)$/;
const LAYOUT = /^(ReorderInput|ReorderOutput|Transpose)$/;

export function categoryOf(layer: EngineLayer): Category {
  if (INT8_MATH.test(layer.type)) return 'int8 math';
  if (QDQ.test(layer.type)) return 'quantize/dequantize';
  if (LAYOUT.test(layer.type)) return 'layout reorders';
  if (FLOAT_MATH.test(layer.type)) return 'float math';
  return 'other';
}

function meanByLayer(run: EngineRun): Map<string, number> {
  return new Map(run.profile.layers.map((l) => [l.name, l.stats.meanMs]));
}

/** Per-kernel mean time, by category. */
export function timeByCategory(run: EngineRun): Map<Category, number> {
  const means = meanByLayer(run);
  const totals = new Map<Category, number>();
  for (const layer of run.engine.layers) {
    const category = categoryOf(layer);
    totals.set(category, (totals.get(category) ?? 0) + (means.get(layer.name) ?? 0));
  }
  return totals;
}

/** The op types with the most time among the layers `keep` selects. */
export function topTypes(
  run: EngineRun,
  keep: (layer: EngineLayer) => boolean,
  count: number,
): [string, number][] {
  const means = meanByLayer(run);
  const byType = new Map<string, number>();
  for (const layer of run.engine.layers) {
    if (keep(layer)) byType.set(layer.type, (byType.get(layer.type) ?? 0) + (means.get(layer.name) ?? 0));
  }
  return [...byType].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/** Original node name -> the kernel holding it (and that kernel's mean time). */
function kernelByOrigin(run: EngineRun): Map<string, { layer: EngineLayer; ms: number }> {
  const means = meanByLayer(run);
  const map = new Map<string, { layer: EngineLayer; ms: number }>();
  for (const layer of run.engine.layers) {
    for (const origin of layer.originNodes) map.set(origin, { layer, ms: means.get(layer.name) ?? 0 });
  }
  return map;
}

/** Weight dims of a convolution kernel: the first rank-4 input after the activation. */
function weightDims(layer: EngineLayer): number[] | null {
  return layer.inputs.slice(1).find((t) => t.dims?.length === 4)?.dims ?? null;
}

const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(0)}%` : '-');
const ms = (value: number) => `${value.toFixed(3)} ms`;

export function explainInt8Payoff(fp32: EngineRun, int8: EngineRun, convOrigins: string[]): string[] {
  const sentences: string[] = [];
  const byCategory = timeByCategory(int8);
  const total = [...byCategory.values()].reduce((a, b) => a + b, 0);
  const parts = [...byCategory]
    .sort((a, b) => b[1] - a[1])
    .map(([c, t]) => `${c} ${ms(t)} (${pct(t, total)})`);
  sentences.push(`INT8 per-node time ${ms(total)}: ${parts.join(', ')}`);
  const others = topTypes(int8, (layer) => categoryOf(layer) === 'other', 3);
  if (others.length > 0)
    sentences.push(
      `"other" is mostly ${others.map(([t, v]) => `${t} ${ms(v)}`).join(', ')} (float ops between quantized layers)`,
    );

  const fpKernels = kernelByOrigin(fp32);
  const qKernels = kernelByOrigin(int8);
  const compared = convOrigins.flatMap((name) => {
    const a = fpKernels.get(name);
    const b = qKernels.get(name);
    return a && b ? [{ name, fp32: a, int8: b }] : [];
  });
  const stayedFloat = compared.filter((c) => categoryOf(c.int8.layer) !== 'int8 math');
  if (stayedFloat.length > 0) {
    sentences.push(
      `${stayedFloat.length} of ${compared.length} convolutions still run in float in the INT8 engine`,
    );
  }
  // A kernel may hold several convolutions; count each kernel pair once.
  const seen = new Set<string>();
  const pairs = compared.filter((c) => {
    const key = `${c.fp32.layer.name}|${c.int8.layer.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const fpConv = pairs.reduce((s, c) => s + c.fp32.ms, 0);
  const qConv = pairs.reduce((s, c) => s + c.int8.ms, 0);
  if (pairs.length > 0) {
    sentences.push(
      `the convolutions take ${ms(qConv)} in INT8 against ${ms(fpConv)} in FP32 (${(fpConv / Math.max(qConv, 1e-9)).toFixed(2)}x)`,
    );
  }
  const slower = pairs.filter((c) => c.int8.ms > c.fp32.ms * 1.05);
  if (slower.length > 0) {
    const dims = slower.map((c) => weightDims(c.int8.layer) ?? weightDims(c.fp32.layer));
    const depthwise = dims.filter((d) => d && d[1] === 1 && d[0]! > 1).length;
    const small = dims.filter((d) => d && !(d[1] === 1) && Math.min(d[0]!, d[1]!) < 32).length;
    const lost = slower.reduce((s, c) => s + c.int8.ms - c.fp32.ms, 0);
    sentences.push(
      `${slower.length} of ${pairs.length} convolution kernels got slower in INT8 (${ms(lost)} lost): ` +
        `${depthwise} depthwise, ${small} with fewer than 32 input or output channels; such convolutions are memory-bound, so 8-bit math saves little while quantizing costs a pass`,
    );
  }
  const qdq = byCategory.get('quantize/dequantize') ?? 0;
  const layout = byCategory.get('layout reorders') ?? 0;
  sentences.push(verdict(fp32, int8, { gain: fpConv - qConv, qdq, layout }));
  return sentences;
}

/** Closer than this share of FP32's latency is a tie: CPU timings drift by a few percent run to run. */
const BREAK_EVEN = 0.03;

/**
 * The closing sentence. The end-to-end medians (runs without the profiler) decide whether INT8 paid;
 * the per-node figures say why. Without end-to-end figures the per-node balance decides.
 */
function verdict(
  fp32: EngineRun,
  int8: EngineRun,
  balance: { gain: number; qdq: number; layout: number },
): string {
  const { gain, qdq, layout } = balance;
  const conversions = `quantize/dequantize (${ms(qdq)}) and layout reorders (${ms(layout)})`;
  const convs =
    gain > 0 ? `the convolutions gained ${ms(gain)}` : `the convolutions got ${ms(-gain)} slower in all`;
  const fpMedian = fp32.profile.latency?.medianMs;
  const qMedian = int8.profile.latency?.medianMs;
  const overheadWins = qdq + layout >= gain;
  if (fpMedian === undefined || qMedian === undefined) {
    return overheadWins
      ? `INT8 does not pay here: ${convs}, while ${conversions} cost ${ms(qdq + layout)}`
      : `INT8 pays: ${convs}, ${conversions} cost ${ms(qdq + layout)}`;
  }
  const endToEnd = `${ms(qMedian)} against ${ms(fpMedian)} in FP32`;
  if (Math.abs(qMedian - fpMedian) < BREAK_EVEN * fpMedian) {
    return `INT8 breaks even end to end (${endToEnd}, within ${BREAK_EVEN * 100}%): ${convs}, ${conversions} cost ${ms(qdq + layout)}`;
  }
  if (qMedian < fpMedian)
    return `INT8 pays end to end (${endToEnd}): ${convs}, ${conversions} cost ${ms(qdq + layout)}`;
  if (overheadWins)
    return `INT8 does not pay end to end (${endToEnd}): ${convs}, while ${conversions} cost ${ms(qdq + layout)}`;
  return (
    `INT8 does not pay end to end (${endToEnd}): ${convs} and ${conversions} cost less, ` +
    'so the rest of the run (float ops between quantized layers, scheduling) took the difference'
  );
}

/**
 * What the variant's exact graph rewrites (Variant.rewrites, e.g. a Slice-made space-to-depth folded
 * into its Conv) saved: the FP32 engine's time in the nodes the variant no longer has. They are not
 * quantization, so the sentence says the FP32 model would gain the same.
 */
export function explainRewrites(variant: Variant, fp32: EngineRun): string[] {
  const means = meanByLayer(fp32);
  const total = [...means.values()].reduce((a, b) => a + b, 0);
  return (variant.rewrites ?? []).map((rewrite) => {
    const removed = new Set(rewrite.removed);
    const kernels = fp32.engine.layers.filter(
      (l) => l.originNodes.length > 0 && l.originNodes.every((o) => removed.has(o)),
    );
    const spent = kernels.reduce((sum, l) => sum + (means.get(l.name) ?? 0), 0);
    const cost =
      kernels.length > 0
        ? `; in FP32 they took ${ms(spent)} (${pct(spent, total)} of its per-node time), which this engine does not spend`
        : '';
    return `${rewrite.note}${cost}. This is an exact rewrite, not quantization: the FP32 model would gain it too (lint sliced-space-to-depth)`;
  });
}

/**
 * Which weighted layers the INT8 variant kept in float and why, grouped (stem, output head, layer
 * sensitivity, ...): each float island between INT8 layers costs a DequantizeLinear in and a
 * QuantizeLinear out, so this says where the Q/DQ pairs the profile shows come from, and what the
 * automatic placement (calibration choice) tried.
 */
export function explainFloatIslands(variant: Variant, weightedNodes: Set<string>): string[] {
  const groups = new Map<string, number>();
  for (const kept of variant.keptHigherPrecision) {
    if (!weightedNodes.has(kept.node)) continue;
    const reason = kept.reason.split(/[:(]/)[0]!.trim();
    groups.set(reason, (groups.get(reason) ?? 0) + 1);
  }
  const sentences: string[] = [];
  if (groups.size > 0) {
    const parts = [...groups].map(([reason, n]) => `${n} ${reason}`);
    sentences.push(
      `weighted layers kept in float: ${parts.join('; ')}: each float island costs a dequantize before it and a quantize after it`,
    );
  }
  const unfusable = variant.keptHigherPrecision.filter((k) => k.reason === UNFUSABLE_REASON).length;
  if (unfusable > 0)
    sentences.push(
      `${unfusable} ops without weights left in float with no Q/DQ (a decode's arithmetic before an output, a scale before a float op): no INT8 op reads their output, so ONNX Runtime could not fuse them and Q/DQ around them would only add kernels`,
    );
  const merged = variant.keptHigherPrecision.filter((k) => k.reason === MERGED_OUTPUT_REASON).length;
  if (merged > 0)
    sentences.push(
      `${merged} ${merged === 1 ? 'op that merges' : 'ops that merge'} tensors into a graph output (a head's concat of box offsets and scores) left in float: in INT8 every input would share one scale, so the scores would take the offsets' coarser step; it costs a dequantize per input`,
    );
  const choice = variant.calibrationChoice;
  const placement = choice?.placement;
  if (placement) {
    const floatMs = choice.candidates.find((c) => c.method === choice.chosen)?.latencyMs;
    const speed = (latencyMs: number | undefined) => {
      if (latencyMs === undefined || floatMs === undefined) return '';
      const change = (latencyMs / floatMs - 1) * 100;
      const how = change <= 0 ? `${(-change).toFixed(0)}% faster` : `${change.toFixed(0)}% slower`;
      return `, ${how} than in float (${latencyMs.toFixed(2)} ms against ${floatMs.toFixed(2)} ms a run)`;
    };
    const verdict = (t: (typeof placement.trials)[number]) => {
      if (!t.kept) return `lost accuracy (${(t.task.value * 100).toFixed(1)}%${lossText(t.loss)})`;
      return t.loss && t.loss.value !== 0 ? `kept its accuracy (${lossPoints(t.loss)})` : 'kept its accuracy';
    };
    const tried = placement.trials.map((t) => `${t.placement} ${verdict(t)}${speed(t.latencyMs)}`).join('; ');
    sentences.push(`placement chosen on held-out calibration samples: ${placement.chosen} (${tried})`);
  }
  return sentences;
}
