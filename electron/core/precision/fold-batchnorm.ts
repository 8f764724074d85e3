/**
 * Folds a BatchNormalization that follows a Conv into the Conv's weights and bias (the Conv then
 * writes the BatchNormalization's output tensor), as quantizers do before placing Q/DQ: otherwise the
 * float BatchNormalization sits between the INT8 Conv and its activation and breaks the INT8 flow,
 * and the weights quantized are not the ones that run. Per output channel c, with
 * k = gamma[c] / sqrt(var[c] + epsilon): W'[c] = W[c] * k, b'[c] = (b[c] - mean[c]) * k + beta[c].
 * Only folds when the Conv output feeds that BatchNormalization alone and every parameter is a float
 * initializer; calibration ranges stay valid because the folded Conv produces the same tensor.
 */
import { OnnxDataType, type OnnxModel, type OnnxNode, type OnnxTensor } from '../onnx/graph';
import { readTensorData } from '../onnx/tensor-data';
import { NameAllocator, consumers, tensorFromArray } from './graph-edit';

export interface FoldResult {
  model: OnnxModel;
  folded: number;
}

function floatAttr(n: OnnxNode, name: string, fallback: number): number {
  const a = n.attributes.find((x) => x.name === name);
  return a?.type === 'float' ? a.value : fallback;
}

export function foldBatchNorms(model: OnnxModel): FoldResult {
  const g = model.graph;
  const initializers = new Map(g.initializers.map((t) => [t.name, t]));
  const floatParam = (name: string | undefined) => {
    const t = name ? initializers.get(name) : undefined;
    return t?.dataType === OnnxDataType.FLOAT ? (readTensorData(t) as Float32Array) : null;
  };
  const uses = consumers(g);
  const graphOutputs = new Set(g.outputs.map((o) => o.name));
  const names = new NameAllocator(model);
  const replaced = new Map<OnnxNode, OnnxNode | null>();
  const added: OnnxTensor[] = [];
  for (const conv of g.nodes) {
    const out = conv.outputs[0];
    const bn = out ? uses.get(out) : undefined;
    if (conv.opType !== 'Conv' || !bn || bn.length !== 1 || graphOutputs.has(out!)) continue;
    const norm = bn[0]!;
    if (norm.opType !== 'BatchNormalization' || norm.outputs.filter(Boolean).length !== 1) continue;
    const weight = initializers.get(conv.inputs[1] ?? '');
    const w = floatParam(conv.inputs[1]);
    const [gamma, beta, mean, variance] = norm.inputs.slice(1, 5).map(floatParam);
    if (!weight || !w || !gamma || !beta || !mean || !variance) continue;
    const channels = weight.dims[0]!;
    if ([gamma, beta, mean, variance].some((p) => p.length !== channels)) continue;
    const bias = conv.inputs[2] ? floatParam(conv.inputs[2]) : new Float32Array(channels);
    if (!bias || bias.length !== channels) continue;
    const epsilon = floatAttr(norm, 'epsilon', 1e-5);
    const inner = w.length / channels;
    const newWeight = new Float32Array(w.length);
    const newBias = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      const k = gamma[c]! / Math.sqrt(variance[c]! + epsilon);
      for (let i = c * inner; i < (c + 1) * inner; i++) newWeight[i] = w[i]! * k;
      newBias[c] = (bias[c]! - mean[c]!) * k + beta[c]!;
    }
    const weightName = names.fresh(`${weight.name}_bn_folded`);
    const biasName = names.fresh(`${conv.name}_bn_folded_bias`);
    added.push(
      tensorFromArray(weightName, OnnxDataType.FLOAT, weight.dims, newWeight),
      tensorFromArray(biasName, OnnxDataType.FLOAT, [channels], newBias),
    );
    replaced.set(conv, {
      ...conv,
      inputs: [conv.inputs[0]!, weightName, biasName],
      outputs: [norm.outputs[0]!],
    });
    replaced.set(norm, null);
  }
  if (replaced.size === 0) return { model, folded: 0 };
  const nodes = g.nodes.flatMap((n) => {
    const r = replaced.get(n);
    return r === undefined ? [n] : r === null ? [] : [r];
  });
  const read = new Set(nodes.flatMap((n) => n.inputs));
  const initializersLeft = [...g.initializers, ...added].filter((t) => read.has(t.name));
  const kept = new Set(initializersLeft.map((t) => t.name));
  const dropped = new Set(g.initializers.filter((t) => !kept.has(t.name)).map((t) => t.name));
  const graph = {
    ...g,
    nodes,
    initializers: initializersLeft,
    inputs: g.inputs.filter((i) => !dropped.has(i.name)),
  };
  return { model: { ...model, graph }, folded: replaced.size / 2 };
}
