/**
 * The inputs a caller must feed: graph inputs that are not initializers (old IR 3 models list every
 * weight as an input too), with their dtype and shape, and how to make their shapes concrete.
 */
import { StudioError } from '../errors';
import type { NamedTensor } from '../model/tensor';
import type { OnnxModel } from '../onnx/graph';
import { dtypeName } from '../onnx/dtypes';

export interface ModelInput {
  name: string;
  /** The dtype to feed, or null when the studio cannot make it (strings, sequences). */
  dtype: NamedTensor['dtype'] | null;
  /** Declared dims: numbers, symbols, or null when unknown. */
  shape: (number | string | null)[] | null;
}

const FEEDABLE = new Set(['float32', 'float16', 'int8', 'uint8', 'int32', 'int64', 'bool']);

export function modelInputs(model: OnnxModel): ModelInput[] {
  const initializers = new Set(model.graph.initializers.map((t) => t.name));
  return model.graph.inputs
    .filter((input) => !initializers.has(input.name))
    .map((input) => {
      if (input.type?.kind !== 'tensor') return { name: input.name, dtype: null, shape: null };
      const name = dtypeName(input.type.elemType);
      const shape = input.type.shape?.map((d) => d.value ?? d.param ?? null) ?? null;
      return { name: input.name, dtype: FEEDABLE.has(name) ? (name as NamedTensor['dtype']) : null, shape };
    });
}

/**
 * Concrete dims for an input: the user's shape when given, a dynamic leading dim becomes 1 (one
 * sample per run), any other dynamic dim is an error that says how to give it.
 */
export function concreteDims(
  source: string,
  input: ModelInput,
  shapes: Record<string, number[]> | undefined,
): number[] {
  const given = shapes?.[input.name];
  if (given) return [...given];
  if (!input.shape)
    throw new StudioError(
      source,
      `input "${input.name}" has no declared shape: give one with --shape ${input.name}:...`,
    );
  return input.shape.map((d, axis) => {
    if (typeof d === 'number' && d > 0) return d;
    if (axis === 0) return 1;
    throw new StudioError(
      source,
      `input "${input.name}" has a dynamic dimension ${axis} ("${d ?? '?'}"): give its shape with --shape`,
    );
  });
}
