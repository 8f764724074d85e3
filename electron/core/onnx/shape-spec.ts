/**
 * User shapes for symbolic or dynamic inputs: `images:1x3x640x640` (trtexec writes `--shapes=images:1x3x640x640`;
 * the same text works here).
 */
import { StudioError } from '../errors';

/** Parses one or more `name:AxBxC` specs (also comma-separated) into name -> dims. */
export function parseShapeSpecs(specs: string[]): Record<string, number[]> {
  const shapes: Record<string, number[]> = {};
  for (const spec of specs.flatMap((s) => s.split(','))) {
    const text = spec.trim();
    if (!text) continue;
    const colon = text.lastIndexOf(':');
    if (colon <= 0)
      throw new StudioError(undefined, `--shape "${text}": expected name:dims, e.g. images:1x3x640x640`);
    const name = text.slice(0, colon);
    const dims = text
      .slice(colon + 1)
      .split('x')
      .map((d) => Number(d));
    if (dims.length === 0 || dims.some((d) => !Number.isSafeInteger(d) || d <= 0 || d > 2 ** 31)) {
      throw new StudioError(
        undefined,
        `--shape "${text}": dimensions must be positive integers separated by x`,
      );
    }
    shapes[name] = dims;
  }
  return shapes;
}

/**
 * A `--shape` value to start from for an input: fixed dims as they are, a symbolic batch as 1, other
 * symbols by name (`images:1x3x<height>x<width>`) for the user to fill in.
 */
export function exampleShapeSpec(name: string, shape: (number | string | null)[] | null): string {
  if (!shape) return `${name}:<dims, e.g. 1x3x224x224>`;
  const dims = shape.map((d, axis) => {
    if (typeof d === 'number' && d > 0) return String(d);
    if (axis === 0) return '1';
    return `<${typeof d === 'string' && d ? d : `dim${axis}`}>`;
  });
  return `${name}:${dims.join('x')}`;
}

/** What --run-shapes does, for fix texts that point to it. */
export const RUN_SHAPES_HINT = '--run-shapes (measures them by running the model once on ONNX Runtime)';
