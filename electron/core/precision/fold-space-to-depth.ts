/**
 * Folds a space-to-depth made of strided Slices and a Concat (YOLOX's "Focus", found by
 * onnx/sliced-space-to-depth.ts) into the Convs that read it. A Conv with kernel k, stride s and pads
 * p on the b*b concatenated patches equals one Conv on the Slices' input with kernel b*k, stride b*s
 * and pads b*p, whose weight at (o, c, b*u + dy, b*v + dx) is the old weight at (o, k*C + c, u, v),
 * where k is the patch of offset (dy, dx): the same products, summed in another order (YOLOv5 6.0
 * replaced Focus by such a Conv for the same reason).
 *
 * Why an INT8 variant does it: ONNX Runtime runs each strided Slice as a copy pass of its own; in
 * YOLOX-Nano the eight Slices and the Concat took 10-13% of the FP32 run at batch 8 on two threads,
 * and they sit before the stem, which stays float for accuracy. It is not quantization: the FP32
 * model would gain the same, which the lint sliced-space-to-depth tells the user.
 */
import { OnnxDataType, type OnnxModel, type OnnxNode, type OnnxTensor } from '../onnx/graph';
import { findSlicedSpaceToDepth, foldedConvGeometry, type SlicedPatch } from '../onnx/sliced-space-to-depth';
import { readTensorAsNumbers, readTensorData } from '../onnx/tensor-data';
import type { GraphRewrite } from '../model/types';
import { NameAllocator, tensorFromArray } from './graph-edit';

export interface SpaceToDepthFoldResult {
  model: OnnxModel;
  /** One per fold: the Slices and the Concat removed, the Convs that took them in. */
  rewrites: GraphRewrite[];
}

export function foldSpaceToDepthIntoConvs(model: OnnxModel): SpaceToDepthFoldResult {
  const g = model.graph;
  const initializers = new Map(g.initializers.map((t) => [t.name, t]));
  const valuesOf = (name: string) => {
    const t = initializers.get(name);
    return t ? readTensorAsNumbers(t) : null;
  };
  const names = new NameAllocator(model);
  const removed = new Set<OnnxNode>();
  const rewritten = new Map<OnnxNode, OnnxNode>();
  const added: OnnxTensor[] = [];
  const rewrites: GraphRewrite[] = [];
  for (const found of findSlicedSpaceToDepth(g, valuesOf)) {
    const convs = found.convs.map((conv) =>
      foldedConv(conv, found.patches, found.block, initializers, names),
    );
    if (convs.some((c) => !c)) continue;
    for (const [i, old] of found.convs.entries()) {
      const { conv, weight } = convs[i]!;
      rewritten.set(old, { ...conv, inputs: [found.source, ...conv.inputs.slice(1)] });
      added.push(weight);
    }
    const slices = found.patches.flatMap((p) => p.slices);
    removed.add(found.concat);
    for (const s of slices) removed.add(s);
    rewrites.push({
      kind: 'space-to-depth folded',
      removed: [...slices, found.concat].map((n) => n.name),
      into: found.convs.map((c) => c.name),
      note: `space-to-depth (${slices.length} Slices and ${found.concat.name || 'a Concat'}) folded into ${found.convs.map((c) => c.name || 'a Conv').join(', ')}: one Conv on ${found.source} with a ${found.block}x larger kernel and stride, the same sums`,
    });
  }
  if (removed.size === 0) return { model, rewrites: [] };
  const nodes = g.nodes.filter((n) => !removed.has(n)).map((n) => rewritten.get(n) ?? n);
  // The Slices' constants and the Convs' old weights, unless something else still reads them.
  const read = new Set(nodes.flatMap((n) => n.inputs));
  const freed = new Set(
    [...removed, ...rewritten.keys()].flatMap((n) => n.inputs.slice(1)).filter((i) => i && !read.has(i)),
  );
  const kept = g.initializers.filter((t) => !freed.has(t.name));
  return { model: { ...model, graph: { ...g, nodes, initializers: [...kept, ...added] } }, rewrites };
}

/** The Conv on the Slices' input that equals `conv` on the concatenated patches, or null. */
function foldedConv(
  conv: OnnxNode,
  patches: SlicedPatch[],
  block: number,
  initializers: Map<string, OnnxTensor>,
  names: NameAllocator,
): { conv: OnnxNode; weight: OnnxTensor } | null {
  const weight = initializers.get(conv.inputs[1] ?? '');
  if (!weight || weight.dataType !== OnnxDataType.FLOAT || weight.dims.length !== 4) return null;
  const [outChannels, inChannels, kh, kw] = weight.dims as [number, number, number, number];
  if (inChannels % patches.length !== 0) return null;
  const channels = inChannels / patches.length;
  const old = readTensorData(weight) as Float32Array;
  const [KH, KW] = [kh * block, kw * block];
  const folded = new Float32Array(outChannels * channels * KH * KW);
  for (const [k, { dy, dx }] of patches.entries()) {
    for (let o = 0; o < outChannels; o++) {
      for (let c = 0; c < channels; c++) {
        for (let u = 0; u < kh; u++) {
          for (let v = 0; v < kw; v++) {
            const from = ((o * inChannels + k * channels + c) * kh + u) * kw + v;
            const to = ((o * channels + c) * KH + block * u + dy) * KW + block * v + dx;
            folded[to] = old[from]!;
          }
        }
      }
    }
  }
  const name = names.fresh(`${weight.name}_space_to_depth`);
  const geometry = foldedConvGeometry(conv, block, [kh, kw]);
  const replaced = new Set(['kernel_shape', 'strides', 'pads']);
  return {
    conv: {
      ...conv,
      inputs: [conv.inputs[0]!, name, ...conv.inputs.slice(2)],
      attributes: [
        ...conv.attributes.filter((a) => !replaced.has(a.name)),
        { name: 'kernel_shape', type: 'ints', value: geometry.kernel },
        { name: 'strides', type: 'ints', value: geometry.strides },
        { name: 'pads', type: 'ints', value: geometry.pads },
      ],
    },
    weight: tensorFromArray(name, OnnxDataType.FLOAT, [outChannels, channels, KH, KW], folded),
  };
}
