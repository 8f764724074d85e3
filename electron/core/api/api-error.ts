/**
 * ApiError: a refusal at the contract's boundary, with the status every adapter maps it to (HTTP
 * status for `serve`, the same number inside an IPC result). Failures inside core (a bad file) are
 * StudioErrors and answer 422; anything else is a bug and answers 500 with its one line.
 */
import { StudioError, describeError } from '../errors';

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 500,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The status and the one line for any error a handler threw. */
export function statusOf(error: unknown): { status: number; message: string } {
  if (error instanceof ApiError) return { status: error.status, message: error.message };
  if (error instanceof StudioError) return { status: 422, message: error.message };
  return { status: 500, message: describeError(error) };
}
