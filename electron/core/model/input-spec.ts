/**
 * Values for the model inputs that images (or npy/random data) do not feed: `--input NAME=VALUE` on
 * the command line, `inputs` in the job contract. VALUE is one of
 *   image-size      the source image's width,height per batch item (RT-DETR, D-FINE and DEIM take
 *                   `orig_target_sizes` so); without a source image, the image input's width,height
 *   image-size-hw   the same as height,width
 *   ones | zeros    every element 1 or 0 (attention masks, flags)
 *   v1,v2,...       the values of one batch item (repeated over the batch) or of the whole tensor
 * The dtype is always the model's: input-values.ts checks the values against it and the input's shape.
 */
import { z } from 'zod';
import { StudioError } from '../errors';

export const inputValueSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image-size'), order: z.enum(['wh', 'hw']) }),
  z.object({ kind: z.literal('ones') }),
  z.object({ kind: z.literal('zeros') }),
  z.object({ kind: z.literal('values'), values: z.array(z.number()).min(1) }),
]);

/** Input name -> where its value comes from. */
export const inputSpecsSchema = z.record(z.string().min(1), inputValueSpecSchema);

export type InputValueSpec = z.infer<typeof inputValueSpecSchema>;
export type InputSpecs = z.infer<typeof inputSpecsSchema>;

const FLAG = '--input';

function parseValue(name: string, text: string): InputValueSpec {
  switch (text) {
    case 'image-size':
      return { kind: 'image-size', order: 'wh' };
    case 'image-size-hw':
      return { kind: 'image-size', order: 'hw' };
    case 'ones':
      return { kind: 'ones' };
    case 'zeros':
      return { kind: 'zeros' };
  }
  const values = text.split(',').map((v) => v.trim());
  const numbers = values.map(Number);
  const bad = values.findIndex((v, i) => v === '' || !Number.isFinite(numbers[i]));
  if (bad >= 0) {
    throw new StudioError(
      FLAG,
      `${name}=${text}: "${values[bad]}" is not a number (give image-size, image-size-hw, ones, zeros or numbers like 320,320)`,
    );
  }
  return { kind: 'values', values: numbers };
}

/** Parses `NAME=VALUE` texts (the repeatable --input flag) into specs; a name given twice is an error. */
export function parseInputSpecs(texts: string[]): InputSpecs {
  const specs: InputSpecs = {};
  for (const text of texts) {
    const equals = text.indexOf('=');
    const name = text.slice(0, equals).trim();
    if (equals <= 0 || !name) {
      throw new StudioError(FLAG, `"${text}": expected NAME=VALUE, e.g. orig_target_sizes=image-size`);
    }
    if (name in specs) throw new StudioError(FLAG, `input "${name}" is given twice`);
    specs[name] = parseValue(name, text.slice(equals + 1).trim());
  }
  return specs;
}

/** The spec as the user would write it, for messages and notes. */
export function describeInputSpec(spec: InputValueSpec): string {
  switch (spec.kind) {
    case 'image-size':
      return spec.order === 'wh' ? 'image-size' : 'image-size-hw';
    case 'values':
      return spec.values.join(',');
    default:
      return spec.kind;
  }
}
