/**
 * Findings over one engine, TREx's lints first: convolutions without Tensor Cores, channels not aligned
 * for them, INT8 convolutions with float outputs, reformats that convert the data type, unfused Q/DQ
 * scale layers and type-converting slices. Then model lints (whose `nodes` are ONNX node names) mapped
 * onto the engine layers that hold those nodes. Each finding says what to do in plain words.
 */
import type { Engine, EngineLayer, Lint } from '../model/types';
import { layerKind } from '../model/engine-layers';
import { channelAlignmentIssue } from './regressions';

const CONVOLUTIONS = new Set(['Convolution', 'Deconvolution']);

function dtypeName(layer: EngineLayer, side: 'inputs' | 'outputs'): string {
  return layer[side][0]?.dtype ?? 'unknown';
}

function tensorCoreLint(layer: EngineLayer): Lint | null {
  if (!CONVOLUTIONS.has(layerKind(layer)) || layer.precision === 'fp32' || layer.tensorCores !== false)
    return null;
  const channels = layer.inputs[0]?.dims?.[1];
  const small = typeof channels === 'number' && channels < 32;
  return {
    id: 'tensor-core-use',
    severity: 'warning',
    nodes: [layer.name],
    message: `${layer.name}: ${layer.precision.toUpperCase()} convolution not on Tensor Cores (tactic ${layer.tacticName})`,
    why: 'Tensor Cores run large convolutions and GEMMs several times faster than other kernels.',
    fix: small
      ? `Only ${channels} input channels: Tensor Cores may not pay here; padding channels to 8 (FP16) or 16 (INT8) can let them.`
      : 'Check the channel alignment and the layer precision; rebuild with a larger builder optimization level or workspace.',
  };
}

function alignmentLint(layer: EngineLayer): Lint | null {
  if (!CONVOLUTIONS.has(layerKind(layer))) return null;
  const issue = channelAlignmentIssue(layer);
  if (!issue) return null;
  return {
    id: 'tensor-core-alignment',
    severity: 'info',
    nodes: [layer.name],
    message: `${layer.name}: ${issue}`,
    why: 'Tensor Core kernels read channels in groups of 8 (FP16) or 16 (INT8); other counts need padding or slower kernels.',
    fix: 'Change the number of channels of this convolution (model design) to a multiple of 8 for FP16 or 16 for INT8.',
  };
}

function mixedPrecisionLint(layer: EngineLayer): Lint | null {
  if (!CONVOLUTIONS.has(layerKind(layer)) || layer.precision !== 'int8') return null;
  const output = dtypeName(layer, 'outputs');
  if (output === 'int8' || output === 'uint8' || output === 'unknown') return null;
  return {
    id: 'mixed-precision-conv',
    severity: 'info',
    nodes: [layer.name],
    message: `${layer.name}: quantized convolution writes ${output} outputs`,
    why: 'A quantized convolution with float outputs moves 2-4x more bytes, which hurts memory-bound convolutions.',
    fix: 'Add a QuantizeLinear after this convolution (on its output) so it can write INT8.',
  };
}

/** A Reformat or Slice layer whose input and output types differ (layout-only changes are fine). */
function conversionLint(layer: EngineLayer, kind: 'Reformat' | 'Slice'): Lint | null {
  if (layerKind(layer) !== kind) return null;
  const id = kind === 'Reformat' ? 'reformat-type-conversion' : 'slice-type-conversion';
  const from = dtypeName(layer, 'inputs');
  const to = dtypeName(layer, 'outputs');
  if (from === to || from === 'unknown' || to === 'unknown') return null;
  const quantized = from === 'int8' || to === 'int8';
  return {
    id,
    severity: 'warning',
    nodes: [layer.name],
    message: `${layer.name}: ${kind} layer converts ${from} -> ${to}`,
    why: 'Conversions between float32 and float16, or between float and INT8, are extra passes over memory.',
    fix: quantized
      ? 'Add quantization around the neighbouring float operations so the data stays INT8.'
      : 'Keep neighbouring layers in one precision (check layer precision constraints and I/O formats).',
  };
}

function unfusedQdqLint(layer: EngineLayer): Lint | null {
  if (layerKind(layer) !== 'Scale') return null;
  const inInt8 = dtypeName(layer, 'inputs') === 'int8';
  const outInt8 = dtypeName(layer, 'outputs') === 'int8';
  if (inInt8 === outInt8) return null;
  const role = inInt8 ? 'Dequantize' : 'Quantize';
  return {
    id: 'unfused-qdq',
    severity: 'warning',
    nodes: [layer.name],
    message: `${layer.name}: unfused ${role} layer`,
    why: 'Stand-alone Q/DQ layers are extra memory passes; TensorRT fuses them into the neighbouring compute layer when it can.',
    fix: `Check why the ${role} was not fused: place Q/DQ pairs directly around the compute layer they quantize.`,
  };
}

/** TREx's lints over one engine's layers (detailed layer information only). */
export function lintEngine(engine: Engine): Lint[] {
  const lints: Lint[] = [];
  for (const layer of engine.layers) {
    for (const lint of [
      tensorCoreLint(layer),
      alignmentLint(layer),
      mixedPrecisionLint(layer),
      conversionLint(layer, 'Reformat'),
      conversionLint(layer, 'Slice'),
      unfusedQdqLint(layer),
    ]) {
      if (lint) lints.push(lint);
    }
  }
  return lints;
}

/** ONNX nodes a layer holds: its Metadata origins, or without them the parts of a fused name. */
function nodesOfLayer(layer: EngineLayer): string[] {
  return layer.originNodes.length > 0
    ? layer.originNodes
    : layer.name.split(' + ').map((part) => part.trim());
}

/**
 * Model lints onto engine layers: each lint's `nodes` (ONNX node names) become the names of the layers
 * holding them. Lints whose nodes no layer holds are returned apart (fused away, or another model).
 */
export function mapModelLintsToLayers(
  modelLints: Lint[],
  engine: Engine,
): { mapped: Lint[]; unmapped: Lint[] } {
  const layersByNode = new Map<string, string[]>();
  for (const layer of engine.layers) {
    for (const node of nodesOfLayer(layer))
      layersByNode.set(node, [...(layersByNode.get(node) ?? []), layer.name]);
  }
  const mapped: Lint[] = [];
  const unmapped: Lint[] = [];
  for (const lint of modelLints) {
    const layers = [...new Set(lint.nodes.flatMap((node) => layersByNode.get(node) ?? []))];
    if (layers.length === 0) unmapped.push(lint);
    else
      mapped.push({
        ...lint,
        nodes: layers,
        message: `${lint.message} (engine layer${layers.length > 1 ? 's' : ''}: ${layers.join(', ')})`,
      });
  }
  return { mapped, unmapped };
}
