/**
 * Static INT8 variant with QuantizeLinear/DequantizeLinear (Q/DQ) from calibrated ranges.
 * Weights: per-channel symmetric INT8 stored quantized, with a DequantizeLinear (axis 0 for Conv, the
 * output-channel axis for Gemm/MatMul). Activations: per-tensor Q/DQ pairs.
 * - target `tensorrt`: symmetric int8, zero point 0, Q/DQ on the inputs of the quantized ops only
 *   (TensorRT fuses the next layer's Q into the producer's output); biases stay float.
 * - target `onnxruntime`: uint8 asymmetric activations, Q/DQ on inputs and outputs (after a lone
 *   Relu/Clip, which ORT then folds), int32 biases, so ORT fuses DQ->Conv->Q into QLinearConv.
 * Opsets below 13 are raised (per-channel DequantizeLinear needs 13), rewriting the ops that changed.
 */
import { StudioError } from '../errors';
import {
  OnnxDataType,
  defaultOpset,
  type OnnxGraph,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
} from '../onnx/graph';
import { readTensorData } from '../onnx/tensor-data';
import type { GraphRewrite, Variant } from '../model/types';
import { inferElemTypes } from './elem-types';
import { NameAllocator, consumers, node, outerReads, producers, tensorFromArray } from './graph-edit';
import { modelSha256 } from './model-hash';
import { upgradeOpset } from './opset-upgrade';
import {
  asymmetricActivation,
  quantizeBias,
  quantizeWeights,
  symmetricActivation,
  type ActivationParams,
} from './qdq-params';
import type { CalibrationRanges, TensorRange } from './calibration-ranges';

import { DATA_MOVEMENT_OPS, ORT_QLINEAR_OPS, SAME_SCALE_OPS, WEIGHTED_OPS } from './qdq-ops';
import { findOutputHead, type OutputHead } from './output-heads';
import { foldBatchNorms } from './fold-batchnorm';
import { foldPadsIntoConvs } from './fold-pad';
import { foldSpaceToDepthIntoConvs } from './fold-space-to-depth';
import { findStem } from './stem';

export { WEIGHTED_OPS, FLOW_OPS, ORT_QLINEAR_OPS } from './qdq-ops';

export interface Int8Options {
  target?: 'onnxruntime' | 'tensorrt';
  /**
   * Op types to quantize. Default: target `onnxruntime` ORT_QLINEAR_OPS (an INT8 flow through every op
   * ORT fuses into a QLinear kernel or runs on INT8 data); `tensorrt` WEIGHTED_OPS. WEIGHTED_OPS alone
   * gives the older placement (Q/DQ around weighted ops only).
   */
  quantizeOps?: string[];
  /**
   * Keep the output head in float (default true): the weighted layers whose outputs reach a graph
   * output through data movement and output activations only (box/objectness/class predictions, see
   * findOutputHead) and that decode path. Their INT8 error lands directly on the model's answer.
   */
  keepOutputHeadsFloat?: boolean;
  /**
   * Keep the network stem in float: the nodes up to the first N weighted layers and the activation
   * after them (see findStem). Default 2; 0 quantizes the stem too.
   */
  floatStemLayers?: number;
  /** Fold BatchNormalization into the preceding Conv before quantizing (default true). */
  foldBatchNorm?: boolean;
  /** Fold a space-to-depth made of strided Slices into the Conv that reads it (default true). */
  foldSpaceToDepth?: boolean;
  excludeNodes?: string[];
  excludeOps?: string[];
  /**
   * Nodes kept in float with the reason the caller found (e.g. layer sensitivity, see sensitivity.ts):
   * like excludeNodes, but the reason lands in Variant.keptHigherPrecision.
   */
  keepFloat?: { node: string; reason: string }[];
  /** Per-channel weight scales (default true; needs opset 13, raised when lower). */
  perChannel?: boolean;
}

export interface Int8Result {
  model: OnnxModel;
  variant: Variant;
}

export const DEFAULT_FLOAT_STEM_LAYERS = 2;

/** Why an op merging tensors into a graph output stays float for ONNX Runtime (see dropUnfusable). */
export const MERGED_OUTPUT_REASON =
  'merges several tensors into what a graph output receives unchanged: quantized, they would share one scale (kept in float for accuracy)';

