/**
 * Matched-box agreement: a variant's detections against the reference's on the same input. Boxes
 * scoring below the threshold are dropped on both sides; the rest are matched one to one, the
 * reference's best-scoring box first, each taking the unmatched candidate of the same class with the
 * highest IoU, if that IoU reaches the threshold. Both lists are put in a canonical order first
 * (score, then corners, then class), so the order a model emits its queries in never changes the
 * result. Pure functions; AccuracyAccumulator sums the counts over inputs.
 */
import type { DetectionAgreement } from '../model/types';
import { iou, type Box } from '../pipeline/boxes';

export const DEFAULT_MATCH_IOU = 0.5;

export interface DetectionCounts {
  /** Pairs matched one to one. */
  matched: number;
  /** Boxes above the score threshold in the reference and in the candidate. */
  reference: number;
  candidate: number;
}

export interface MatchOptions {
  iouThreshold?: number;
  /** Boxes scoring below this are ignored on both sides (default 0: keep every box given). */
  scoreThreshold?: number;
}

function canonical(a: Box, b: Box): number {
  return (
    b.score - a.score || a.x1 - b.x1 || a.y1 - b.y1 || a.x2 - b.x2 || a.y2 - b.y2 || a.classId - b.classId
  );
}

export function matchDetections(
  reference: Box[],
  candidate: Box[],
  options: MatchOptions = {},
): DetectionCounts {
  const iouThreshold = options.iouThreshold ?? DEFAULT_MATCH_IOU;
  const scoreThreshold = options.scoreThreshold ?? 0;
  const refs = reference.filter((b) => b.score >= scoreThreshold).sort(canonical);
  const cands = candidate.filter((b) => b.score >= scoreThreshold).sort(canonical);
  const used = new Uint8Array(cands.length);
  let matched = 0;
  for (const ref of refs) {
    let best = -1;
    let bestIou = iouThreshold;
    // Candidates are in canonical order, so a tie in IoU goes to the better-scoring one.
    for (let i = 0; i < cands.length; i++) {
      const cand = cands[i]!;
      if (used[i] || cand.classId !== ref.classId) continue;
      const overlap = iou(ref, cand);
      if (overlap > bestIou || (best < 0 && overlap >= bestIou)) {
        bestIou = overlap;
        best = i;
      }
    }
    if (best >= 0) {
      used[best] = 1;
      matched++;
    }
  }
  return { matched, reference: refs.length, candidate: cands.length };
}

/** Precision, recall and their harmonic mean (the agreement) from counts summed over inputs. */
export function detectionAgreement(counts: DetectionCounts, options: MatchOptions = {}): DetectionAgreement {
  const { matched, reference, candidate } = counts;
  const precision = candidate === 0 ? (reference === 0 ? 1 : 0) : matched / candidate;
  const recall = reference === 0 ? (candidate === 0 ? 1 : 0) : matched / reference;
  const agreement = reference + candidate === 0 ? 1 : (2 * matched) / (reference + candidate);
  return {
    agreement,
    precision,
    recall,
    matched,
    referenceBoxes: reference,
    candidateBoxes: candidate,
    iouThreshold: options.iouThreshold ?? DEFAULT_MATCH_IOU,
    scoreThreshold: options.scoreThreshold ?? 0,
  };
}
