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