/** Why an op without weights stays float for ONNX Runtime (see dropUnfusable); the payoff counts them. */
export const UNFUSABLE_REASON =
  'no INT8 op reads its output and it reads a float tensor or a constant: ONNX Runtime would run it in float between dequantizes, so it stays float without Q/DQ';

type Target = NonNullable<Int8Options['target']>;

/** A node chosen for quantization: which inputs are activations, which is the weight and its axis. */
interface Planned {
  node: OnnxNode;
  activations: string[];
  weight?: { slot: number; axis: number | null };
  bias?: number;
}

interface Plan {
  nodes: Planned[];
  skipped: { node: string; reason: string }[];
  /** Activation tensors to fake-quantize -> consumers rewired to the DQ (null = every consumer). */
  fakeQuant: Map<string, Set<OnnxNode> | null>;
}

function intAttr(n: OnnxNode, name: string, fallback: number): number {
  const a = n.attributes.find((x) => x.name === name);
  return a?.type === 'int' ? a.value : fallback;
}

class Int8Builder {
  private readonly initializers: Map<string, OnnxTensor>;
  private readonly types;
  private readonly uses: Map<string, OnnxNode[]>;
  private readonly graphOutputs: Set<string>;
  private readonly names: NameAllocator;
  private readonly newInitializers: OnnxTensor[] = [];
  private readonly activation = new Map<
    string,
    { params: ActivationParams; dq: string; nodes: OnnxNode[] }
  >();
  private readonly weights = new Map<string, { dq: string; scales: Float32Array; node: OnnxNode }>();
  /** Same-scale op outputs -> the tensor whose range they reuse. */
  private readonly rangeFrom = new Map<string, string>();
  /** ORT: constant operands quantized like activations, with their own values as the range. */
  private readonly constantRanges = new Map<string, TensorRange>();
  private readonly head: OutputHead;
  private readonly stem: Set<OnnxNode>;
  readonly counts = { weights: 0, activations: 0, biases: 0 };

  constructor(
    private readonly model: OnnxModel,
    private readonly ranges: CalibrationRanges,
    private readonly target: Target,
    private readonly options: Int8Options,
  ) {
    const g = model.graph;
    this.initializers = new Map(g.initializers.map((t) => [t.name, t]));
    this.types = inferElemTypes(g);
    this.uses = consumers(g);
    this.graphOutputs = new Set(g.outputs.map((o) => o.name));
    this.names = new NameAllocator(model);
    this.head =
      options.keepOutputHeadsFloat === false
        ? { outputLayers: new Set(), decodePath: new Set() }
        : findOutputHead(g);
    this.stem = findStem(g, options.floatStemLayers ?? DEFAULT_FLOAT_STEM_LAYERS);
  }

  private isFloat(name: string): boolean {
    return this.types.get(name) === OnnxDataType.FLOAT;
  }

  private isWeight(name: string): boolean {
    return this.initializers.get(name)?.dataType === OnnxDataType.FLOAT;
  }

  /** Output-channel axis of a weight: Conv 0, Gemm transB ? 0 : 1, MatMul B the last axis. */
  private weightAxis(n: OnnxNode, slot: number, dims: number[]): number | null {
    if (this.options.perChannel === false) return null;
    if (n.opType === 'Conv') return 0;
    if (n.opType === 'Gemm') return intAttr(n, 'transB', 0) ? 0 : 1;
    if (n.opType === 'MatMul' && slot === 1 && dims.length >= 2) return dims.length - 1;
    return null;
  }

