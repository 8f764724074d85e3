/**
 * Quantization lints. TensorRT takes INT8 as Q/DQ pairs (QuantizeLinear -> DequantizeLinear placed
 * before quantizable layers) and fuses them into INT8 kernels; pairs in other places run as extra
 * FP32 layers. QOperator-format ops (QLinearConv, ConvInteger...) it does not parse at all.
 */
import type { Dim, Lint } from '../../model/types';
import type { OnnxGraph, OnnxNode } from '../graph';
import { constantFact } from '../shapes/constants';
import type { LintInput } from './lint-input';
import { consumersOf, listSome, producersOf } from './lint-input';

/** Layers a DequantizeLinear may feed and still fuse: INT8 math, or ops TensorRT moves Q/DQ across. */
const DQ_FUSIBLE_CONSUMERS = new Set([
  'Conv', 'ConvTranspose', 'Gemm', 'MatMul', 'Add', 'Concat', 'MaxPool', 'AveragePool', 'GlobalAveragePool',
  'Reshape', 'Transpose', 'Flatten', 'Squeeze', 'Unsqueeze', 'Slice', 'Split', 'Identity', 'Resize',
]); // prettier-ignore

/** Ops that pass quantized data through unchanged, so a DQ behind them still has a Q upstream. */
const PASS_THROUGH = new Set([
  'Reshape',
  'Transpose',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'Slice',
  'Split',
  'Identity',
  'Concat',
  'MaxPool',
]);

const QOPERATOR_OPS = new Set([
  'QLinearConv', 'QLinearMatMul', 'ConvInteger', 'MatMulInteger', 'QLinearAdd', 'QLinearMul', 'QLinearSigmoid',
  'QLinearLeakyRelu', 'QLinearConcat', 'QLinearAveragePool', 'QLinearGlobalAveragePool', 'QLinearSoftmax',
  'QLinearReduceMean', 'QLinearWhere', 'QGemm', 'QAttention', 'DynamicQuantizeMatMul', 'DynamicQuantizeLinear',
]); // prettier-ignore

interface QuantizationContext {
  input: LintInput;
  graph: OnnxGraph;
  consumers: Map<string, OnnxNode[]>;
  producers: Map<string, OnnxNode>;
  names: Map<OnnxNode, string>;
  outputs: Set<string>;
}

function unfusedDequantize(q: QuantizationContext): Lint[] {
  const found: string[] = [];
  const nodes: string[] = [];
  for (const node of q.graph.nodes) {
    if (node.opType !== 'DequantizeLinear') continue;
    const bad = (q.consumers.get(node.outputs[0]) ?? []).filter((c) => !DQ_FUSIBLE_CONSUMERS.has(c.opType));
    if (bad.length === 0) continue;
    nodes.push(q.names.get(node)!, ...bad.map((c) => q.names.get(c)!));
    found.push(`${q.names.get(node)} -> ${bad.map((c) => c.opType).join('/')}`);
  }
  if (found.length === 0) return [];
  return [
    {
      id: 'qdq-unfused-dequantize',
      severity: 'warning',
      nodes,
      message: `${found.length} DequantizeLinear node(s) feed layers TensorRT cannot run in INT8: ${listSome(found)}`,
      why: 'A Q/DQ pair fuses only into a quantizable layer (Conv, Gemm/MatMul, Add, pooling, Concat); elsewhere it runs as separate FP32 quantize/dequantize layers.',
      fix: 'Remove the Q/DQ pair before that layer, or move it before the Conv/MatMul that follows.',
    },
  ];
}

function quantizeWithoutDequantize(q: QuantizationContext): Lint[] {
  const found: string[] = [];
  for (const node of q.graph.nodes) {
    if (node.opType !== 'QuantizeLinear') continue;
    const consumers = q.consumers.get(node.outputs[0]) ?? [];
    const orphan = consumers.length === 0 && !q.outputs.has(node.outputs[0]);
    if (orphan || consumers.some((c) => c.opType !== 'DequantizeLinear')) found.push(q.names.get(node)!);
  }
  if (found.length === 0) return [];
  return [
    {
      id: 'qdq-quantize-without-dequantize',
      severity: 'warning',
      nodes: found,
      message: `${found.length} QuantizeLinear node(s) are not followed by a DequantizeLinear: ${listSome(found)}`,
      why: 'TensorRT fuses Q/DQ only as pairs; a lone QuantizeLinear becomes an explicit INT8 conversion layer and may stop the graph from parsing.',
      fix: 'Follow every QuantizeLinear with a DequantizeLinear (the Q/DQ format), as quantization tools emit them.',
    },
  ];
}

