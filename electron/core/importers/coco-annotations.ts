/**
 * COCO instances annotations (instances_val2017.json and files like it): `images` (id, file_name),
 * `annotations` (image_id, category_id, bbox [x, y, width, height] in pixels, iscrowd) and
 * `categories` (id). Images are looked up by file name, so an evaluation folder holding some of the
 * annotated images is judged on those. A file that is not this shape is one StudioError naming it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StudioError } from '../errors';

const schema = z.object({
  images: z.array(z.object({ id: z.number(), file_name: z.string() })),
  annotations: z.array(
    z.object({
      image_id: z.number(),
      category_id: z.number(),
      bbox: z.array(z.number()).length(4),
      iscrowd: z.union([z.number(), z.boolean()]).optional(),
    }),
  ),
  categories: z.array(z.object({ id: z.number() })).min(1),
});

/** One annotated object, corners in source-image pixels; crowd regions are ignored, not missed. */
export interface GroundTruthBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  categoryId: number;
  crowd: boolean;
}

export interface CocoAnnotations {
  file: string;
  /** Category ids in ascending order: a model's class index i is categoryIds[i] (COCO's 80 of 91). */
  categoryIds: number[];
  /** Ground truth by image file name (base name). */
  byFile: Map<string, GroundTruthBox[]>;
}

export function readCocoAnnotations(file: string): CocoAnnotations {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new StudioError(file, `cannot read COCO annotations: ${reason}`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StudioError(
      file,
      `not COCO instances annotations: ${issue.path.join('.') || 'root'}: ${issue.message}`,
    );
  }
  const { images, annotations, categories } = parsed.data;
  const fileOf = new Map(images.map((im) => [im.id, path.basename(im.file_name)]));
  const byFile = new Map<string, GroundTruthBox[]>([...fileOf.values()].map((name) => [name, []]));
  for (const a of annotations) {
    const name = fileOf.get(a.image_id);
    if (name === undefined)
      throw new StudioError(file, `annotation for image_id ${a.image_id}, which is not in images`);
    const [x, y, w, h] = a.bbox as [number, number, number, number];
    byFile
      .get(name)!
      .push({ x1: x, y1: y, x2: x + w, y2: y + h, categoryId: a.category_id, crowd: Boolean(a.iscrowd) });
  }
  return { file, categoryIds: categories.map((c) => c.id).sort((a, b) => a - b), byFile };
}
