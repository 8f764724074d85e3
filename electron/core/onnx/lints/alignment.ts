/**
 * Tensor Core alignment: FP16 kernels want channels (Conv) or K and N (Gemm/MatMul) in multiples of
 * 8, INT8 kernels multiples of 16; otherwise TensorRT pads the tensors or falls back to slower kernels.
 */
import type { Lint } from '../../model/types';
import type { OnnxNode } from '../graph';
import { intAttr } from '../shapes/attributes';
import type { LintInput } from './lint-input';
import { listSome } from './lint-input';

interface GemmDims {
  /** Dims that must be aligned, by name (C_in, C_out, K, N). */
  dims: Record<string, number>;
}

function staticShape(input: LintInput, name: string): number[] | null {
  const shape = input.facts.get(name)?.shape;
  return shape && shape.every((d) => typeof d === 'number') ? (shape as number[]) : null;
}

/** The dims a Tensor Core kernel tiles for this node, or null for nodes that do not use them. */
function alignedDims(node: OnnxNode, input: LintInput): GemmDims | null {
  if (node.opType === 'Conv' || node.opType === 'ConvTranspose') {
    const weight = staticShape(input, node.inputs[1]);
    if (!weight || weight.length < 3) return null;
    const group = intAttr(node, 'group', 1);
    const transposed = node.opType === 'ConvTranspose';
    const inPerGroup = transposed ? weight[0] / group : weight[1];
    const outPerGroup = transposed ? weight[1] : weight[0] / group;
    if (group > 1 && inPerGroup === 1) return null; // depthwise: no Tensor Core GEMM (see the intensity lint)
    return { dims: { C_in: inPerGroup, C_out: outPerGroup } };
  }
  if (node.opType === 'MatMul' || node.opType === 'Gemm') {
    const a = staticShape(input, node.inputs[0]);
    const b = staticShape(input, node.inputs[1]);
    if (!a || !b || a.length < 2 || b.length < 2) return null;
    const transA = node.opType === 'Gemm' && intAttr(node, 'transA', 0) === 1;
    const transB = node.opType === 'Gemm' && intAttr(node, 'transB', 0) === 1;
    return {
      dims: { K: transA ? a[a.length - 2] : a[a.length - 1], N: transB ? b[b.length - 2] : b[b.length - 1] },
    };
  }
  return null;
}

function describe(name: string, dims: Record<string, number>, multiple: number): string {
  const off = Object.entries(dims).filter(([, v]) => v % multiple !== 0);
  return `${name} (${off.map(([k, v]) => `${k} ${v}`).join(', ')})`;
}

export function alignmentLints(input: LintInput): Lint[] {
  const fp16: { name: string; text: string }[] = [];
  const int8: { name: string; text: string }[] = [];
  input.graph.nodes.forEach((node, index) => {
    const found = alignedDims(node, input);
    if (!found) return;
    const name = input.nodeNames[index];
    const values = Object.values(found.dims);
    if (values.some((v) => v % 8 !== 0)) fp16.push({ name, text: describe(name, found.dims, 8) });
    else if (values.some((v) => v % 16 !== 0)) int8.push({ name, text: describe(name, found.dims, 16) });
  });
  const lints: Lint[] = [];
  if (fp16.length > 0) {
    lints.push({
      id: 'tensor-core-alignment',
      severity: 'warning',
      nodes: fp16.map((f) => f.name),
      message: `${fp16.length} Conv/Gemm/MatMul node(s) have channels or K/N not a multiple of 8 (FP16) nor 16 (INT8): ${listSome(fp16.map((f) => f.text))}`,
      why: 'Tensor Core kernels tile channels in 8s (FP16) and 16s (INT8); other sizes are padded or run on slower kernels.',
      fix: 'Pad or resize those layers to multiples of 8 (FP16) / 16 (INT8) channels; a 3-channel image stem is padded by TensorRT at small cost.',
    });
  }
  if (int8.length > 0) {
    lints.push({
      id: 'tensor-core-alignment',
      severity: 'info',
      nodes: int8.map((f) => f.name),
      message: `${int8.length} Conv/Gemm/MatMul node(s) are aligned for FP16 (multiple of 8) but not for INT8 (multiple of 16): ${listSome(int8.map((f) => f.text))}`,
      why: 'INT8 Tensor Core kernels tile channels in 16s: these layers may gain less from INT8 than from FP16.',
      fix: 'Use multiples of 16 channels where INT8 matters, or keep these layers in FP16.',
    });
  }
  return lints;
}
