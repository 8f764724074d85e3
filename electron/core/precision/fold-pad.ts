/**
 * Folds a zero constant Pad into the Conv that reads it (the Conv's own `pads` grow by the Pad's
 * spatial amounts), as ONNX Runtime's optimizer does on a float model. Left in an INT8 variant, the
 * Pad would sit between two quantized layers as a float island: a DequantizeLinear, the Pad in float
 * and a QuantizeLinear for every one (tf2onnx's MobileNetV2 has one before each stride-2 depthwise
 * conv). Folds only when the Pad is constant with value 0, pads no batch or channel, and feeds Convs
 * alone (auto_pad NOTSET); the Conv then reads the Pad's input, whose range calibration knows.
 */
import type { OnnxModel, OnnxNode } from '../onnx/graph';
import { readTensorAsNumbers } from '../onnx/tensor-data';
import { consumers } from './graph-edit';

export interface PadFoldResult {
  model: OnnxModel;
  folded: number;
}

function attribute(n: OnnxNode, name: string) {
  return n.attributes.find((a) => a.name === name);
}

export function foldPadsIntoConvs(model: OnnxModel): PadFoldResult {
  const g = model.graph;
  const initializers = new Map(g.initializers.map((t) => [t.name, t]));
  const uses = consumers(g);
  const graphOutputs = new Set(g.outputs.map((o) => o.name));
  const numbers = (name: string | undefined) => {
    const t = name ? initializers.get(name) : undefined;
    return t ? readTensorAsNumbers(t) : null;
  };
  const removed = new Set<OnnxNode>();
  const rewritten = new Map<OnnxNode, OnnxNode>();
  for (const pad of g.nodes) {
    if (pad.opType !== 'Pad' || (pad.domain !== '' && pad.domain !== 'ai.onnx')) continue;
    const mode = attribute(pad, 'mode');
    if (mode && (mode.type !== 'string' || mode.value !== 'constant')) continue;
    // Opset 11+: pads and constant value are inputs; before, attributes.
    const padsAttr = attribute(pad, 'pads');
    const pads = padsAttr?.type === 'ints' ? padsAttr.value : numbers(pad.inputs[1]);
    const valueAttr = attribute(pad, 'value');
    const value =
      valueAttr?.type === 'float' ? valueAttr.value : pad.inputs[2] ? numbers(pad.inputs[2])?.[0] : 0;
    if (!pads || value !== 0 || pad.inputs[3]) continue;
    const rank = pads.length / 2;
    const before = pads.slice(0, rank);
    const after = pads.slice(rank);
    if (rank < 3 || before[0] || before[1] || after[0] || after[1] || pads.some((p) => p < 0)) continue;
    const out = pad.outputs[0]!;
    const readers = uses.get(out) ?? [];
    const convs = readers.filter((r) => r.opType === 'Conv' && r.inputs[0] === out);
    if (graphOutputs.has(out) || readers.length === 0 || convs.length !== readers.length) continue;
    const autoPad = (c: OnnxNode) => {
      const a = attribute(c, 'auto_pad');
      return a?.type === 'string' ? a.value : 'NOTSET';
    };
    if (convs.some((c) => autoPad(c) !== 'NOTSET')) continue;
    if (convs.some((c) => rewritten.has(c))) continue;
    const spatial = rank - 2;
    for (const conv of convs) {
      const own = attribute(conv, 'pads');
      const current = own?.type === 'ints' ? own.value : new Array<number>(2 * spatial).fill(0);
      const merged = current.map((p, i) => p + (i < spatial ? before[2 + i]! : after[2 + i - spatial]!));
      rewritten.set(conv, {
        ...conv,
        inputs: [pad.inputs[0]!, ...conv.inputs.slice(1)],
        attributes: [
          ...conv.attributes.filter((a) => a.name !== 'pads'),
          { name: 'pads', type: 'ints', value: merged },
        ],
      });
    }
    removed.add(pad);
  }
  if (removed.size === 0) return { model, folded: 0 };
  const nodes = g.nodes.filter((n) => !removed.has(n)).map((n) => rewritten.get(n) ?? n);
  // The folded Pads' pads and value constants, unless something else reads them.
  const read = new Set(nodes.flatMap((n) => n.inputs));
  const dropped = new Set([...removed].flatMap((p) => p.inputs.slice(1)).filter((i) => i && !read.has(i)));
  const kept = g.initializers.filter((t) => !dropped.has(t.name));
  return { model: { ...model, graph: { ...g, nodes, initializers: kept } }, folded: removed.size };
}
