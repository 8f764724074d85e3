/**
 * A space-to-depth written as strided Slices and a Concat before a Conv (YOLOX's and YOLOv5's "Focus"):
 * the Conv can read the input directly with a kernel and stride `block` times larger, the same sums
 * (onnx/sliced-space-to-depth.ts). The studio's INT8 variants make that rewrite themselves; the lint
 * tells the user the FP32 and FP16 models would gain it too.
 */
import type { Lint } from '../../model/types';
import { findSlicedSpaceToDepth, foldedConvGeometry } from '../sliced-space-to-depth';
import { intsAttr } from '../shapes/attributes';
import type { LintInput } from './lint-input';
import { formatNumber, listSome } from './lint-input';

export function spaceToDepthLints(input: LintInput): Lint[] {
  // Starts, ends and steps as inference knows them; a symbolic value means "not a constant".
  const valuesOf = (name: string) => {
    const value = input.facts.get(name)?.value;
    return value && value.every((v) => typeof v === 'number') ? (value as number[]) : null;
  };
  const index = new Map(input.graph.nodes.map((n, i) => [n, i]));
  return findSlicedSpaceToDepth(input.graph, valuesOf).map((found) => {
    const slices = found.patches.flatMap((p) => p.slices);
    const moved = [...slices, found.concat].map((n) => index.get(n)!).sort((a, b) => a - b);
    const bytes = moved.reduce((sum, i) => {
      const cost = input.costs[i];
      return sum + (cost ? cost.activationBytesRead + cost.bytesWritten : 0);
    }, 0);
    const convs = found.convs.map((c) => input.nodeNames[index.get(c)!]!);
    // What each Conv becomes; its kernel from its weight's shape, else its kernel_shape.
    const folded = (c: (typeof found.convs)[number]) => {
      const weight = input.facts.get(c.inputs[1] ?? '')?.shape?.slice(2);
      const own = weight?.every((d) => typeof d === 'number')
        ? (weight as number[])
        : intsAttr(c, 'kernel_shape');
      const { kernel, strides, pads } = foldedConvGeometry(c, found.block, own ?? []);
      const same = (v: number[]) => (v.every((x) => x === v[0]) ? `${v[0]}` : `[${v.join(', ')}]`);
      const name = input.nodeNames[index.get(c)!]!;
      return `${name} as ${kernel.length ? `a ${kernel.join('x')} ` : 'a '}Conv with stride ${same(strides)} and pads ${same(pads)}`;
    };
    return {
      id: 'sliced-space-to-depth',
      severity: 'info',
      nodes: moved.map((i) => input.nodeNames[i]!),
      message:
        `${slices.length} strided Slices and ${input.nodeNames[index.get(found.concat)!]} cut "${found.source}" into ${found.patches.length} patches ` +
        `(a space-to-depth, block ${found.block}) only for ${listSome(convs, 3)}` +
        (bytes > 0 ? `: ${formatNumber(bytes / 1e6)} MB moved per inference that computes nothing` : ''),
      why: "Each strided Slice is a copy pass of its own over the input (YOLOX-Nano's eight took about a tenth of its FP32 run at batch 8 on ONNX Runtime's CPU); the Conv that reads the patches equals one Conv on the input.",
      fix: `Export ${found.convs.map(folded).join(', ')} reading "${found.source}", its weights rearranged by patch offset (as YOLOv5 6.0 did): the same outputs. The studio's INT8 variants make this rewrite themselves.`,
    } satisfies Lint;
  });
}
