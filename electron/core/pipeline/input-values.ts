/**
 * Turns input specs (input-spec.ts) into tensors of the model's dtype and shape, and checks them
 * against the model before any work starts: a name the model lacks, a value of the wrong length or
 * one the dtype cannot hold is a StudioError naming `--input` and what is wrong.
 */
import { StudioError } from '../errors';
import { float32ToFloat16 } from '../model/float16';
import { describeInputSpec, type InputSpecs, type InputValueSpec } from '../model/input-spec';
import type { NamedTensor } from '../model/tensor';
import { concreteDims, type ModelInput } from './model-inputs';

/** The value of a named input at these dims, or undefined to let a backend feed seeded data. */
export type FixedInputs = (name: string, dims: number[]) => NamedTensor | undefined;

const FLAG = '--input';

export interface ImageSize {
  width: number;
  height: number;
}

/** An input with a feedable dtype and concrete dims. */
export interface FeedableInput {
  name: string;
  dtype: NamedTensor['dtype'];
  dims: number[];
}

const INTEGER_RANGES: Partial<Record<NamedTensor['dtype'], [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  bool: [0, 1],
};

/** Elements of one batch item: a rank >= 2 input has its batch on axis 0; a vector or scalar is one item. */
function perItem(dims: number[]): { items: number; count: number } {
  const total = dims.reduce((a, b) => a * b, 1);
  if (dims.length < 2) return { items: 1, count: total };
  return { items: dims[0]!, count: total / dims[0]! };
}

function checkValues(name: string, spec: InputValueSpec, input: FeedableInput): void {
  const label = `${name}=${describeInputSpec(spec)}`;
  const { count } = perItem(input.dims);
  const total = input.dims.reduce((a, b) => a * b, 1);
  const shape = `[${input.dims.join(', ')}] ${input.dtype}`;
  if (spec.kind === 'image-size' && count !== 2) {
    throw new StudioError(FLAG, `${label}: image-size gives 2 values per item, input "${name}" is ${shape}`);
  }
  if (spec.kind !== 'values') return;
  if (spec.values.length !== count && spec.values.length !== total) {
    const want = count === total ? `${total}` : `${count} per item or ${total} in all`;
    throw new StudioError(
      FLAG,
      `${label}: ${spec.values.length} value${spec.values.length === 1 ? '' : 's'}, input "${name}" (${shape}) takes ${want}`,
    );
  }
  const range = INTEGER_RANGES[input.dtype];
  if (!range) return;
  const bad = spec.values.find((v) => !Number.isInteger(v) || v < range[0] || v > range[1]);
  if (bad !== undefined) {
    throw new StudioError(
      FLAG,
      `${label}: ${bad} does not fit input "${name}", which is ${input.dtype}${input.dtype === 'bool' ? ' (0 or 1)' : ' (whole numbers)'}`,
    );
  }
}

/**
 * Checks every spec against the model's inputs and returns the inputs with a spec, their dims made
 * concrete (user shapes, a dynamic batch of 1).
 */
export function checkInputSpecs(
  specs: InputSpecs | undefined,
  inputs: ModelInput[],
  shapes?: Record<string, number[]>,
): FeedableInput[] {
  if (!specs) return [];
  const checked: FeedableInput[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const input = inputs.find((i) => i.name === name);
    if (!input) {
      throw new StudioError(
        FLAG,
        `the model has no input "${name}" (its inputs: ${inputs.map((i) => i.name).join(', ') || 'none'})`,
      );
    }
    if (!input.dtype) throw new StudioError(FLAG, `input "${name}" is not a numeric tensor: cannot feed it`);
    const feedable = { name, dtype: input.dtype, dims: concreteDims(FLAG, input, shapes) };
    checkValues(name, spec, feedable);
    checked.push(feedable);
  }
  return checked;
}

function typedArray(dtype: NamedTensor['dtype'], values: number[]): NamedTensor['data'] {
  switch (dtype) {
    case 'float32':
      return Float32Array.from(values);
    case 'float16':
      return float32ToFloat16(values).bits;
    case 'int64':
      return BigInt64Array.from(values, (v) => BigInt(v));
    case 'int32':
      return Int32Array.from(values);
    case 'int8':
      return Int8Array.from(values);
    case 'uint8':
    case 'bool':
      return Uint8Array.from(values);
  }
}

