/** A detection box in a line: corners, score (default 1) and class (default 0). */
import type { Box } from '../../electron/core/pipeline/boxes';

export function box(x1: number, y1: number, x2: number, y2: number, score = 1, classId = 0): Box {
  return { x1, y1, x2, y2, score, classId };
}