  /** What quantizing `n` needs, or the reason it cannot be quantized. */
  private planNode(n: OnnxNode): Planned | string {
    const weighted = WEIGHTED_OPS.includes(n.opType);
    // Same-scale ops: only the data input (Reshape's shape, Gather's indices, Resize's scales are not).
    const slots = SAME_SCALE_OPS.has(n.opType) ? [0] : weighted ? [0, 1] : n.inputs.map((_, i) => i);
    const planned: Planned = { node: n, activations: [] };
    for (const slot of slots) {
      const input = n.inputs[slot];
      if (!input) continue;
      if (!this.isFloat(input)) return `input "${input}" is not float32`;
      if (weighted && slot === 1 && this.isWeight(input)) {
        const dims = this.initializers.get(input)!.dims;
        planned.weight = { slot, axis: this.weightAxis(n, slot, dims) };
        continue;
      }
      if (this.initializers.has(input) && !weighted) {
        if (this.target !== 'onnxruntime' || !this.isWeight(input))
          return `input "${input}" is a constant: left in float`;
        // A constant operand (a bias added, a scale multiplied, a positional embedding) is quantized
        // like an activation over its own values, as ORT's quantizer does, so the op still runs as
        // its QLinear kernel on INT8 data instead of leaving a float island between Q/DQ pairs.
        if (!this.constantRanges.has(input)) this.constantRanges.set(input, this.constantRange(input));
      } else if (!this.ranges.tensors[input]) return `no calibration range for "${input}"`;
      planned.activations.push(input);
    }
    const bias = n.inputs[2];
    if (weighted && n.opType !== 'MatMul' && bias && this.isWeight(bias)) planned.bias = 2;
    return planned;
  }

  plan(): Plan {
    const wanted = new Set(this.options.quantizeOps ?? defaultQuantizeOps(this.target));
    const excludedOps = new Set(this.options.excludeOps ?? []);
    const excludedNodes = new Set(this.options.excludeNodes ?? []);
    const plan: Plan = { nodes: [], skipped: [], fakeQuant: new Map() };
    const quantizedUse = (tensor: string, n: OnnxNode) => {
      const current = plan.fakeQuant.get(tensor);
      if (current === null) return;
      if (current) current.add(n);
      else plan.fakeQuant.set(tensor, new Set([n]));
    };
    for (const n of this.model.graph.nodes) {
      if (!wanted.has(n.opType) || (n.domain !== '' && n.domain !== 'ai.onnx')) continue;
      const reason = this.exclusionReason(n, excludedNodes, excludedOps);
      const planned = reason ?? this.planNode(n);
      if (typeof planned === 'string') plan.skipped.push({ node: n.name, reason: planned });
      else plan.nodes.push(planned);
    }
    if (this.target === 'onnxruntime') this.dropUnfusable(plan);
    for (const p of plan.nodes) for (const a of p.activations) quantizedUse(a, p.node);
    if (this.target === 'onnxruntime') {
      const quantized = new Set(plan.nodes.map((p) => p.node));
      for (const p of plan.nodes) this.planOutput(p.node, plan, quantized);
    }
    return plan;
  }

  /**
   * ORT fuses DQ -> op -> Q into an INT8 kernel only when the op's output is quantized too, which it
   * is when an INT8 op reads it. An op without weights that no INT8 op reads (a box decode's arithmetic
   * before a graph output, a scale before a float Softmax) and that reads a float tensor or a constant
   * runs in float between dequantizes: the Q it would need on the float input and the DQ on the
   * constant cost kernels and accuracy and buy nothing, so it stays float. (One whose inputs all come
   * from INT8 ops keeps its Q/DQ: ORT moves the DQ past data movement to the graph output and runs the
   * op on INT8 data.) An op that merges several tensors into what a graph output receives unchanged
   * (a detector head's Concat of box offsets with scores in [0, 1]) stays float too: quantized, every
   * input would share one scale, and the scores would be rounded to the offsets' coarser step. Dropping one can
   * strand the op feeding it, so this repeats until nothing changes.
   */
  private dropUnfusable(plan: Plan): void {
    const quantized = new Set(plan.nodes.map((p) => p.node));
    const producer = producers(this.model.graph);
    const fromInt8Op = (tensor: string) => {
      const from = producer.get(tensor);
      if (from && quantized.has(from)) return true;
      // A lone Relu/Clip after a quantized op: ORT folds it into that op's output.
      const before =
        from && ['Relu', 'Clip'].includes(from.opType) ? producer.get(from.inputs[0]!) : undefined;
      return !!before && quantized.has(before);
    };
    const readByInt8Op = (n: OnnxNode) =>
      (this.uses.get(this.fusedOutputOf(n)) ?? []).some((r) => quantized.has(r));
    const reasons = new Map<OnnxNode, string>();
    for (let changed = true; changed;) {
      changed = false;
      for (const p of plan.nodes) {
        if (!quantized.has(p.node) || WEIGHTED_OPS.includes(p.node.opType)) continue;
        const merges =
          p.activations.filter((a) => !this.initializers.has(a)).length > 1 &&
          this.reachesOutputUnchanged(p.node.outputs[0]!);
        if (!merges && (readByInt8Op(p.node) || p.activations.every(fromInt8Op))) continue;
        quantized.delete(p.node);
        reasons.set(p.node, merges ? MERGED_OUTPUT_REASON : UNFUSABLE_REASON);
        changed = true;
      }
    }
    for (const [n, reason] of reasons) plan.skipped.push({ node: n.name, reason });
    plan.nodes = plan.nodes.filter((p) => quantized.has(p.node));
  }