/** Walks up through pass-through ops to see whether quantized data comes from a QuantizeLinear. */
function hasQuantizeUpstream(q: QuantizationContext, tensor: string): boolean {
  let producer = q.producers.get(tensor);
  for (let steps = 0; producer && steps < 16; steps++) {
    if (producer.opType === 'QuantizeLinear') return true;
    if (!PASS_THROUGH.has(producer.opType)) return false;
    producer = q.producers.get(producer.inputs[0]);
  }
  return false;
}

function dequantizeWithoutQuantize(q: QuantizationContext): Lint[] {
  const found: string[] = [];
  for (const node of q.graph.nodes) {
    if (node.opType !== 'DequantizeLinear') continue;
    const source = node.inputs[0];
    if (q.input.constants.has(source) || !q.producers.has(source)) continue; // weights, or quantized graph inputs
    if (!hasQuantizeUpstream(q, source)) found.push(q.names.get(node)!);
  }
  if (found.length === 0) return [];
  return [
    {
      id: 'qdq-dequantize-without-quantize',
      severity: 'warning',
      nodes: found,
      message: `${found.length} DequantizeLinear node(s) on activations have no QuantizeLinear upstream: ${listSome(found)}`,
      why: 'TensorRT needs the scale of an INT8 activation from its QuantizeLinear; an unpaired DequantizeLinear cannot fuse.',
      fix: 'Re-export with QuantizeLinear -> DequantizeLinear pairs on every quantized activation.',
    },
  ];
}

function constantValues(input: LintInput, name: string): Dim[] | undefined {
  const known = input.facts.get(name)?.value;
  if (known) return known;
  const tensor = input.graph.initializers.find((t) => t.name === name);
  return tensor ? constantFact(tensor).value : undefined;
}

function sameScale(a: Dim[], b: Dim[]): boolean {
  if (a.length !== b.length) return false;
  return a.every(
    (v, i) =>
      typeof v === 'number' &&
      typeof b[i] === 'number' &&
      Math.abs(v - (b[i] as number)) <= 1e-6 * Math.max(Math.abs(v), 1e-30),
  );
}

function residualScaleMismatch(q: QuantizationContext): Lint[] {
  const found: string[] = [];
  for (const node of q.graph.nodes) {
    if (node.opType !== 'Add') continue;
    const sources = node.inputs.map((name) => q.producers.get(name));
    if (sources.length !== 2 || !sources.every((s) => s?.opType === 'DequantizeLinear')) continue;
    const scales = sources.map((s) => constantValues(q.input, s!.inputs[1]));
    if (scales[0] && scales[1] && !sameScale(scales[0], scales[1])) {
      found.push(`${q.names.get(node)} (scales ${scales[0][0]} vs ${scales[1][0]})`);
    }
  }
  if (found.length === 0) return [];
  return [
    {
      id: 'qdq-residual-scale-mismatch',
      severity: 'warning',
      nodes: found.map((f) => f.split(' (')[0]),
      message: `${found.length} residual Add node(s) join INT8 inputs with different scales: ${listSome(found, 3)}`,
      why: 'TensorRT fuses a residual Add into the INT8 convolution only when both inputs share a scale; otherwise it re-quantizes in a separate layer.',
      fix: 'Calibrate or constrain both inputs of the Add to one scale (shared Q/DQ on the residual branch).',
    },
  ];
}

function qoperatorOps(q: QuantizationContext): Lint[] {
  const found = q.graph.nodes.filter((n) => QOPERATOR_OPS.has(n.opType));
  if (found.length === 0) return [];
  const ops = [...new Set(found.map((n) => n.opType))];
  return [
    {
      id: 'qoperator-format',
      severity: 'error',
      nodes: found.map((n) => q.names.get(n)!),
      message: `${found.length} QOperator-format node(s) (${ops.join(', ')}): TensorRT's ONNX parser does not take them`,
      why: 'TensorRT builds INT8 from Q/DQ pairs around float ops; QLinear*/…Integer ops are ONNX Runtime kernels it has no importer for.',
      fix: 'Convert to Q/DQ: re-quantize with the QDQ format (e.g. quant_format=QDQ), or let the studio make the INT8 Q/DQ variant.',
    },
  ];
}

export function quantizationLints(input: LintInput): Lint[] {
  const graph = input.graph;
  const q: QuantizationContext = {
    input,
    graph,
    consumers: consumersOf(graph),
    producers: producersOf(graph),
    names: new Map(graph.nodes.map((n, i) => [n, input.nodeNames[i]])),
    outputs: new Set(graph.outputs.map((o) => o.name)),
  };
  return [
    ...qoperatorOps(q),
    ...unfusedDequantize(q),
    ...quantizeWithoutDequantize(q),
    ...dequantizeWithoutQuantize(q),
    ...residualScaleMismatch(q),
  ];
}
