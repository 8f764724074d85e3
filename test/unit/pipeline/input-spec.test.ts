/** --input NAME=VALUE: parsing, checking against the model's inputs, and the tensors it gives. */
import { describe, expect, it } from 'vitest';
import { studioProblem } from '../../helpers/problems';
import { parseInputSpecs } from '../../../electron/core/model/input-spec';
import { checkInputSpecs, fixedInputsFrom, specTensor } from '../../../electron/core/pipeline/input-values';
import type { ModelInput } from '../../../electron/core/pipeline/model-inputs';

const DETR_INPUTS: ModelInput[] = [
  { name: 'images', dtype: 'float32', shape: ['N', 3, 320, 320] },
  { name: 'orig_target_sizes', dtype: 'int64', shape: ['N', 2] },
];

const problem = studioProblem;

describe('parseInputSpecs', () => {
  it('reads image-size, image-size-hw, ones, zeros and number lists', () => {
    expect(
      parseInputSpecs(['a=image-size', 'b=image-size-hw', 'c=ones', 'd=zeros', 'e=320, 240', 'f=-1.5']),
    ).toEqual({
      a: { kind: 'image-size', order: 'wh' },
      b: { kind: 'image-size', order: 'hw' },
      c: { kind: 'ones' },
      d: { kind: 'zeros' },
      e: { kind: 'values', values: [320, 240] },
      f: { kind: 'values', values: [-1.5] },
    });
  });

  it('names the flag and the text it cannot read', () => {
    expect(problem(() => parseInputSpecs(['orig_target_sizes']))).toBe(
      '--input: "orig_target_sizes": expected NAME=VALUE, e.g. orig_target_sizes=image-size',
    );
    expect(problem(() => parseInputSpecs(['mask=1,x']))).toMatch(/^--input: mask=1,x: "x" is not a number/);
    expect(problem(() => parseInputSpecs(['a=ones', 'a=zeros']))).toBe('--input: input "a" is given twice');
  });
});

describe('checkInputSpecs', () => {
  const check = (texts: string[]) => () => checkInputSpecs(parseInputSpecs(texts), DETR_INPUTS);

  it('refuses an input the model lacks, listing the ones it has', () => {
    expect(problem(check(['sizes=image-size']))).toBe(
      '--input: the model has no input "sizes" (its inputs: images, orig_target_sizes)',
    );
  });

  it('refuses a value of the wrong length, saying how many the input takes', () => {
    expect(problem(check(['orig_target_sizes=320']))).toBe(
      '--input: orig_target_sizes=320: 1 value, input "orig_target_sizes" ([1, 2] int64) takes 2',
    );
  });

  it('refuses a value the dtype cannot hold', () => {
    expect(problem(check(['orig_target_sizes=320.5,320']))).toBe(
      '--input: orig_target_sizes=320.5,320: 320.5 does not fit input "orig_target_sizes", which is int64 (whole numbers)',
    );
  });

  it('refuses image-size for an input that does not take two values per item', () => {
    expect(problem(check(['images=image-size']))).toMatch(
      /image-size gives 2 values per item, input "images" is \[1, 3, 320, 320\] float32/,
    );
  });
});

describe('specTensor and fixedInputsFrom', () => {
  const sizes = { name: 'orig_target_sizes', dtype: 'int64' as const, dims: [2, 2] };

  it('image-size gives each item its source image width,height in the model dtype', () => {
    const t = specTensor({ kind: 'image-size', order: 'wh' }, sizes, [
      { width: 640, height: 425 },
      { width: 480, height: 640 },
    ]);
    expect(t.dtype).toBe('int64');
    expect([...(t.data as BigInt64Array)]).toEqual([640n, 425n, 480n, 640n]);
    const hw = specTensor({ kind: 'image-size', order: 'hw' }, sizes, [{ width: 640, height: 425 }]);
    expect([...(hw.data as BigInt64Array)]).toEqual([425n, 640n, 425n, 640n]);
  });

  it('one item of values repeats over the batch', () => {
    const t = specTensor({ kind: 'values', values: [320, 240] }, sizes, []);
    expect([...(t.data as BigInt64Array)]).toEqual([320n, 240n, 320n, 240n]);
  });

  it('timing runs feed image-size as the image input own size, at any batch', () => {
    const fixed = fixedInputsFrom(parseInputSpecs(['orig_target_sizes=image-size']), DETR_INPUTS)!;
    const t = fixed('orig_target_sizes', [3, 2])!;
    expect(t.dims).toEqual([3, 2]);
    expect([...(t.data as BigInt64Array)]).toEqual([320n, 320n, 320n, 320n, 320n, 320n]);
    expect(fixed('images', [3, 3, 320, 320])).toBeUndefined();
  });
});