  /**
   * The tensor whose Q/DQ makes ORT fuse `n` into an INT8 kernel (its output, or the output of a lone
   * Relu/Clip after it, which ORT folds), or null when that output cannot be quantized: it is not
   * float or has no range, or, for an op without weights, no quantized op reads it or it flows into a
   * graph output unchanged.
   */
  private quantizedOutputOf(n: OnnxNode, quantized: Set<OnnxNode>): string | null {
    const output = this.fusedOutputOf(n);
    if (!this.ranges.tensors[output] || !this.isFloat(output)) return null;
    // A weighted op's output Q is what makes its INT8 kernel (QLinearConv/MatMul) run, even when the
    // tensor then flows to a graph output: it is quantized when the layer is (an output head put in
    // INT8 by the placement); without it ORT would dequantize the weights on every run.
    if (WEIGHTED_OPS.includes(n.opType)) return output;
    const readers = this.uses.get(output) ?? [];
    if (!readers.some((r) => quantized.has(r)) || this.reachesOutputUnchanged(output)) return null;
    return output;
  }

  /** `n`'s output, or that of a lone Relu/Clip after it: ORT folds such an activation into the op. */
  private fusedOutputOf(n: OnnxNode): string {
    const output = n.outputs[0]!;
    const next = this.uses.get(output);
    return next?.length === 1 && ['Relu', 'Clip'].includes(next[0]!.opType) && !this.graphOutputs.has(output)
      ? next[0]!.outputs[0]!
      : output;
  }

  private exclusionReason(n: OnnxNode, nodes: Set<string>, ops: Set<string>): string | null {
    const kept = this.options.keepFloat?.find((k) => k.node === n.name);
    if (kept) return kept.reason;
    if (nodes.has(n.name)) return 'excluded by request (node list)';
    if (ops.has(n.opType)) return `excluded by request (op ${n.opType})`;
    if (this.head.outputLayers.has(n))
      return 'output layer: feeds a graph output through data movement/output activations only (kept in float for accuracy)';
    if (this.head.decodePath.has(n)) return 'on the output decode path (kept in float for accuracy)';
    if (this.stem.has(n))
      return 'network stem: raw-scale activations with channels of very different ranges (kept in float for accuracy)';
    return null;
  }

  /**
   * ORT: quantize the output too (after a lone Relu/Clip, which ORT folds), every consumer reading the
   * DQ. A weighted op's output always (DQ -> Conv -> Q is what becomes QLinearConv); another op's only
   * when a quantized op reads it, so a float consumer never pays for a Q/DQ it cannot use. Same-scale
   * ops take their input's scale and zero point, so ORT drops their Q/DQ and moves INT8 data.
   */
  private planOutput(n: OnnxNode, plan: Plan, quantized: Set<OnnxNode>): void {
    const output = this.quantizedOutputOf(n, quantized);
    if (output === null) return;
    if (SAME_SCALE_OPS.has(n.opType)) this.rangeFrom.set(output, this.rangeSourceOf(n.inputs[0]!));
    plan.fakeQuant.set(output, null);
  }

  /** The tensor whose calibrated range a same-scale chain inherits. */
  private rangeSourceOf(tensor: string): string {
    return this.rangeFrom.get(tensor) ?? tensor;
  }

  /**
   * True when the tensor flows into a graph output through data movement only (a detector head's box
   * regression): quantizing it would clip the model's answer without letting any INT8 kernel run.
   */
  private reachesOutputUnchanged(tensor: string, seen = new Set<string>()): boolean {
    if (this.graphOutputs.has(tensor)) return true;
    if (seen.has(tensor)) return false;
    seen.add(tensor);
    return (this.uses.get(tensor) ?? []).some(
      (n) =>
        DATA_MOVEMENT_OPS.has(n.opType) && n.outputs.some((o) => o && this.reachesOutputUnchanged(o, seen)),
    );
  }