/**
 * The tensor a spec gives for an input of these dims. `imageSizes` holds one size per batch item (the
 * source images, or the image input's own size when there is no source image); `image-size` reads it.
 */
export function specTensor(spec: InputValueSpec, input: FeedableInput, imageSizes: ImageSize[]): NamedTensor {
  const { items, count } = perItem(input.dims);
  const total = items * count;
  let values: number[];
  switch (spec.kind) {
    case 'ones':
    case 'zeros':
      values = new Array<number>(total).fill(spec.kind === 'ones' ? 1 : 0);
      break;
    case 'values':
      values =
        spec.values.length === total
          ? spec.values
          : Array.from({ length: total }, (_, i) => spec.values[i % count]!);
      break;
    case 'image-size':
      values = Array.from({ length: items }, (_, item) => {
        const size = imageSizes[item] ?? imageSizes[imageSizes.length - 1];
        if (!size) throw new StudioError(FLAG, `${input.name}=image-size: no image size to give`);
        return spec.order === 'wh' ? [size.width, size.height] : [size.height, size.width];
      }).flat();
      break;
  }
  return { dtype: input.dtype, dims: [...input.dims], data: typedArray(input.dtype, values) };
}

/** The inputs a data source must feed: those without a spec. */
export function inputsWithoutSpec<T extends { name: string }>(
  inputs: T[],
  specs: InputSpecs | undefined,
): T[] {
  return specs ? inputs.filter((i) => !(i.name in specs)) : inputs;
}

/**
 * The spatial size of the image-like input among those without a spec ([N,C,H,W] or [N,H,W,C], C 1
 * or 3): what `image-size` gives when no source image is at hand (random or npy data, timing runs).
 */
export function imageInputSize(inputs: FeedableInput[]): ImageSize | undefined {
  for (const { dims } of inputs) {
    if (dims.length !== 4) continue;
    if (dims[1] === 1 || dims[1] === 3) return { height: dims[2]!, width: dims[3]! };
    if (dims[3] === 1 || dims[3] === 3) return { height: dims[1]!, width: dims[2]! };
  }
  return undefined;
}

/**
 * Adds the spec'd inputs to a sample's feeds, batched like the fed inputs (the batch of the first fed
 * input, when the spec'd input has a batch axis).
 */
export function withSpecInputs(
  feeds: Record<string, NamedTensor>,
  specs: InputSpecs | undefined,
  specInputs: FeedableInput[],
  imageSizes: ImageSize[],
): Record<string, NamedTensor> {
  if (!specs || specInputs.length === 0) return feeds;
  const batch = Object.values(feeds)[0]?.dims[0];
  const out = { ...feeds };
  for (const input of specInputs) {
    const dims = input.dims.length >= 2 && batch !== undefined ? [batch, ...input.dims.slice(1)] : input.dims;
    out[input.name] = specTensor(specs[input.name]!, { ...input, dims }, imageSizes);
  }
  return out;
}

/**
 * What a backend feeds the spec'd inputs in timing runs (any batch): `image-size` is the image
 * input's own size there. Undefined when no input has a spec.
 */
export function fixedInputsFrom(
  specs: InputSpecs | undefined,
  inputs: ModelInput[],
  shapes?: Record<string, number[]>,
): FixedInputs | undefined {
  const specInputs = checkInputSpecs(specs, inputs, shapes);
  if (!specs || specInputs.length === 0) return undefined;
  const fed = inputsWithoutSpec(inputs, specs).flatMap((input) => {
    if (!input.dtype || !input.shape) return [];
    const dims = input.shape.map((d, axis) => (typeof d === 'number' && d > 0 ? d : axis === 0 ? 1 : 0));
    return [{ name: input.name, dtype: input.dtype, dims: shapes?.[input.name] ?? dims }];
  });
  const size = imageInputSize(fed);
  const byName = new Map(specInputs.map((i) => [i.name, i]));
  return (name, dims) => {
    const input = byName.get(name);
    return input ? specTensor(specs[name]!, { ...input, dims }, size ? [size] : []) : undefined;
  };
}
