/**
 * The post-processing a user selects, run on a model's outputs with each step timed: 'classifier'
 * (softmax + top-k), 'yolox' and 'fastestdet' (box decode, then NMS). Returns what accuracy compares
 * (classes or boxes) and the step times pipeline timing records.
 */
import type { PostprocessKind } from '../api';
import type { NamedTensor } from '../model/tensor';
import { StudioError } from '../errors';
import { nonMaxSuppression, type Box } from './boxes';
import { timeStep } from './pipeline-timing';
import { classifyTopK, type ClassScore } from './postprocess-classifier';
import { fastestDetCandidates, yoloxCandidates, type DetectorOptions } from './postprocess-yolo';

export interface PostprocessResult {
  boxes?: Box[];
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
      return { boxes, steps };
    }
  }
}