  private scalar(base: string, type: OnnxDataType, value: number): string {
    const name = this.names.fresh(base);
    const values =
      type === OnnxDataType.FLOAT
        ? Float32Array.of(value)
        : type === OnnxDataType.INT8
          ? Int8Array.of(value)
          : Uint8Array.of(value);
    this.newInitializers.push(tensorFromArray(name, type, [], values));
    return name;
  }

  private constantRange(name: string): TensorRange {
    const values = readTensorData(this.initializers.get(name)!) as Float32Array;
    let min = 0;
    let max = 0;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { min, max, amax: Math.max(-min, max) };
  }

  /** Q -> DQ after `tensor`; returns the nodes. */
  private fakeQuantize(tensor: string): OnnxNode[] {
    const source = this.rangeSourceOf(tensor);
    const range = this.ranges.tensors[source] ?? this.constantRanges.get(source)!;
    const params = this.target === 'tensorrt' ? symmetricActivation(range) : asymmetricActivation(range);
    const zpType = params.type === 'int8' ? OnnxDataType.INT8 : OnnxDataType.UINT8;
    const scale = this.scalar(`${tensor}_scale`, OnnxDataType.FLOAT, params.scale);
    const zero = this.scalar(`${tensor}_zero_point`, zpType, params.zeroPoint);
    const q = this.names.fresh(`${tensor}_quantized`);
    const dq = this.names.fresh(`${tensor}_dequantized`);
    this.activation.set(tensor, { params, dq, nodes: [] });
    this.counts.activations++;
    return [
      node('QuantizeLinear', this.names.fresh(`${tensor}_QuantizeLinear`), [tensor, scale, zero], [q]),
      node('DequantizeLinear', this.names.fresh(`${tensor}_DequantizeLinear`), [q, scale, zero], [dq]),
    ];
  }

  /** INT8 weight initializer + DequantizeLinear (per-channel along `axis`, or per-tensor). */
  private quantizeWeight(name: string, axis: number | null): OnnxNode {
    const key = `${name}@${axis}`;
    const known = this.weights.get(key);
    if (known) return known.node;
    const tensor = this.initializers.get(name)!;
    const { values, scales } = quantizeWeights(readTensorData(tensor) as Float32Array, tensor.dims, axis);
    const qName = this.names.fresh(`${name}_quantized`);
    const scaleName = this.names.fresh(`${name}_scale`);
    const zeroName = this.names.fresh(`${name}_zero_point`);
    const channels = axis === null ? [] : [scales.length];
    this.newInitializers.push(
      tensorFromArray(qName, OnnxDataType.INT8, tensor.dims, values),
      tensorFromArray(scaleName, OnnxDataType.FLOAT, channels, scales),
      tensorFromArray(zeroName, OnnxDataType.INT8, channels, new Int8Array(scales.length)),
    );
    const dq = this.names.fresh(`${name}_dequantized`);
    const attributes = axis === null ? [] : [{ name: 'axis', type: 'int' as const, value: axis }];
    const dqNode = node(
      'DequantizeLinear',
      this.names.fresh(`${name}_DequantizeLinear`),
      [qName, scaleName, zeroName],
      [dq],
      attributes,
    );
    this.weights.set(key, { dq, scales, node: dqNode });
    this.counts.weights++;
    return dqNode;
  }

  /** ORT: INT32 bias with scale x_scale * w_scale[c]; null when shapes do not line up. */
  private quantizeBiasFor(p: Planned, weightScales: Float32Array): OnnxNode | null {
    const biasName = p.node.inputs[p.bias!]!;
    const x = this.activation.get(p.activations[0] ?? '');
    const tensor = this.initializers.get(biasName)!;
    if (
      !x ||
      tensor.dims.length !== 1 ||
      (weightScales.length !== 1 && tensor.dims[0] !== weightScales.length)
    )
      return null;
    const { values, scales } = quantizeBias(
      readTensorData(tensor) as Float32Array,
      x.params.scale,
      weightScales,
    );
    const qName = this.names.fresh(`${biasName}_quantized`);
    const scaleName = this.names.fresh(`${biasName}_scale`);
    const zeroName = this.names.fresh(`${biasName}_zero_point`);
    this.newInitializers.push(
      tensorFromArray(qName, OnnxDataType.INT32, tensor.dims, values),
      tensorFromArray(scaleName, OnnxDataType.FLOAT, tensor.dims, scales),
      tensorFromArray(zeroName, OnnxDataType.INT32, tensor.dims, new Int32Array(values.length)),
    );
    this.counts.biases++;
    const dq = this.names.fresh(`${biasName}_dequantized`);
    return node(
      'DequantizeLinear',
      this.names.fresh(`${biasName}_DequantizeLinear`),
      [qName, scaleName, zeroName],
      [dq],
      [{ name: 'axis', type: 'int', value: 0 }],
    );
  }

