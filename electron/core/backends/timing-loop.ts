/**
 * The measuring loop every backend shares: warm-up, then a fixed number of iterations or a duration,
 * timing each call on the host's monotonic clock, with progress and cancellation between iterations.
 */
import { throwIfCancelled, type ProgressSink } from '../model/progress';

export interface LoopPlan {
  warmupIterations: number;
  /** Fixed count; wins over durationSeconds. */
  iterations?: number;
  durationSeconds?: number;
  /** With a duration: never fewer than this many timed iterations. */
  minIterations?: number;
}

export interface LoopResult {
  samplesMs: number[];
  /** Wall time of the timed part, ms (for throughput). */
  wallMs: number;
}

export const DEFAULT_ITERATIONS = 100;
export const DEFAULT_WARMUP = 10;

export async function timedLoop(
  call: () => Promise<unknown>,
  plan: LoopPlan,
  stage: string,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<LoopResult> {
  for (let i = 0; i < plan.warmupIterations; i++) {
    throwIfCancelled(signal);
    await call();
  }
  const byCount = plan.iterations !== undefined || plan.durationSeconds === undefined;
  const count = plan.iterations ?? DEFAULT_ITERATIONS;
  const budgetMs = (plan.durationSeconds ?? 0) * 1000;
  const minIterations = plan.minIterations ?? 10;
  const samplesMs: number[] = [];
  const begin = performance.now();
  let lastReport = begin;
  for (;;) {
    const elapsed = performance.now() - begin;
    if (byCount ? samplesMs.length >= count : elapsed >= budgetMs && samplesMs.length >= minIterations) break;
    throwIfCancelled(signal);
    const start = performance.now();
    await call();
    const end = performance.now();
    samplesMs.push(end - start);
    if (end - lastReport > 200) {
      lastReport = end;
      const fraction = byCount ? samplesMs.length / count : Math.min(1, (end - begin) / budgetMs);
      progress({ stage, fraction, message: `${samplesMs.length} iterations` });
    }
  }
  const wallMs = performance.now() - begin;
  progress({ stage, fraction: 1, message: `${samplesMs.length} iterations` });
  return { samplesMs, wallMs };
}
