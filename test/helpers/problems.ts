/** The one-line message of the StudioError a call throws (failing the test when it throws none or another). */
import { expect } from 'vitest';
import { StudioError } from '../../electron/core/errors';

export function studioProblem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return (error as StudioError).message;
  }
  throw new Error('expected a StudioError');
}
