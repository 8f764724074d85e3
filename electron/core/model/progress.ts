/**
 * Progress and cancellation for every long call: stages report to a ProgressSink, and a cancelled
 * AbortSignal makes the call reject with CancelledError.
 */
export interface ProgressEvent {
  /** Short stage name: 'load', 'build', 'warmup', 'profile', 'calibrate', ... */
  stage: string;
  /** 0..1 within the stage, or null when unknown. */
  fraction: number | null;
  message?: string;
}

export type ProgressSink = (event: ProgressEvent) => void;

export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** Throws CancelledError when the signal has fired. Call between units of work. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
