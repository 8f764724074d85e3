/**
 * How every command declares its options: each value is checked when commander reads it, so a bad one
 * is a usage error (exit 2) that names the flag, the value and what is accepted; and each option's help
 * says its choices and its default the same way: "(choices: a, b, c; default: b)".
 */
import { InvalidArgumentError, Option } from 'commander';
import { StudioError } from '../core/errors';
import { parseShapeSpecs } from '../core/onnx/shape-spec';

type Parse<T> = (value: string, previous: T) => T;

export interface OptionSpec<T> {
  /** Accepted values; matched case-insensitively, passed on in the spelling listed here. */
  choices?: readonly string[];
  /** The value used when the option is left out; given to the command. */
  default?: T;
  /** What happens when the option is left out, when no single value says it ("the model's batch"). */
  defaultText?: string;
  parse?: Parse<T>;
}

function helpSuffix(spec: OptionSpec<unknown>): string {
  const parts: string[] = [];
  if (spec.choices) parts.push(`choices: ${spec.choices.join(', ')}`);
  const shown = spec.defaultText ?? (spec.default === undefined ? undefined : defaultText(spec.default));
  if (shown !== undefined) parts.push(`default: ${shown}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

function defaultText(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(',') : 'none';
  return String(value);
}

/** An option whose help ends with its choices and default, and whose value is checked on reading. */
/**
 * The help line of an option is its description as written (it carries its choices and default);
 * commander would otherwise add its own "(default: ...)" a second time. Set on the program, inherited
 * by every command.
 */
export const helpSettings = { optionDescription: (o: Option) => o.description };

export function option<T>(flags: string, description: string, spec: OptionSpec<T> = {}): Option {
  const made = new Option(flags, `${description}${helpSuffix(spec as OptionSpec<unknown>)}`);
  const parse = spec.parse ?? (spec.choices ? choiceParser(spec.choices) : undefined);
  if (parse) made.argParser(parse as Parse<unknown>);
  if (spec.default !== undefined) made.default(spec.default);
  return made;
}

/** Matches a value against the choices whatever its case ("FP16" -> "fp16"). */
export function matchChoice(value: string, choices: readonly string[]): string | undefined {
  const lower = value.trim().toLowerCase();
  return choices.find((choice) => choice.toLowerCase() === lower);
}

function expected(choices: readonly string[]): string {
  return choices.length > 1
    ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`
    : choices[0]!;
}

export function choiceParser(choices: readonly string[]): Parse<string> {
  return (value) => {
    const match = matchChoice(value, choices);
    if (match === undefined) throw new InvalidArgumentError(`expected ${expected(choices)}`);
    return match;
  };
}

/** A comma-separated list of choices ("fp32,FP16" -> ["fp32", "fp16"]), each checked. */
export function choiceListParser(choices: readonly string[]): Parse<string[]> {
  return (value) => {
    const items = value.split(',').map((item) => item.trim());
    if (items.some((item) => item === '')) throw new InvalidArgumentError(`an empty item in the list`);
    return items.map((item) => {
      const match = matchChoice(item, choices);
      if (match === undefined) throw new InvalidArgumentError(`"${item}" is not one of ${expected(choices)}`);
      return match;
    });
  };
}

function number(value: string): number {
  return value.trim() === '' ? NaN : Number(value);
}

export function wholeNumber(value: string): number {
  const n = number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}

export function positiveWholeNumber(value: string): number {
  const n = number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number > 0');
  return n;
}

export function positiveNumber(value: string): number {
  const n = number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

export function finiteNumber(value: string): number {
  const n = number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('expected a number');
  return n;
}

export function numberList(value: string): number[] {
  const list = value.split(',').map(number);
  if (list.some((n) => !Number.isFinite(n)))
    throw new InvalidArgumentError('expected comma-separated numbers, e.g. 0.485,0.456,0.406');
  return list;
}

export function positiveWholeNumberList(value: string): number[] {
  const list = value.split(',').map(number);
  if (list.some((n) => !Number.isSafeInteger(n) || n <= 0))
    throw new InvalidArgumentError('expected comma-separated whole numbers > 0, e.g. 1,2,4,8');
  return list;
}

/** One `--shape name:AxBxC` (repeatable): collected into name -> dims, checked as it is read. */
export function shapeSpec(value: string, previous: Record<string, number[]>): Record<string, number[]> {
  try {
    return { ...previous, ...parseShapeSpecs([value]) };
  } catch (error) {
    if (error instanceof StudioError)
      throw new InvalidArgumentError(error.problem.replace(/^--shape "[^"]*": /, ''));
    throw error;
  }
}

/** A command line that is wrong in a way only the command can tell (two options that exclude each other). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
