/**
 * Boxes back in source-image pixels, where annotations live: from input-image pixels (undoing the
 * letterbox or the stretch), from 0..1 of the image, or as they are when a DETR's post-processor
 * already scaled them by the source size (orig_target_sizes=image-size).
 */
import type { Box } from './boxes';
import type { PreprocessedImage } from './image-preprocess';
import type { PostprocessResult } from './postprocess';

export function toSourcePixels(
  boxes: Box[],
  space: NonNullable<PostprocessResult['boxSpace']>,
  image: Pick<PreprocessedImage, 'sourceSize' | 'letterbox'>,
  input: { width: number; height: number },
): Box[] {
  const { width, height } = image.sourceSize;
  const map = (box: Box, sx: number, sy: number, dx = 0, dy = 0): Box => ({
    ...box,
    x1: (box.x1 - dx) * sx,
    y1: (box.y1 - dy) * sy,
    x2: (box.x2 - dx) * sx,
    y2: (box.y2 - dy) * sy,
  });
  switch (space) {
    case 'pixels':
      return boxes;
    case 'normalized':
      return boxes.map((b) => map(b, width, height));
    case 'input': {
      const l = image.letterbox;
      if (l) return boxes.map((b) => map(b, 1 / l.scale, 1 / l.scale, l.padLeft, l.padTop));
      return boxes.map((b) => map(b, width / input.width, height / input.height));
    }
  }
}
