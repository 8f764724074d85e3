/**
 * Raising a model's default-domain opset (to 13 for per-channel DequantizeLinear). Ops whose
 * signature or meaning changed on the way are rewritten: attributes that became inputs (Split,
 * Squeeze, Unsqueeze, ReduceSum, Clip, Pad, Slice, TopK), Softmax-family axis semantics (before 13 they
 * flatten from `axis`), Upsample -> Resize, Dropout -> Identity (inference), Scatter -> ScatterElements.
 * An op that changed in a way not handled here is refused by name, never passed through silently.
 */
import { StudioError } from '../errors';
import {
  OnnxDataType,
  defaultOpset,
  type OnnxAttribute,
  type OnnxGraph,
  type OnnxModel,
  type OnnxNode,
} from '../onnx/graph';
import { NameAllocator, int64Tensor, node, tensorFromArray } from './graph-edit';

interface Upgrade {
  from: number;
  to: number;
  names: NameAllocator;
  file: string | undefined;
  changes: Map<string, number>;
}

function attribute(n: OnnxNode, name: string): OnnxAttribute | undefined {
  return n.attributes.find((a) => a.name === name);
}

function without(n: OnnxNode, ...names: string[]): OnnxAttribute[] {
  return n.attributes.filter((a) => !names.includes(a.name));
}

function ints(n: OnnxNode, name: string): number[] | undefined {
  const a = attribute(n, name);
  return a?.type === 'ints' ? a.value : undefined;
}

function count(up: Upgrade, what: string): void {
  up.changes.set(what, (up.changes.get(what) ?? 0) + 1);
}

/** Moves an ints attribute into an int64 initializer input at `slot` (empty names fill the gap). */
function attrToInput(graph: OnnxGraph, n: OnnxNode, attr: string, slot: number, up: Upgrade): OnnxNode {
  const values = ints(n, attr);
  const inputs = [...n.inputs];
  if (values !== undefined) {
    const name = up.names.fresh(`${n.name || n.opType}_${attr}`);
    graph.initializers.push(int64Tensor(name, values));
    while (inputs.length < slot) inputs.push('');
    inputs[slot] = name;
  }
  count(up, `${n.opType}: ${attr} attribute -> input`);
  return { ...n, inputs, attributes: without(n, attr) };
}

function floatScalar(graph: OnnxGraph, base: string, value: number, up: Upgrade): string {
  const name = up.names.fresh(base);
  graph.initializers.push(tensorFromArray(name, OnnxDataType.FLOAT, [], Float32Array.of(value)));
  return name;
}

function rankOf(graph: OnnxGraph, tensor: string): number | null {
  const info = [...graph.inputs, ...graph.valueInfo, ...graph.outputs].find((v) => v.name === tensor);
  if (info?.type?.kind === 'tensor' && info.type.shape) return info.type.shape.length;
  return null;
}

/** Softmax < 13 flattens to 2-D at `axis`: same as 13 only when axis is the last; else Flatten/Reshape around it. */
function softmaxFamily(graph: OnnxGraph, n: OnnxNode, up: Upgrade): OnnxNode[] {
  const a = attribute(n, 'axis');
  const axis = a?.type === 'int' ? a.value : 1;
  const rank = rankOf(graph, n.inputs[0]!);
  if (axis === -1 || (rank !== null && (axis + rank) % rank === rank - 1)) {
    count(up, `${n.opType}: axis already the last, kept`);
    return [{ ...n, attributes: [...without(n, 'axis'), { name: 'axis', type: 'int', value: -1 }] }];
  }
  const base = n.name || n.opType;
  const flat = up.names.fresh(`${base}_flat`);
  const soft = up.names.fresh(`${base}_2d`);
  const shape = up.names.fresh(`${base}_shape`);
  count(up, `${n.opType}: old axis semantics kept with Flatten/Reshape`);
  return [
    node(
      'Flatten',
      up.names.fresh(`${base}_flatten`),
      [n.inputs[0]!],
      [flat],
      [{ name: 'axis', type: 'int', value: axis }],
    ),
    { ...n, inputs: [flat], outputs: [soft], attributes: [{ name: 'axis', type: 'int', value: -1 }] },
    node('Shape', up.names.fresh(`${base}_shape_of`), [n.inputs[0]!], [shape]),
    node('Reshape', up.names.fresh(`${base}_reshape`), [soft, shape], [n.outputs[0]!]),
  ];
}

