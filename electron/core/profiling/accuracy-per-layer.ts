/**
 * Per-layer accuracy (what Polygraphy's "mark all" is used for): every intermediate tensor both
 * graphs produce under the same name is exposed as an output, both models run on the same inputs,
 * and each aligned tensor is compared. The variants keep the original tensor names, so names align.
 *
 * The first jump: walking the reference graph in order, the first tensor whose error (1 - cosine) is
 * both above JUMP_FLOOR and more than JUMP_FACTOR times the worst error among the inputs of the node
 * that produced it: the layer that made things worse, not one that inherited the damage.
 */
import type * as ort from 'onnxruntime-node';
import { throwIfCancelled } from '../model/progress';
import { floatValues, type NamedTensor } from '../model/tensor';
import { openOrtSession, runOrtSession, DEFAULT_ORT_SETTINGS } from '../backends/onnxruntime-session';
import { fromOrtTensor, toOrtTensor } from '../backends/ort-tensors';
import type { AccuracyResult } from '../model/types';
import { exposeIntermediates, intermediateTensorNames } from '../onnx/expose-intermediates';
import type { OnnxModel } from '../onnx/graph';
import { encodeOnnx } from '../onnx/writer';
import { compareTensors } from '../analysis/accuracy';

export const JUMP_FACTOR = 10;
export const JUMP_FLOOR = 1e-3;

type PerLayer = NonNullable<AccuracyResult['perLayer']>;

interface TensorTotals {
  cosine: number;
  maxAbsError: number;
}

async function openExposed(
  model: OnnxModel,
  names: string[],
  threads: number,
): Promise<ort.InferenceSession> {
  const bytes = encodeOnnx(exposeIntermediates(model, names));
  return openOrtSession(
    model.path || 'model',
    { ...DEFAULT_ORT_SETTINGS, intraOpThreads: threads },
    {},
    bytes,
  );
}

function isFloat(t: NamedTensor): boolean {
  return t.dtype === 'float32' || t.dtype === 'float16';
}

export async function perLayerAccuracy(
  reference: OnnxModel,
  variant: OnnxModel,
  inputs: Record<string, NamedTensor>[],
  options: { threads?: number } = {},
  signal?: AbortSignal,
): Promise<Pick<AccuracyResult, 'perLayer' | 'firstJump'>> {
  const variantNames = new Set(intermediateTensorNames(variant));
  const names = intermediateTensorNames(reference).filter((name) => variantNames.has(name));
  const threads = options.threads ?? 0;
  const refSession = await openExposed(reference, names, threads);
  const varSession = await openExposed(variant, names, threads);
  const totals = new Map<string, TensorTotals>();
  try {
    for (const feeds of inputs) {
      throwIfCancelled(signal);
      const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toOrtTensor(v)]));
      const refOut = await runOrtSession(refSession, reference.path, ortFeeds, names);
      const varOut = await runOrtSession(varSession, variant.path, ortFeeds, names);
      for (const name of names) {
        const r = fromOrtTensor(name, refOut[name] as ort.Tensor);
        const v = fromOrtTensor(name, varOut[name] as ort.Tensor);
        if (!isFloat(r) || !isFloat(v) || r.data.length !== v.data.length) continue;
        const c = compareTensors(floatValues(r), floatValues(v));
        const t = totals.get(name) ?? { cosine: 1, maxAbsError: 0 };
        totals.set(name, {
          cosine: Math.min(t.cosine, c.cosine),
          maxAbsError: Math.max(t.maxAbsError, c.maxAbsError),
        });
      }
    }
  } finally {
    await refSession.release();
    await varSession.release();
  }
  return { ...firstErrorJump(reference, totals), perLayer: perLayerRows(reference, totals) };
}

function producers(model: OnnxModel): Map<string, { node: string; inputs: string[] }> {
  const map = new Map<string, { node: string; inputs: string[] }>();
  for (const node of model.graph.nodes)
    for (const out of node.outputs) map.set(out, { node: node.name, inputs: node.inputs });
  return map;
}

function perLayerRows(reference: OnnxModel, totals: Map<string, TensorTotals>): PerLayer {
  const byTensor = producers(reference);
  return [...totals].map(([tensor, t]) => ({ tensor, node: byTensor.get(tensor)!.node, ...t }));
}

/** The first tensor, in graph order, whose error jumps over its producer's inputs' error. */
export function firstErrorJump(
  reference: OnnxModel,
  totals: Map<string, TensorTotals>,
): Pick<AccuracyResult, 'firstJump'> {
  const byTensor = producers(reference);
  for (const [tensor, t] of totals) {
    const own = 1 - t.cosine;
    const producer = byTensor.get(tensor)!;
    const inherited = Math.max(0, ...producer.inputs.map((i) => 1 - (totals.get(i)?.cosine ?? 1)));
    if (own > JUMP_FLOOR && own > JUMP_FACTOR * inherited) {
      return { firstJump: { tensor, node: producer.node, cosine: t.cosine } };
    }
  }
  return {};
}
