/**
 * The job contract's `annotations`: a COCO instances file for the evaluation images (read by
 * importers/coco-annotations.ts), and whether the model's labels are class indices or category ids.
 */
import { z } from 'zod';

export const annotationsOptionSchema = z.object({
  path: z.string().min(1),
  /** 'index' (default): class i is the i-th category id in id order; 'category-id': labels are COCO ids already. */
  labels: z.enum(['index', 'category-id']).optional(),
});

export type AnnotationsOption = z.infer<typeof annotationsOptionSchema>;