  build(plan: Plan): OnnxGraph {
    const g = this.model.graph;
    const planned = new Map(plan.nodes.map((p) => [p.node, p]));
    const nodes: OnnxNode[] = [];
    for (const input of g.inputs)
      if (plan.fakeQuant.has(input.name)) nodes.push(...this.fakeQuantize(input.name));
    for (const tensor of this.initializers.keys())
      if (plan.fakeQuant.has(tensor)) nodes.push(...this.fakeQuantize(tensor));
    for (const n of g.nodes) {
      // A weighted layer kept in float reads the float tensor, never a DQ: ONNX Runtime (1.20+, level
      // basic: WeightBiasQuantization) quantizes the float weights of a Conv/MatMul fed by a DQ itself.
      const keptFloat = WEIGHTED_OPS.includes(n.opType) && !planned.has(n);
      const inputs = n.inputs.map((input) => {
        const readers = plan.fakeQuant.get(input);
        const fq = this.activation.get(input);
        return fq && !keptFloat && (readers === null || readers?.has(n)) ? fq.dq : input;
      });
      const p = planned.get(n);
      if (p?.weight) {
        const dqNode = this.quantizeWeight(n.inputs[p.weight.slot]!, p.weight.axis);
        if (!nodes.includes(dqNode)) nodes.push(dqNode);
        inputs[p.weight.slot] = dqNode.outputs[0]!;
        if (p.bias !== undefined && this.target === 'onnxruntime' && n.opType === 'Conv') {
          const biasNode = this.quantizeBiasFor(
            p,
            this.weights.get(`${n.inputs[p.weight.slot]}@${p.weight.axis}`)!.scales,
          );
          if (biasNode) {
            nodes.push(biasNode);
            inputs[p.bias] = biasNode.outputs[0]!;
          }
        }
      }
      nodes.push({ ...n, inputs });
      for (const output of n.outputs)
        if (output && plan.fakeQuant.has(output)) nodes.push(...this.fakeQuantize(output));
    }
    return this.withoutUnusedInitializers({
      ...g,
      nodes,
      initializers: [...g.initializers, ...this.newInitializers],
    });
  }

  /** Float weights replaced by their INT8 copies are dropped (and their old-IR input entries). */
  private withoutUnusedInitializers(graph: OnnxGraph): OnnxGraph {
    const read = new Set<string>(graph.outputs.map((o) => o.name));
    for (const n of graph.nodes) {
      for (const input of n.inputs) read.add(input);
      for (const inner of outerReads(n)) read.add(inner);
    }
    const dropped = new Set(graph.initializers.filter((t) => !read.has(t.name)).map((t) => t.name));
    return {
      ...graph,
      initializers: graph.initializers.filter((t) => !dropped.has(t.name)),
      inputs: graph.inputs.filter((i) => !dropped.has(i.name)),
      valueInfo: graph.valueInfo,
    };
  }
}

function defaultQuantizeOps(target: Target): string[] {
  return target === 'onnxruntime' ? ORT_QLINEAR_OPS : WEIGHTED_OPS;
}

function refuseQuantized(model: OnnxModel): void {
  const qdq = model.graph.nodes.find((n) => n.opType === 'QuantizeLinear' || n.opType === 'DequantizeLinear');
  if (qdq)
    throw new StudioError(
      model.path || undefined,
      `the model is already quantized (${qdq.opType} "${qdq.name}")`,
    );
}

