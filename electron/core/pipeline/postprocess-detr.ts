/**
 * DETR-family post-processing (RT-DETR, D-FINE, DEIM): a fixed number of queries per image, one box
 * each, no NMS; a detection is a query scoring at least the threshold. Two output layouts:
 * - deployed, the model's own post-processor exported with it: `labels` [N,Q] (integer), `boxes`
 *   [N,Q,4] corners x1,y1,x2,y2 and `scores` [N,Q]. Boxes are in source-image pixels when the model
 *   scales them by an orig_target_sizes input (give it with --input orig_target_sizes=image-size), or
 *   normalized 0..1 when it does not;
 * - raw head: `pred_logits` [N,Q,C] and `pred_boxes` [N,Q,4] normalized cx,cy,w,h; score =
 *   sigmoid(best logit), as the RT-DETR lineage's focal-loss heads are read.
 * The layout is told from output names (labels/boxes/scores, *logits/*boxes) and, when names say
 * nothing, from dtypes and shapes.
 */
import { floatValues, type NamedTensor } from '../model/tensor';
import type { Box } from './boxes';

/** Queries scoring below this are not detections (RT-DETR's and D-FINE's demos draw from 0.4-0.6). */
export const DEFAULT_DETR_SCORE = 0.5;

/** What the studio needs to know of an output: from a model's declared outputs or a run's tensors. */
export interface OutputDescription {
  name: string;
  /** 'float' for float32/float16/bfloat16, 'integer' for integer types. */
  kind: 'float' | 'integer' | 'other';
  dims: (number | string | null)[] | null;
}

export type DetrLayout =
  | { kind: 'deployed'; labels: string; boxes: string; scores: string }
  | { kind: 'raw'; logits: string; boxes: string };

const rank = (o: OutputDescription, r: number) => o.dims?.length === r;
const lastIs = (o: OutputDescription, n: number) => o.dims?.[o.dims.length - 1] === n;
const named = (o: OutputDescription, pattern: RegExp) => pattern.test(o.name);

/** The DETR layout of these outputs, or null when they are not a DETR's. */
export function detrLayout(outputs: OutputDescription[]): DetrLayout | null {
  const boxesLike = outputs.filter((o) => o.kind === 'float' && rank(o, 3) && lastIs(o, 4));
  const perQuery = (o: OutputDescription) => rank(o, 2);
  const byName = (pattern: RegExp, candidates: OutputDescription[]) =>
    candidates.find((o) => named(o, pattern)) ?? (candidates.length === 1 ? candidates[0] : undefined);
  const boxes = byName(/box/i, boxesLike);
  if (!boxes) return null;
  const labels = byName(
    /label|class/i,
    outputs.filter((o) => o.kind === 'integer' && perQuery(o)),
  );
  const scores = byName(
    /score|conf|prob/i,
    outputs.filter((o) => o.kind === 'float' && perQuery(o)),
  );
  if (labels && scores)
    return { kind: 'deployed', labels: labels.name, boxes: boxes.name, scores: scores.name };
  const logits = byName(
    /logit/i,
    outputs.filter((o) => o !== boxes && o.kind === 'float' && rank(o, 3) && !lastIs(o, 4)),
  );
  return logits ? { kind: 'raw', logits: logits.name, boxes: boxes.name } : null;
}

export function describeTensors(outputs: Record<string, NamedTensor>): OutputDescription[] {
  return Object.entries(outputs).map(([name, t]) => ({
    name,
    kind: t.dtype === 'float32' || t.dtype === 'float16' ? 'float' : t.dtype === 'bool' ? 'other' : 'integer',
    dims: t.dims,
  }));
}

export interface DetrOptions {
  scoreThreshold?: number;
}

/** Boxes are normalized when every coordinate lies in [-0.5, 1.5]; otherwise pixels. */
function normalized(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]! < -0.5 || values[i]! > 1.5) return false;
  return true;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The detections of batch item `item`, best first. `space` says where the boxes are: 'normalized'
 * (0..1 of the image) or 'pixels' (what the model's post-processor scaled them to).
 */
export function detrDetections(
  outputs: Record<string, NamedTensor>,
  layout: DetrLayout,
  options: DetrOptions = {},
  item = 0,
): { boxes: Box[]; space: 'normalized' | 'pixels' } {
  const threshold = options.scoreThreshold ?? DEFAULT_DETR_SCORE;
  const boxTensor = outputs[layout.boxes]!;
  const queries = boxTensor.dims[1]!;
  const coordinates = floatValues(boxTensor).subarray(item * queries * 4, (item + 1) * queries * 4);
  const boxes: Box[] = [];
  if (layout.kind === 'deployed') {
    const scores = floatValues(outputs[layout.scores]!).subarray(item * queries, (item + 1) * queries);
    const labels = outputs[layout.labels]!.data as ArrayLike<number | bigint>;
    for (let q = 0; q < queries; q++) {
      const score = scores[q]!;
      if (!(score >= threshold)) continue;
      const at = q * 4;
      boxes.push({
        x1: coordinates[at]!,
        y1: coordinates[at + 1]!,
        x2: coordinates[at + 2]!,
        y2: coordinates[at + 3]!,
        score,
        classId: Number(labels[item * queries + q]!),
      });
    }
    boxes.sort((a, b) => b.score - a.score);
    return { boxes, space: normalized(coordinates) ? 'normalized' : 'pixels' };
  }
  const logitTensor = outputs[layout.logits]!;
  const classes = logitTensor.dims[2]!;
  const logits = floatValues(logitTensor).subarray(item * queries * classes, (item + 1) * queries * classes);
  for (let q = 0; q < queries; q++) {
    let classId = 0;
    for (let c = 1; c < classes; c++)
      if (logits[q * classes + c]! > logits[q * classes + classId]!) classId = c;
    const score = sigmoid(logits[q * classes + classId]!);
    if (!(score >= threshold)) continue;
    const [cx, cy, w, h] = [0, 1, 2, 3].map((k) => coordinates[q * 4 + k]!) as [
      number,
      number,
      number,
      number,
    ];
    boxes.push({ x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2, score, classId });
  }
  boxes.sort((a, b) => b.score - a.score);
  return { boxes, space: 'normalized' };
}
