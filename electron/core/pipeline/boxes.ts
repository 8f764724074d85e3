/**
 * Detection boxes: intersection over union and class-wise non-maximum suppression. Matching a
 * variant's boxes against the reference's is analysis/detection-agreement.ts.
 */

/** Corner box in input-image pixels. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
  classId: number;
}

/** The corner box of a centre (cx, cy) and size (w, h), as detector heads give them. */
export function boxFromCentre(
  cx: number,
  cy: number,
  w: number,
  h: number,
  score: number,
  classId: number,
): Box {
  return { x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2, score, classId };
}

export function iou(a: Box, b: Box): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy NMS per class, best score first; keeps at most `maxBoxes`. */
export function nonMaxSuppression(boxes: Box[], iouThreshold: number, maxBoxes = 100): Box[] {
  const sorted = [...boxes].sort((a, b) => b.score - a.score);
  const kept: Box[] = [];
  for (const box of sorted) {
    if (kept.length >= maxBoxes) break;
    if (kept.every((k) => k.classId !== box.classId || iou(k, box) < iouThreshold)) kept.push(box);
  }
  return kept;
}
