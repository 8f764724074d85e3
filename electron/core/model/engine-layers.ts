/**
 * From a TensorRT layer list as the engine inspector writes it to the canonical EngineLayer: precision
 * from tensor formats, Tensor Core use from the tactic (kernel) name, reformat and Q/DQ layers, fused
 * ONNX nodes from Metadata, optimization profiles from ` [profile N]` suffixes. Layers that do no work
 * of their own (NoOp, Constant, signal/wait, shape_call) are taken out of the list as TREx did, and
 * remembered so that profile rows naming them still match.
 */
import type { EngineLayer, LayerTensor, Precision } from './types';
import { precisionOfDtype, precisionRank } from './precision';

/** A layer as read from the JSON, before analysis. */
export interface ParsedLayer {
  name: string;
  layerType: string;
  parameterType?: string;
  /** TensorRT's Origin field (REFORMAT, QDQ, ...). */
  origin?: string;
  inputs: LayerTensor[];
  outputs: LayerTensor[];
  tacticName?: string;
  tacticValue?: string;
  metadata?: string;
  streamId?: number;
  details: Record<string, unknown>;
}

/** A layer removed from the engine's list, and why. */
export interface FoldedLayer {
  name: string;
  type: string;
  reason: string;
  /** Position in the source list. */
  index: number;
}

/** TensorRT joins Metadata items with the record (\u001e) or unit (\u001f) separator. */
const RECORD_SEPARATOR = '\u001e';
const UNIT_SEPARATOR = '\u001f';

const PROFILE_SUFFIX = / \[profile (\d+)\]$/;

/** The optimization profile a layer or binding name belongs to (0 without suffix) and its bare name. */
export function optimizationProfileOf(name: string): { index: number; baseName: string } {
  const match = PROFILE_SUFFIX.exec(name);
  if (!match) return { index: 0, baseName: name };
  return { index: Number(match[1]), baseName: name.slice(0, match.index) };
}

/** ONNX node names from a Metadata string: "[ONNX Layer: a]\u001e[ONNX Layer: b]" (or \u001f). */
export function originNodesOf(metadata: string | undefined): string[] {
  if (!metadata) return [];
  const nodes: string[] = [];
  for (const item of metadata.replaceAll(UNIT_SEPARATOR, RECORD_SEPARATOR).split(RECORD_SEPARATOR)) {
    const match = /^\s*\[ONNX Layer: (.*)\]\s*$/.exec(item);
    if (match && match[1]) nodes.push(match[1]);
  }
  return nodes;
}

/**
 * Precision of a layer: that of its first input that carries math (TREx took the first input), else of
 * its first such output; 'unknown' when no tensor says.
 */
export function layerPrecision(inputs: LayerTensor[], outputs: LayerTensor[]): Precision {
  for (const tensor of [...inputs, ...outputs]) {
    const precision = precisionOfDtype(tensor.dtype);
    if (precision) return precision;
  }
  return 'unknown';
}

const TENSOR_CORE_MARKS =
  /imma|hmma|gmma|i88|884|h1688|h16816|s1688|s16816|i16832|tf32|tensor\d+x\d+x\d+|_tc_|bmma|qmma/i;

/**
 * Whether a tactic (kernel) name says it runs on Tensor Cores. Kernels built for sm < 70 and SIMT
 * kernels cannot; Myelin's generated kernels (`__myl_`) and empty names cannot be told (null).
 */
export function usesTensorCores(tacticName: string | undefined): boolean | null {
  if (!tacticName || tacticName.startsWith('__myl_')) return null;
  const arch = /^sm_?(\d+)_/.exec(tacticName);
  if (arch && Number(arch[1]) < 70) return false;
  if (/simt/i.test(tacticName)) return false;
  return TENSOR_CORE_MARKS.test(tacticName);
}

/** TensorRT-made reformat (layout/type copy) layers, by Origin or, without it, by name. */
export function isReformat(
  layer: Pick<ParsedLayer, 'name' | 'layerType' | 'parameterType' | 'origin'>,
): boolean {
  if (layer.origin === 'REFORMAT') return true;
  if (layer.origin === 'QDQ') return false;
  if (/^Reformatting CopyNode |(input|output) reformatter \d+$/.test(layer.name)) return true;
  return layer.origin === undefined && (layer.layerType === 'Reformat' || layer.parameterType === 'Reformat');
}

/** A stand-alone quantize / dequantize layer (not fused into a compute layer). */
export function isQdqLayer(layer: EngineLayer): boolean {
  if (layer.details?.['Origin'] === 'QDQ') return true;
  const standalone = ['Reformat', 'Scale', 'Quantize', 'Dequantize'].includes(
    layer.parameterType ?? layer.type,
  );
  return standalone && /(^|\/)(Quantize|Dequantize)Linear/.test(layer.name) && !layer.name.includes(' + ');
}

/** The type used to group and align layers: ParameterType (Convolution, Pooling) else LayerType. */
export function layerKind(layer: Pick<EngineLayer, 'type' | 'parameterType'>): string {
  return layer.parameterType ?? layer.type;
}

