/**
 * Detector post-processing: decode the raw head output into boxes (input-image pixels), then NMS.
 *
 * YOLOX (exported without decode): [N, A, 5 + C] rows of (x, y, w, h, objectness, class scores) over
 * the grids of strides 8, 16, 32; objectness and classes are already sigmoided in the graph;
 * cx = (x + gridX) * stride, w = exp(w) * stride.
 * FastestDet: [N, 5 + C, H, W] on one grid (stride 16): objectness (sigmoided), x, y offsets (tanh),
 * w, h (sigmoid, relative to the image), classes (softmaxed); score = obj^0.6 * cls^0.4, as its
 * reference decoder does.
 */
import { floatValues, type NamedTensor } from '../model/tensor';
import { boxFromCentre, nonMaxSuppression, type Box } from './boxes';

export interface DetectorOptions {
  inputWidth: number;
  inputHeight: number;
  scoreThreshold?: number;
  iouThreshold?: number;
  maxBoxes?: number;
}

const YOLOX_STRIDES = [8, 16, 32];

function argmax(
  values: Float32Array,
  from: number,
  count: number,
  step = 1,
): { index: number; value: number } {
  let index = 0;
  let value = -Infinity;
  for (let c = 0; c < count; c++) {
    const v = values[from + c * step]!;
    if (v > value) {
      value = v;
      index = c;
    }
  }
  return { index, value };
}

/** Boxes of batch item `item` of a YOLOX head output, after NMS. */
export function decodeYolox(output: NamedTensor, options: DetectorOptions, item = 0): Box[] {
  return nonMaxSuppression(
    yoloxCandidates(output, options, item),
    options.iouThreshold ?? 0.45,
    options.maxBoxes,
  );
}

/** Every YOLOX anchor scoring above the threshold, before NMS. */
export function yoloxCandidates(output: NamedTensor, options: DetectorOptions, item = 0): Box[] {
  const [, anchors, width] = output.dims as [number, number, number];
  const classes = width - 5;
  const values = floatValues(output);
  const base = item * anchors * width;
  const threshold = options.scoreThreshold ?? 0.3;
  const boxes: Box[] = [];
  let row = 0;
  for (const stride of YOLOX_STRIDES) {
    const gw = Math.floor(options.inputWidth / stride);
    const gh = Math.floor(options.inputHeight / stride);
    for (let gy = 0; gy < gh; gy++) {
      for (let gx = 0; gx < gw; gx++, row++) {
        if (row >= anchors) break;
        const at = base + row * width;
        const best = argmax(values, at + 5, classes);
        const score = values[at + 4]! * best.value;
        if (score < threshold) continue;
        const cx = (values[at]! + gx) * stride;
        const cy = (values[at + 1]! + gy) * stride;
        const w = Math.exp(values[at + 2]!) * stride;
        const h = Math.exp(values[at + 3]!) * stride;
        boxes.push(boxFromCentre(cx, cy, w, h, score, best.index));
      }
    }
  }
  return boxes;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Boxes of batch item `item` of a FastestDet head output, after NMS. */
export function decodeFastestDet(output: NamedTensor, options: DetectorOptions, item = 0): Box[] {
  return nonMaxSuppression(
    fastestDetCandidates(output, options, item),
    options.iouThreshold ?? 0.45,
    options.maxBoxes,
  );
}

/** Every FastestDet cell scoring above the threshold, before NMS. */
export function fastestDetCandidates(output: NamedTensor, options: DetectorOptions, item = 0): Box[] {
  const [, channels, gh, gw] = output.dims as [number, number, number, number];
  const classes = channels - 5;
  const plane = gh * gw;
  const values = floatValues(output);
  const base = item * channels * plane;
  const threshold = options.scoreThreshold ?? 0.65;
  const boxes: Box[] = [];
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      const at = base + gy * gw + gx;
      const objectness = values[at]!;
      const best = argmax(values, at + 5 * plane, classes, plane);
      const score = Math.max(objectness, 0) ** 0.6 * Math.max(best.value, 0) ** 0.4;
      if (score < threshold) continue;
      const cx = ((gx + Math.tanh(values[at + plane]!)) / gw) * options.inputWidth;
      const cy = ((gy + Math.tanh(values[at + 2 * plane]!)) / gh) * options.inputHeight;
      const w = sigmoid(values[at + 3 * plane]!) * options.inputWidth;
      const h = sigmoid(values[at + 4 * plane]!) * options.inputHeight;
      boxes.push(boxFromCentre(cx, cy, w, h, score, best.index));
    }
  }
  return boxes;
}