function clipBefore11(graph: OnnxGraph, n: OnnxNode, up: Upgrade): OnnxNode {
  const value = (name: string) => {
    const a = attribute(n, name);
    return a?.type === 'float' ? a.value : undefined;
  };
  const min = value('min');
  const max = value('max');
  const inputs = [
    n.inputs[0]!,
    min !== undefined ? floatScalar(graph, `${n.name}_min`, min, up) : '',
    max !== undefined ? floatScalar(graph, `${n.name}_max`, max, up) : '',
  ];
  count(up, 'Clip: min/max attributes -> inputs');
  return { ...n, inputs, attributes: without(n, 'min', 'max') };
}

function padBefore11(graph: OnnxGraph, n: OnnxNode, up: Upgrade): OnnxNode {
  const withPads = attrToInput(graph, n, 'pads', 1, up);
  const v = attribute(n, 'value');
  if (v?.type === 'float' && v.value !== 0)
    withPads.inputs[2] = floatScalar(graph, `${n.name}_value`, v.value, up);
  return { ...withPads, attributes: without(withPads, 'value') };
}

function sliceBefore10(graph: OnnxGraph, n: OnnxNode, up: Upgrade): OnnxNode {
  let out = attrToInput(graph, n, 'starts', 1, up);
  out = attrToInput(graph, { ...out, attributes: n.attributes }, 'ends', 2, up);
  if (ints(n, 'axes')) out = attrToInput(graph, { ...out, attributes: n.attributes }, 'axes', 3, up);
  return { ...out, attributes: without(n, 'starts', 'ends', 'axes') };
}

function upsample(graph: OnnxGraph, n: OnnxNode, up: Upgrade): OnnxNode {
  const mode = attribute(n, 'mode');
  const modeName = mode?.type === 'string' ? mode.value : 'nearest';
  let scales = n.inputs[1];
  const scalesAttr = attribute(n, 'scales');
  if (!scales && scalesAttr?.type === 'floats') {
    scales = up.names.fresh(`${n.name}_scales`);
    graph.initializers.push(
      tensorFromArray(
        scales,
        OnnxDataType.FLOAT,
        [scalesAttr.value.length],
        Float32Array.from(scalesAttr.value),
      ),
    );
  }
  count(up, 'Upsample -> Resize (asymmetric coordinates, floor rounding: Upsample semantics)');
  const attributes: OnnxAttribute[] = [
    { name: 'mode', type: 'string', value: modeName === 'bilinear' ? 'linear' : modeName },
    { name: 'coordinate_transformation_mode', type: 'string', value: 'asymmetric' },
  ];
  if (modeName === 'nearest') attributes.push({ name: 'nearest_mode', type: 'string', value: 'floor' });
  return { ...n, opType: 'Resize', inputs: [n.inputs[0]!, '', scales ?? ''], attributes };
}

function dropout(graph: OnnxGraph, n: OnnxNode, up: Upgrade): OnnxNode {
  const maskUsed = n.outputs[1] && graph.nodes.some((x) => x.inputs.includes(n.outputs[1]!));
  if (maskUsed)
    throw new StudioError(up.file, `cannot raise opset: Dropout "${n.name}" has its mask output used`);
  count(up, 'Dropout -> Identity (inference)');
  return { ...n, opType: 'Identity', outputs: [n.outputs[0]!], attributes: [] };
}

