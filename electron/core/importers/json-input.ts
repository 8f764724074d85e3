/**
 * Reading JSON written by outside tools: a file that does not parse, or a value of the wrong type, is a
 * StudioError naming the file and the place; a number that is NaN, infinite or absurd is never passed on.
 */
import fs from 'node:fs';
import { StudioError, fileError } from '../errors';

/** Reads a whole text file; a missing or unreadable file is a StudioError. */
export function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw fileError(file, error);
  }
}

/** JSON.parse with a one-line StudioError that says whether the file looks cut short. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const trimmed = text.trimEnd();
    const cut = trimmed.length > 0 && !/[\]}]$/.test(trimmed) ? ' (the file looks truncated)' : '';
    throw new StudioError(file, `not valid JSON${cut}: ${(error as Error).message}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Largest time (ms) accepted from a file: a day. Anything larger is a corrupt or foreign value. */
export const MAX_PLAUSIBLE_MS = 86_400_000;

/**
 * A finite, non-negative number no larger than `max`; numeric strings are accepted (some tools quote
 * numbers). Anything else is a StudioError saying where it was found.
 */
export function requireNonNegative(
  value: unknown,
  file: string,
  where: string,
  max = MAX_PLAUSIBLE_MS,
): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new StudioError(file, `${where}: expected a number, found ${describeValue(value)}`);
  }
  if (number < 0 || number > max) {
    throw new StudioError(file, `${where}: ${number} is out of range (0 to ${max})`);
  }
  return number;
}

/** A short description of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}
