/**
 * Roofline points of a profiled engine: per timed layer, its arithmetic intensity (FLOPs per byte
 * moved) and the FLOP rate it achieved (FLOPs / measured time), judged against the roofs of its
 * precision on the engine's device.
 *
 * FLOPs come from the ONNX model's per-node cost when the session has the model (summed over the
 * nodes a layer holds), else from a convolution's or fully connected layer's own dimensions. Bytes
 * come from the layer's own tensors at the engine's types (so an FP16 layer moves half the bytes of its
 * FP32 twin), plus its weights; without tensor shapes, from the model's cost. Layers with neither are
 * counted, not guessed.
 */
import type { DType, DeviceCeilings, Engine, EngineLayer, Model, NodeCost, Precision } from '../model/types';
import { dtypeBytes, elementCount } from '../onnx/dtypes';
import { findDevice, ridgePoint } from '../onnx/device-ceilings';
import { layerKind } from '../model/engine-layers';
import { layerTimes, type ProfiledEngine } from './engine-timing';

export type RoofPrecision = 'fp32' | 'fp16' | 'int8';

export interface RooflinePoint {
  layer: string;
  layerType: string;
  precision: Precision;
  /** The roof this layer is judged against. */
  roof: RoofPrecision;
  flops: number;
  bytes: number;
  /** FLOP per byte. */
  intensity: number;
  timeMs: number;
  /** Achieved rate, FLOP/s. */
  achievedFlopsPerSec: number;
  /** Against the roofs when known: which one limits it; 'unknown' without ceilings. */
  bound: 'compute' | 'memory' | 'unknown';
  /** Achieved rate over the attainable rate at this intensity (0..1), when ceilings are known. */
  efficiency: number | null;
  flopsFrom: 'model' | 'layer';
}

export interface EngineRoofline {
  points: RooflinePoint[];
  /** The device's roofs (datasheet), or null when the device is unknown or not a GPU. */
  ceilings: DeviceCeilings | null;
  /** Timed layers left out, and why, as counts. */
  skipped: { noFlops: number; noBytes: number };
}

const WEIGHT_TYPE_BYTES: Record<string, number> = { Float: 4, Half: 2, Int8: 1, BFloat16: 2, FP8: 1 };

function roofOf(precision: Precision): RoofPrecision {
  if (precision === 'int8') return 'int8';
  if (precision === 'fp16' || precision === 'bf16') return 'fp16';
  return 'fp32';
}

function peakFlops(ceilings: DeviceCeilings, roof: RoofPrecision): number {
  const tera =
    roof === 'fp32' ? ceilings.fp32Tflops : roof === 'fp16' ? ceilings.fp16Tflops : ceilings.int8Tops;
  return tera * 1e12;
}

/** dtypeBytes looks its table up by name; thousands of layers ask for the same few types. */
const elementBytes = new Map<DType, number>();
function bytesPerElement(dtype: DType): number {
  let size = elementBytes.get(dtype);
  if (size === undefined) elementBytes.set(dtype, (size = dtypeBytes(dtype)));
  return size;
}

/** Bytes of the layer's tensors at their types plus its TensorRT weights; null when a shape is unknown. */
function layerBytes(layer: EngineLayer): number | null {
  let bytes = 0;
  for (const tensor of [...layer.inputs, ...layer.outputs]) {
    const size = bytesPerElement(tensor.dtype);
    if (!tensor.dims || size === 0) return null;
    bytes += elementCount(tensor.dims) * size;
  }
  for (const key of ['Weights', 'Bias']) {
    const weights = layer.details?.[key] as { Type?: string; Count?: number } | undefined;
    if (weights?.Count) bytes += weights.Count * (WEIGHT_TYPE_BYTES[weights.Type ?? ''] ?? 4);
  }
  return bytes > 0 ? bytes : null;
}