/** Why a layer is taken out of the list, or null when it stays. */
function removalReason(layer: ParsedLayer): string | null {
  const type = layer.layerType;
  if (type === 'NoOp' || layer.parameterType === 'NoOp') return 'NoOp folded into its neighbours';
  if (type === 'Constant' || layer.parameterType === 'Constant') return 'Constant (weights only, no work)';
  if (type === 'signal' || type === 'wait') return 'cross-stream signal/wait';
  if (type === 'shape_call') return 'shape computation of Myelin (shape_call)';
  return null;
}

/** Rewires a NoOp's consumers to its input (or, for an output binding, its producer to its output). */
function foldNoOp(noOp: ParsedLayer, layers: ParsedLayer[], bindings: Set<string>): void {
  const input = noOp.inputs[0];
  const output = noOp.outputs[0];
  if (!input || !output) return;
  let consumed = false;
  for (const layer of layers) {
    layer.inputs = layer.inputs.map((tensor) => {
      if (tensor.name !== output.name) return tensor;
      consumed = true;
      return input;
    });
  }
  if (consumed || !bindings.has(output.name)) return;
  for (const layer of layers) {
    layer.outputs = layer.outputs.map((tensor) => (tensor.name === input.name ? output : tensor));
  }
}

/** TREx's rule: the second layer named `x` becomes `x_2`, the third `x_3`. */
function disambiguateNames(layers: ParsedLayer[]): string[] {
  const seen = new Map<string, number>();
  const warnings: string[] = [];
  for (const layer of layers) {
    const count = (seen.get(layer.name) ?? 0) + 1;
    seen.set(layer.name, count);
    if (count > 1) {
      warnings.push(`layer name "${layer.name}" appears ${count} times; renamed to "${layer.name}_${count}"`);
      layer.name = `${layer.name}_${count}`;
    }
  }
  return warnings;
}

function toEngineLayer(layer: ParsedLayer): EngineLayer {
  const originNodes = originNodesOf(layer.metadata);
  const details = { ...layer.details };
  if (layer.origin !== undefined) details['Origin'] = layer.origin;
  if (layer.metadata) details['Metadata'] = layer.metadata;
  return {
    name: layer.name,
    type: layer.layerType,
    parameterType: layer.parameterType,
    precision: layerPrecision(layer.inputs, layer.outputs),
    inputs: layer.inputs,
    outputs: layer.outputs,
    tacticName: layer.tacticName || undefined,
    tacticValue: layer.tacticValue,
    originNodes,
    // Without Metadata (TensorRT 8.x) TensorRT's fused names join their parts with " + ".
    fused: originNodes.length > 1 || (originNodes.length === 0 && layer.name.includes(' + ')),
    tensorCores: usesTensorCores(layer.tacticName),
    reformat: isReformat(layer),
    streamId: layer.streamId,
    profileIndex: optimizationProfileOf(layer.name).index,
    details: Object.keys(details).length > 0 ? details : undefined,
  };
}

/** Detailed layers -> canonical layers, with the removed ones and warnings. */
export function analyzeLayers(
  parsed: ParsedLayer[],
  bindings: string[],
): { layers: EngineLayer[]; folded: FoldedLayer[]; warnings: string[] } {
  const working = parsed.map((layer) => ({
    ...layer,
    inputs: [...layer.inputs],
    outputs: [...layer.outputs],
  }));
  const warnings = disambiguateNames(working);
  const bindingSet = new Set(bindings);
  const folded: FoldedLayer[] = [];
  const kept: ParsedLayer[] = [];
  for (const [index, layer] of working.entries()) {
    const reason = removalReason(layer);
    if (reason === null) {
      kept.push(layer);
      continue;
    }
    folded.push({ name: layer.name, type: layer.layerType, reason, index });
    if (layer.layerType === 'NoOp' || layer.parameterType === 'NoOp') foldNoOp(layer, working, bindingSet);
  }
  return { layers: kept.map(toEngineLayer), folded, warnings };
}

/** A layer known by name only (layer information without --profilingVerbosity=detailed). */
export function namesOnlyLayer(name: string): EngineLayer {
  return {
    name,
    type: 'unknown',
    precision: 'unknown',
    inputs: [],
    outputs: [],
    originNodes: [],
    fused: name.includes(' + '),
    tensorCores: null,
    reformat: isReformat({ name, layerType: 'unknown' }),
    profileIndex: optimizationProfileOf(name).index,
  };
}

/**
 * An engine's precision: the lowest precision among its non-reformat layers of the first optimization
 * profile; 'unknown' when no layer says (names-only).
 */
export function enginePrecision(layers: EngineLayer[]): Precision {
  let lowest: Precision = 'unknown';
  for (const layer of layers) {
    if (layer.reformat || layer.profileIndex !== 0) continue;
    const rank = precisionRank(layer.precision);
    const lowestRank = precisionRank(lowest);
    if (rank !== null && (lowestRank === null || rank < lowestRank)) lowest = layer.precision;
  }
  return lowest;
}