/** Rewrites one node for the new opset; returns the node(s) that replace it. */
function upgradeNode(graph: OnnxGraph, n: OnnxNode, up: Upgrade): OnnxNode[] {
  if (n.domain !== '' && n.domain !== 'ai.onnx') return [n];
  const below = (version: number) => up.from < version && up.to >= version;
  switch (n.opType) {
    case 'Softmax':
    case 'LogSoftmax':
    case 'Hardmax':
      return below(13) ? softmaxFamily(graph, n, up) : [n];
    case 'Split':
      return [below(13) ? attrToInput(graph, n, 'split', 1, up) : n];
    case 'Squeeze':
    case 'Unsqueeze':
    case 'ReduceSum':
      return [below(13) ? attrToInput(graph, n, 'axes', 1, up) : n];
    case 'Clip':
      return [below(11) ? clipBefore11(graph, n, up) : n];
    case 'Pad':
      return [below(11) ? padBefore11(graph, n, up) : n];
    case 'Slice':
      return [below(10) ? sliceBefore10(graph, n, up) : n];
    case 'TopK':
      return [below(10) ? attrToInput(graph, n, 'k', 1, up) : n];
    case 'Upsample':
      return [upsample(graph, n, up)];
    case 'Dropout':
      return [dropout(graph, n, up)];
    case 'Scatter':
      count(up, 'Scatter -> ScatterElements');
      return [{ ...n, opType: 'ScatterElements' }];
    case 'BatchNormalization': {
      const spatial = attribute(n, 'spatial');
      if (spatial?.type === 'int' && spatial.value === 0)
        throw new StudioError(up.file, `cannot raise opset: BatchNormalization "${n.name}" uses spatial=0`);
      return [{ ...n, attributes: without(n, 'spatial', 'is_test', 'consumed_inputs') }];
    }
    case 'Resize':
      if (below(11))
        throw new StudioError(
          up.file,
          `cannot raise opset: Resize "${n.name}" is opset 10 (its rounding differs from 11+ and is not converted)`,
        );
      return [n];
    case 'Scan':
      if (below(9))
        throw new StudioError(up.file, `cannot raise opset: Scan "${n.name}" has the opset-8 signature`);
      return [n];
    default:
      return [n];
  }
}

function upgradeGraph(graph: OnnxGraph, up: Upgrade): OnnxGraph {
  const copy: OnnxGraph = { ...graph, initializers: [...graph.initializers], nodes: [] };
  const nodes: OnnxNode[] = [];
  for (const n of graph.nodes) {
    const withSubgraphs: OnnxNode = {
      ...n,
      attributes: n.attributes.map((a) => {
        if (a.type === 'graph') return { ...a, value: upgradeGraph(a.value, up) };
        if (a.type === 'graphs') return { ...a, value: a.value.map((g) => upgradeGraph(g, up)) };
        return a;
      }),
    };
    nodes.push(...upgradeNode({ ...copy, nodes: graph.nodes }, withSubgraphs, up));
  }
  copy.nodes = nodes;
  return copy;
}

/** Minimum IR version that goes with an opset (ONNX's release table). */
function irVersionFor(opset: number): number {
  if (opset >= 21) return 10;
  if (opset >= 19) return 9;
  if (opset >= 15) return 8;
  if (opset >= 13) return 7;
  if (opset >= 12) return 7;
  if (opset >= 11) return 6;
  if (opset >= 10) return 5;
  return 4;
}

export interface OpsetUpgrade {
  model: OnnxModel;
  /** What was rewritten, one line per kind ("Split: split attribute -> input (x3)"). */
  notes: string[];
}

/** The model at default-domain opset `target` (unchanged when already there). */
export function upgradeOpset(model: OnnxModel, target: number): OpsetUpgrade {
  const from = defaultOpset(model);
  if (from >= target) return { model, notes: [] };
  const file = model.path || undefined;
  if (from < 7)
    throw new StudioError(file, `opset ${from} is too old to raise (legacy broadcasting before opset 7)`);
  const up: Upgrade = { from, to: target, names: new NameAllocator(model), file, changes: new Map() };
  const graph = upgradeGraph(model.graph, up);
  const hasDefault = model.opsetImports.some((o) => o.domain === '' || o.domain === 'ai.onnx');
  const opsetImports = hasDefault
    ? model.opsetImports.map((o) =>
        o.domain === '' || o.domain === 'ai.onnx' ? { ...o, version: target } : o,
      )
    : [...model.opsetImports, { domain: '', version: target }];
  const irVersion = Math.max(model.irVersion, irVersionFor(target));
  const notes = [
    `opset raised from ${from} to ${target}${irVersion !== model.irVersion ? ` (IR version ${model.irVersion} -> ${irVersion})` : ''}`,
  ];
  for (const [what, times] of up.changes) notes.push(`${what}${times > 1 ? ` (x${times})` : ''}`);
  return { model: { ...model, opsetImports, irVersion, graph }, notes };
}