/** 2 x output elements x the reduced size (input channels per group x kernel area, or K), from the layer's own facts. */
function convolutionFlops(layer: EngineLayer): number | null {
  const kind = layerKind(layer);
  const input = layer.inputs[0]?.dims;
  const output = layer.outputs[0]?.dims;
  if (!input || !output || input.length < 2) return null;
  const outputElements = elementCount(output);
  if (kind === 'Convolution') {
    const kernel = layer.details?.['Kernel'];
    const groups = Number(layer.details?.['Groups'] ?? 1);
    if (!Array.isArray(kernel)) return null;
    return 2 * outputElements * (input[1]! / groups) * elementCount(kernel as number[]);
  }
  if (layer.type === 'Conv' || layer.type === 'FusedConv') {
    // ONNX Runtime lists the weight tensor [K, C/groups, kh, kw] among the inputs.
    const weight = layer.inputs[1]?.dims;
    if (!weight || weight.length < 3) return null;
    return 2 * outputElements * elementCount(weight.slice(1));
  }
  if (kind === 'FullyConnected') return 2 * outputElements * elementCount(input.slice(1));
  if (['Gemm', 'MatMul', 'FusedMatMul', 'FusedGemm'].includes(layer.type)) {
    // The reduced dimension K is the last of the first input (Gemm's transA is rare after export).
    return 2 * outputElements * input[input.length - 1]!;
  }
  return null;
}

/** ONNX nodes a layer holds: its origins, else the parts of a TensorRT fused name ("A + B"). */
function nodesOf(layer: EngineLayer): string[] {
  return layer.originNodes.length > 0
    ? layer.originNodes
    : layer.name.split(' + ').map((part) => part.trim());
}

function modelCosts(model: Model | undefined): Map<string, NodeCost> {
  const costs = new Map<string, NodeCost>();
  model?.nodes.forEach((node, index) => {
    const cost = model.costs[index];
    if (cost) costs.set(node.name, cost);
  });
  return costs;
}

/** The datasheet roofs of an engine's device; null for CPUs and unknown devices. */
export function ceilingsOfEngine(engine: Engine): DeviceCeilings | null {
  const name = engine.device?.name;
  return name ? (findDevice(name) ?? null) : null;
}

export function rooflineOf(item: ProfiledEngine, model?: Model, profileIndex = 0): EngineRoofline {
  const ceilings = ceilingsOfEngine(item.engine);
  const costs = modelCosts(model);
  const times = layerTimes(item, profileIndex);
  const points: RooflinePoint[] = [];
  const skipped = { noFlops: 0, noBytes: 0 };
  for (const [index, timeMs] of times) {
    const layer = item.engine.layers[index]!;
    if (timeMs <= 0) continue;
    const held = nodesOf(layer).flatMap((node) => (costs.has(node) ? [costs.get(node)!] : []));
    const modelFlops = held.reduce((sum, cost) => sum + cost.flops, 0);
    const flops = modelFlops > 0 ? modelFlops : convolutionFlops(layer);
    if (!flops) {
      skipped.noFlops++;
      continue;
    }
    const modelBytes = held.reduce(
      (sum, cost) => sum + cost.activationBytesRead + cost.weightBytesRead + cost.bytesWritten,
      0,
    );
    const bytes = layerBytes(layer) ?? (modelBytes > 0 ? modelBytes : null);
    if (!bytes) {
      skipped.noBytes++;
      continue;
    }
    const roof = roofOf(layer.precision);
    const intensity = flops / bytes;
    const achieved = flops / (timeMs / 1000);
    let bound: RooflinePoint['bound'] = 'unknown';
    let efficiency: number | null = null;
    if (ceilings) {
      bound = intensity >= ridgePoint(ceilings, roof) ? 'compute' : 'memory';
      const attainable = Math.min(peakFlops(ceilings, roof), intensity * ceilings.dramGBps * 1e9);
      efficiency = achieved / attainable;
    }
    points.push({
      layer: layer.name,
      layerType: layerKind(layer),
      precision: layer.precision,
      roof,
      flops,
      bytes,
      intensity,
      timeMs,
      achievedFlopsPerSec: achieved,
      bound,
      efficiency,
      flopsFrom: modelFlops > 0 ? 'model' : 'layer',
    });
  }
  return { points, ceilings, skipped };
}
