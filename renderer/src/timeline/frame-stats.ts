/**
 * How long the timeline's frames take to draw, kept for the benchmark (test/bench/timeline.ts) and
 * the e2e tests, which read `window.__timelineStats`: draw times in ms (the last 2000), when the first
 * frame with data was drawn, and how many windows were asked of core.
 */
export interface FrameStats {
  draws: number[];
  /** performance.now() of the first frame drawn from loaded data. */
  firstDataFrameAt: number | null;
  requests: number;
  rectangles: number;
}

declare global {
  interface Window {
    __timelineStats?: FrameStats;
  }
}

const KEPT = 2000;

export function frameStats(): FrameStats {
  window.__timelineStats ??= { draws: [], firstDataFrameAt: null, requests: 0, rectangles: 0 };
  return window.__timelineStats;
}

export function recordFrame(ms: number, rectangles: number, withData: boolean): void {
  const stats = frameStats();
  stats.draws.push(ms);
  if (stats.draws.length > KEPT) stats.draws.splice(0, stats.draws.length - KEPT);
  stats.rectangles = rectangles;
  if (withData && stats.firstDataFrameAt === null) stats.firstDataFrameAt = performance.now();
}
