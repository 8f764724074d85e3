/**
 * Span kinds <-> Chrome trace categories. Kineto's categories are read as they are; the studio's own
 * export writes the category of each kind below, so an exported Trace reads back with the same kinds.
 */
import { SpanKind } from './trace';

const CATEGORY_OF_KIND: Record<SpanKind, string> = {
  [SpanKind.Kernel]: 'kernel',
  [SpanKind.Memcpy]: 'gpu_memcpy',
  [SpanKind.Memset]: 'gpu_memset',
  [SpanKind.Runtime]: 'cuda_runtime',
  [SpanKind.Nvtx]: 'nvtx',
  [SpanKind.Layer]: 'layer',
  [SpanKind.PreProcess]: 'preprocess',
  [SpanKind.PostProcess]: 'postprocess',
  [SpanKind.Inference]: 'inference',
  [SpanKind.Cpu]: 'cpu_op',
  [SpanKind.Other]: 'other',
};

const KIND_OF_CATEGORY = new Map<string, SpanKind>([
  ...Object.entries(CATEGORY_OF_KIND).map(
    ([kind, category]) => [category, Number(kind) as SpanKind] as const,
  ),
  ['cuda_driver', SpanKind.Runtime],
  ['user_annotation', SpanKind.Nvtx],
  ['gpu_user_annotation', SpanKind.Nvtx],
  ['python_function', SpanKind.Cpu],
  ['cpu_instant_event', SpanKind.Cpu],
]);

export function categoryOfKind(kind: SpanKind): string {
  return CATEGORY_OF_KIND[kind] ?? 'other';
}

export function kindOfCategory(category: string | undefined): SpanKind {
  return (
    (category === undefined ? undefined : KIND_OF_CATEGORY.get(category.toLowerCase())) ?? SpanKind.Other
  );
}

/** Kinds that run on a GPU: their tracks are GPU streams. */
export function isGpuKind(kind: SpanKind): boolean {
  return kind === SpanKind.Kernel || kind === SpanKind.Memcpy || kind === SpanKind.Memset;
}
