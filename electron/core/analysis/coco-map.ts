/**
 * COCO box mAP@[0.5:0.95], as pycocotools computes it for area "all": per category and IoU threshold
 * (0.50, 0.55, ..., 0.95), each image's detections best first (at most 100 per category) are matched
 * greedily to the unmatched ground-truth box of highest IoU; a detection overlapping only a crowd
 * region is ignored. Precision is made monotone and read at 101 recall points; AP averages them, mAP
 * averages AP over the categories that have ground truth and over the thresholds. Pure function;
 * boxes in source-image pixels, classId = COCO category id.
 */
import type { GroundTruthBox } from '../importers/coco-annotations';
import { iou, type Box } from '../pipeline/boxes';

export type { GroundTruthBox };

export interface AnnotatedImage {
  groundTruth: GroundTruthBox[];
  detections: Box[];
}

const IOU_THRESHOLDS = Array.from({ length: 10 }, (_, i) => 0.5 + 0.05 * i);
const RECALL_POINTS = Array.from({ length: 101 }, (_, i) => i / 100);
const MAX_DETECTIONS = 100;

/** Intersection over the detection's own area: how COCO measures overlap with a crowd region. */
function overlapWithCrowd(detection: Box, crowd: GroundTruthBox): number {
  const w = Math.min(detection.x2, crowd.x2) - Math.max(detection.x1, crowd.x1);
  const h = Math.min(detection.y2, crowd.y2) - Math.max(detection.y1, crowd.y1);
  const area = (detection.x2 - detection.x1) * (detection.y2 - detection.y1);
  return w > 0 && h > 0 && area > 0 ? (w * h) / area : 0;
}

interface Scored {
  score: number;
  truePositive: boolean;
}

/** One image, one category, one threshold: each kept detection's score and whether it matched. */
function matchImage(truth: GroundTruthBox[], detections: Box[], threshold: number): Scored[] {
  const regular = truth.filter((t) => !t.crowd);
  const crowds = truth.filter((t) => t.crowd);
  const taken = new Uint8Array(regular.length);
  const out: Scored[] = [];
  for (const d of detections) {
    let best = -1;
    let bestIou = threshold;
    regular.forEach((t, i) => {
      if (taken[i]) return;
      const overlap = iou(d, { ...t, score: 0, classId: t.categoryId });
      if (overlap >= bestIou) {
        bestIou = overlap;
        best = i;
      }
    });
    if (best >= 0) {
      taken[best] = 1;
      out.push({ score: d.score, truePositive: true });
    } else if (!crowds.some((c) => overlapWithCrowd(d, c) >= threshold)) {
      out.push({ score: d.score, truePositive: false });
    }
  }
  return out;
}

function averagePrecision(scored: Scored[], positives: number): number {
  // pycocotools sorts with a stable mergesort: equal scores keep image order.
  const sorted = scored.map((s, i) => ({ ...s, i })).sort((a, b) => b.score - a.score || a.i - b.i);
  const precision: number[] = [];
  const recall: number[] = [];
  let tp = 0;
  let fp = 0;
  for (const s of sorted) {
    if (s.truePositive) tp++;
    else fp++;
    precision.push(tp / (tp + fp));
    recall.push(tp / positives);
  }
  for (let i = precision.length - 2; i >= 0; i--) precision[i] = Math.max(precision[i]!, precision[i + 1]!);
  let sum = 0;
  let at = 0;
  for (const r of RECALL_POINTS) {
    while (at < recall.length && recall[at]! < r) at++;
    if (at < recall.length) sum += precision[at]!;
  }
  return sum / RECALL_POINTS.length;
}

/** mAP@[0.5:0.95] over the images, 0..1; NaN when no image has ground truth. */
export function cocoMeanAveragePrecision(images: AnnotatedImage[]): number {
  const categories = new Set(
    images.flatMap((im) => im.groundTruth.filter((t) => !t.crowd).map((t) => t.categoryId)),
  );
  const aps: number[] = [];
  for (const category of categories) {
    const perImage = images.map((im) => ({
      truth: im.groundTruth.filter((t) => t.categoryId === category),
      detections: im.detections
        .filter((d) => d.classId === category)
        .sort((a, b) => b.score - a.score)
        .slice(0, MAX_DETECTIONS),
    }));
    const positives = perImage.reduce((n, im) => n + im.truth.filter((t) => !t.crowd).length, 0);
    for (const threshold of IOU_THRESHOLDS) {
      const scored = perImage.flatMap((im) => matchImage(im.truth, im.detections, threshold));
      aps.push(averagePrecision(scored, positives));
    }
  }
  return aps.length ? aps.reduce((a, b) => a + b, 0) / aps.length : NaN;
}
