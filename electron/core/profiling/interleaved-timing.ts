/**
 * Run times of several engines measured in alternating rounds (A, B, C, A, B, C, ...), so a slow
 * stretch of a shared machine lands on every engine alike instead of on whichever ran during it.
 * Each turn starts after a pause and one untimed run: the thread pool of the engine that ran just
 * before keeps spinning on its cores for a while after its last run and would otherwise be timed
 * against the next one (at 16 threads this made later engines measure several times slower).
 */
import { throwIfCancelled } from '../model/progress';
import { summarize } from '../model/statistics';

export interface InterleavedOptions {
  rounds: number;
  /** Timed runs per engine per round. */
  runsPerTurn: number;
  /** Pause before each turn, in milliseconds. */
  pauseMs: number;
  signal?: AbortSignal;
}

export interface InterleavedTimes {
  /** Median over every timed run, per engine (null for an engine given as null). */
  medians: (number | null)[];
  /** Per engine, the median of each round: two engines' rounds pair up. */
  perRound: number[][];
}

export async function interleavedTimes(
  engines: ((() => Promise<unknown>) | null)[],
  options: InterleavedOptions,
): Promise<InterleavedTimes> {
  const samples = engines.map(() => [] as number[]);
  const perRound = engines.map(() => [] as number[]);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, run] of engines.entries()) {
      if (!run) continue;
      throwIfCancelled(options.signal);
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      await run();
      const turn: number[] = [];
      for (let k = 0; k < options.runsPerTurn; k++) {
        const start = performance.now();
        await run();
        turn.push(performance.now() - start);
      }
      samples[i]!.push(...turn);
      perRound[i]!.push(summarize(turn).medianMs);
    }
  }
  return { medians: samples.map((s) => (s.length > 0 ? summarize(s).medianMs : null)), perRound };
}