/**
 * The float model as the INT8 maker quantizes it, with a note per change: the opset raised to what
 * per-channel Q/DQ needs, BatchNormalization and zero Pads folded into their Convs (ONNX Runtime folds
 * both in a float model too), and a Slice-made space-to-depth folded into the Conv that reads it (an
 * exact rewrite ONNX Runtime does not make: it speeds the float stem up, see fold-space-to-depth.ts).
 * Node names of the Convs are kept, so per-node choices (excluded nodes, sensitivity) still apply.
 */
export function prepareForInt8(
  source: OnnxModel,
  options: Pick<Int8Options, 'perChannel' | 'foldBatchNorm' | 'foldSpaceToDepth'>,
): { model: OnnxModel; notes: string[]; rewrites: GraphRewrite[] } {
  const needed = options.perChannel === false ? 10 : 13;
  const upgraded = upgradeOpset(source, Math.max(needed, defaultOpset(source)));
  const folded =
    options.foldBatchNorm === false ? { model: upgraded.model, folded: 0 } : foldBatchNorms(upgraded.model);
  const padded = foldPadsIntoConvs(folded.model);
  const spaceToDepth =
    options.foldSpaceToDepth === false
      ? { model: padded.model, rewrites: [] }
      : foldSpaceToDepthIntoConvs(padded.model);
  const notes = [...upgraded.notes];
  if (folded.folded > 0) notes.push(`${folded.folded} BatchNormalization folded into their Conv`);
  if (padded.folded > 0)
    notes.push(
      `${padded.folded} zero Pad folded into the Conv that reads it (no float island between INT8 layers)`,
    );
  notes.push(...spaceToDepth.rewrites.map((r) => r.note));
  return { model: spaceToDepth.model, notes, rewrites: spaceToDepth.rewrites };
}

/** Builds the INT8 Q/DQ variant from calibrated ranges; the input model is not modified. */
export function makeInt8Variant(
  source: OnnxModel,
  ranges: CalibrationRanges,
  options: Int8Options = {},
): Int8Result {
  refuseQuantized(source);
  const target: Target = options.target ?? 'onnxruntime';
  const upgraded = prepareForInt8(source, options);
  const builder = new Int8Builder(upgraded.model, ranges, target, options);
  const plan = builder.plan();
  if (plan.nodes.length === 0) {
    const why = plan.skipped[0] ? ` (first: ${plan.skipped[0].node}: ${plan.skipped[0].reason})` : '';
    throw new StudioError(
      source.path || undefined,
      `nothing to quantize: no ${(options.quantizeOps ?? defaultQuantizeOps(target)).join('/')} node qualified${why}`,
    );
  }
  const graph = builder.build(plan);
  const byOp = new Map<string, number>();
  for (const p of plan.nodes) byOp.set(p.node.opType, (byOp.get(p.node.opType) ?? 0) + 1);
  const notes = [
    ...upgraded.notes,
    `${plan.nodes.length} nodes quantized (${[...byOp].map(([op, n]) => `${op} ${n}`).join(', ')}) for ${target}`,
    `${builder.counts.activations} activation Q/DQ pairs (${target === 'tensorrt' ? 'symmetric int8, zero point 0' : 'asymmetric uint8'}), ${builder.counts.weights} weights ${options.perChannel === false ? 'per-tensor' : 'per-channel'} symmetric int8${builder.counts.biases ? `, ${builder.counts.biases} int32 biases` : ''}`,
    `calibration: ${ranges.method}${ranges.percentile !== undefined ? ` ${ranges.percentile}%` : ''} over ${ranges.source.samples} samples of ${ranges.source.spec}`,
  ];
  const variant: Variant = {
    id: `int8-${target}`,
    precision: 'int8',
    modelSha256: modelSha256(source),
    recipe: {
      target,
      calibrationMethod: ranges.method,
      calibrationData: ranges.source.spec,
      calibrationSamples: ranges.source.samples,
      ...(options.excludeNodes?.length ? { excludedNodes: options.excludeNodes } : {}),
      ...(options.excludeOps?.length ? { excludedOps: options.excludeOps } : {}),
    },
    keptHigherPrecision: plan.skipped,
    ...(upgraded.rewrites.length ? { rewrites: upgraded.rewrites } : {}),
    notes,
  };
  return { model: { ...upgraded.model, path: '', sizeBytes: 0, graph }, variant };
}
