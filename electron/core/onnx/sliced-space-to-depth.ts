/**
 * Finds a space-to-depth written as strided Slices and a Concat: the "Focus" stem of YOLOX, YOLOv5
 * before 6.0 and YOLOR. With block b, Slices take every b-th row and column at each offset (dy, dx),
 * a Concat stacks the b*b patches on the channels, and 2-D Convs read the result. Such a Conv (kernel
 * k, stride s, pads p) equals one Conv on the Slices' input with kernel b*k, stride b*s and pads b*p
 * (see precision/fold-space-to-depth.ts), so the Slices and the Concat are pure overhead: ONNX Runtime
 * runs each strided Slice as a copy pass of its own.
 *
 * Matches only what that rewrite keeps exact: constant starts and steps, ends that run to the end of
 * the axis, only the two spatial axes of a 4-D tensor, every offset exactly once, one block size,
 * each Slice read only by its chain, and a channel Concat read only by Convs with group 1, dilation 1
 * and explicit pads. The lint (lints/space-to-depth.ts) and the INT8 variant's fold share this test.
 */
import type { OnnxGraph, OnnxNode } from './graph';
import { intAttr, intsAttr, stringAttr } from './shapes/attributes';

export interface SlicedPatch {
  /** Row and column offset of this patch inside each block. */
  dy: number;
  dx: number;
  /** The Slices that cut it, from the Concat back to the source. */
  slices: OnnxNode[];
}

export interface SlicedSpaceToDepth {
  /** The tensor the Slices cut (often the image input). */
  source: string;
  block: number;
  /** In the Concat's order: patch k fills channels [k*C, (k+1)*C). */
  patches: SlicedPatch[];
  concat: OnnxNode;
  /** The Convs reading the Concat's output (every reader is one). */
  convs: OnnxNode[];
}

/** A Slice end this large means "to the end of the axis" (exporters write INT64_MAX or INT32_MAX). */
const TO_THE_END = 2 ** 31 - 1;

/** Values of a constant tensor (initializer or folded constant) as numbers, or null when not known. */
export type ConstantValues = (tensor: string) => number[] | null;

function isDefaultDomain(n: OnnxNode): boolean {
  return n.domain === '' || n.domain === 'ai.onnx';
}

/** Convs the rewrite can take: 2-D, group 1, dilation 1, no auto_pad. */
function foldableConv(conv: OnnxNode, input: string): boolean {
  if (conv.opType !== 'Conv' || !isDefaultDomain(conv) || conv.inputs[0] !== input) return false;
  if (stringAttr(conv, 'auto_pad', 'NOTSET') !== 'NOTSET' || intAttr(conv, 'group', 1) !== 1) return false;
  if ((intsAttr(conv, 'dilations') ?? []).some((d) => d !== 1)) return false;
  return (intsAttr(conv, 'kernel_shape') ?? [0, 0]).length === 2;
}

/**
 * The Conv on the source that equals `conv` on the patches: kernel, strides and pads (begin and end
 * per axis) `block` times those of `conv`. `kernel` is conv's own (its weight's spatial dims).
 */
export function foldedConvGeometry(
  conv: OnnxNode,
  block: number,
  kernel: number[],
): { kernel: number[]; strides: number[]; pads: number[] } {
  const times = (values: number[]) => values.map((v) => v * block);
  return {
    kernel: times(kernel),
    strides: times(intsAttr(conv, 'strides') ?? [1, 1]),
    pads: times(intsAttr(conv, 'pads') ?? [0, 0, 0, 0]),
  };
}

export function findSlicedSpaceToDepth(graph: OnnxGraph, valuesOf: ConstantValues): SlicedSpaceToDepth[] {
  const made = new Map<string, OnnxNode>();
  const readers = new Map<string, OnnxNode[]>();
  for (const n of graph.nodes) {
    for (const o of n.outputs) if (o) made.set(o, n);
    for (const i of new Set(n.inputs)) if (i) readers.set(i, [...(readers.get(i) ?? []), n]);
  }
  const graphOutputs = new Set(graph.outputs.map((o) => o.name));
  const readOnlyBy = (tensor: string, reader: OnnxNode) =>
    !graphOutputs.has(tensor) && (readers.get(tensor) ?? []).every((r) => r === reader);

  /** Follows Slices back from `tensor` to the tensor they cut; null unless they cut one clean patch. */
  const patchOf = (
    tensor: string,
    reader: OnnxNode,
  ): (SlicedPatch & { source: string; block: number }) | null => {
    const offsets = new Map<number, { start: number; step: number }>();
    const slices: OnnxNode[] = [];
    let current = tensor;
    let next = reader;
    for (;;) {
      const slice = made.get(current);
      if (!slice || slice.opType !== 'Slice' || !isDefaultDomain(slice)) break;
      if (!readOnlyBy(current, next)) return null;
      // Opset 10+: starts, ends, axes, steps are inputs; opset 1-9 has no steps, so no strided patch.
      const starts = valuesOf(slice.inputs[1] ?? '');
      const ends = valuesOf(slice.inputs[2] ?? '');
      const axes = slice.inputs[3] ? valuesOf(slice.inputs[3]) : starts?.map((_, i) => i);
      const steps = slice.inputs[4] ? valuesOf(slice.inputs[4]) : starts?.map(() => 1);
      if (!starts || !ends || !axes || !steps || axes.length !== starts.length) return null;
      for (const [i, axis] of axes.entries()) {
        const a = axis < 0 ? axis + 4 : axis;
        if ((a !== 2 && a !== 3) || offsets.has(a)) return null;
        if (ends[i]! < TO_THE_END || steps[i]! < 2 || starts[i]! < 0) return null;
        offsets.set(a, { start: starts[i]!, step: steps[i]! });
      }
      slices.push(slice);
      current = slice.inputs[0]!;
      next = slice;
    }
    const rows = offsets.get(2);
    const columns = offsets.get(3);
    if (!rows || !columns || rows.step !== columns.step) return null;
    if (rows.start >= rows.step || columns.start >= columns.step) return null;
    return { source: current, block: rows.step, dy: rows.start, dx: columns.start, slices };
  };

  const found: SlicedSpaceToDepth[] = [];
  for (const concat of graph.nodes) {
    if (concat.opType !== 'Concat' || !isDefaultDomain(concat)) continue;
    const axis = intAttr(concat, 'axis');
    if (axis !== 1 && axis !== -3) continue;
    const patches = concat.inputs.map((input) => (input ? patchOf(input, concat) : null));
    if (patches.length === 0 || patches.some((p) => !p)) continue;
    const list = patches as NonNullable<(typeof patches)[number]>[];
    const { block, source } = list[0]!;
    if (list.some((p) => p.block !== block || p.source !== source)) continue;
    const offsets = new Set(list.map((p) => p.dy * block + p.dx));
    if (list.length !== block * block || offsets.size !== list.length) continue;
    const out = concat.outputs[0]!;
    const convs = readers.get(out) ?? [];
    if (graphOutputs.has(out) || convs.length === 0 || !convs.every((c) => foldableConv(c, out))) continue;
    found.push({
      source,
      block,
      patches: list.map(({ dy, dx, slices }) => ({ dy, dx, slices })),
      concat,
      convs,
    });
  }
  return found;
}
