/**
 * The post-processing a user selects, run on a model's outputs with each step timed: 'classifier'
 * (softmax + top-k), 'yolox' and 'fastestdet' (box decode, then NMS), 'detr' (the queries scoring
 * above a threshold: RT-DETR, D-FINE, DEIM). Returns what accuracy compares (classes or boxes) and
 * the step times pipeline timing records. A DETR is recognized from the model's outputs when the
 * user names no post-processing.
 */
import type { PostprocessKind } from '../api';
import type { NamedTensor } from '../model/tensor';
import { StudioError } from '../errors';
import { dtypeName } from '../onnx/dtypes';
import type { OnnxModel } from '../onnx/graph';
import { nonMaxSuppression, type Box } from './boxes';
import { timeStep } from './pipeline-timing';
import { classifyTopK, type ClassScore } from './postprocess-classifier';
import { describeTensors, detrDetections, detrLayout, type OutputDescription } from './postprocess-detr';
import { fastestDetCandidates, yoloxCandidates, type DetectorOptions } from './postprocess-yolo';

export interface PostprocessResult {
  boxes?: Box[];
  /** Where the boxes are: input-image pixels (YOLO decoders), 0..1 of the image, or the pixels a DETR scaled to. */
  boxSpace?: 'input' | 'normalized' | 'pixels';
  classes?: ClassScore[][];
  steps: { stage: string; ms: number }[];
}

function firstOutput(outputs: Record<string, NamedTensor>): NamedTensor {
  const first = Object.values(outputs)[0];
  if (!first) throw new StudioError(undefined, 'the model returned no outputs to post-process');
  return first;
}

export function postprocess(
  kind: PostprocessKind,
  outputs: Record<string, NamedTensor>,
  geometry: Pick<DetectorOptions, 'inputWidth' | 'inputHeight'>,
): PostprocessResult {
  const steps: { stage: string; ms: number }[] = [];
  if (kind === 'detr') {
    const layout = detrLayout(describeTensors(outputs));
    if (!layout) {
      throw new StudioError(
        undefined,
        `detr post-processing needs labels [N,Q], boxes [N,Q,4] and scores [N,Q] (or logits [N,Q,C] and boxes [N,Q,4]); the model gives ${Object.entries(
          outputs,
        )
          .map(([name, t]) => `${name} [${t.dims}] ${t.dtype}`)
          .join(', ')}`,
      );
    }
    const found = timeStep('select', () => detrDetections(outputs, layout), steps);
    return { boxes: found.boxes, boxSpace: found.space, steps };
  }
  const output = firstOutput(outputs);
  switch (kind) {
    case 'none':
      return { steps };
    case 'classifier':
      return { classes: timeStep('softmax-topk', () => classifyTopK(output, 5), steps), steps };
    case 'yolox':
    case 'fastestdet': {
      const expected = kind === 'yolox' ? 3 : 4;
      if (output.dims.length !== expected) {
        throw new StudioError(
          undefined,
          `${kind} post-processing needs a rank-${expected} output, got [${output.dims}]`,
        );
      }
      const decode = kind === 'yolox' ? yoloxCandidates : fastestDetCandidates;
      const candidates = timeStep('decode', () => decode(output, geometry), steps);
      const boxes = timeStep('nms', () => nonMaxSuppression(candidates, 0.45), steps);
      return { boxes, boxSpace: 'input', steps };
    }
  }
}

/** The post-processing a model's declared outputs call for, when it can be told: a DETR's. */
export function detectPostprocess(model: OnnxModel): PostprocessKind | undefined {
  const outputs: OutputDescription[] = model.graph.outputs.map((o) => {
    if (o.type?.kind !== 'tensor') return { name: o.name, kind: 'other', dims: null };
    const dtype = dtypeName(o.type.elemType);
    const kind = /^(float|bfloat)/.test(dtype) ? 'float' : /^u?int/.test(dtype) ? 'integer' : 'other';
    return { name: o.name, kind, dims: o.type.shape?.map((d) => d.value ?? d.param ?? null) ?? null };
  });
  return detrLayout(outputs) ? 'detr' : undefined;
}
