/**
 * End-to-end pipeline timing, as the user's application would see it when inputs come from images:
 * every pre-processing stage (decode, resize, normalize, channel order, layout: measured by
 * image-preprocess.ts), the inference, and the selected post-processing, per input. Recorded as
 * StageTiming (with each stage's share of the end-to-end latency) and as a Trace (pipeline-trace.ts).
 */
import { summarize } from '../model/statistics';
import type { StageTiming } from '../model/types';
import type { Trace } from '../model/trace';
import { pipelineTrace, type PipelineSample } from './pipeline-trace';

export type { PipelineSample } from './pipeline-trace';

export class PipelineRecorder {
  private readonly samples: PipelineSample[] = [];

  add(sample: PipelineSample): void {
    this.samples.push(sample);
  }

  get count(): number {
    return this.samples.length;
  }

  /** One StageTiming per stage, in pipeline order, with each one's share of the end-to-end mean. */
  stageTimings(): StageTiming[] {
    const series = new Map<string, { kind: StageTiming['kind']; samples: number[] }>();
    const push = (stage: string, kind: StageTiming['kind'], ms: number) => {
      const entry = series.get(stage) ?? { kind, samples: [] };
      entry.samples.push(ms);
      series.set(stage, entry);
    };
    for (const sample of this.samples) {
      for (const stage of sample.pre) push(`pre:${stage.stage}`, 'pre', stage.ms);
      push('inference', 'inference', sample.inferenceMs);
      for (const stage of sample.post) push(`post:${stage.stage}`, 'post', stage.ms);
    }
    const timings = [...series].map(([stage, { kind, samples }]) => ({
      stage,
      kind,
      stats: summarize(samples),
    }));
    const total = timings.reduce((sum, t) => sum + t.stats.meanMs, 0);
    return timings.map((t) => ({ ...t, sharePercent: total > 0 ? (t.stats.meanMs / total) * 100 : 0 }));
  }

  /** A sentence on where the user-visible latency goes. */
  summary(): string | undefined {
    const timings = this.stageTimings();
    if (timings.length === 0) return undefined;
    const share = (kind: StageTiming['kind']) =>
      timings.filter((t) => t.kind === kind).reduce((sum, t) => sum + (t.sharePercent ?? 0), 0);
    const total = timings.reduce((sum, t) => sum + t.stats.meanMs, 0);
    const slowest = [...timings]
      .filter((t) => t.kind !== 'inference')
      .sort((a, b) => b.stats.meanMs - a.stats.meanMs)[0];
    let sentence =
      `end-to-end ${total.toFixed(2)} ms per input over ${this.samples.length} inputs: pre-processing ${share('pre').toFixed(1)}%, ` +
      `inference ${share('inference').toFixed(1)}%, post-processing ${share('post').toFixed(1)}%`;
    if (slowest)
      sentence += `; the slowest stage around the model is ${slowest.stage} (${slowest.stats.meanMs.toFixed(2)} ms)`;
    return sentence;
  }

  /**
   * The samples as spans laid end to end on one 'pipeline' track (one parent span per input); with the
   * backend's trace of profiled runs, each inference holds one of those runs and its layers.
   */
  trace(id: string, modelTrace?: Trace): Trace {
    return pipelineTrace(this.samples, id, modelTrace);
  }
}

/** Times a synchronous post-processing step. */
export function timeStep<T>(stage: string, work: () => T, into: { stage: string; ms: number }[]): T {
  const start = performance.now();
  const result = work();
  into.push({ stage, ms: performance.now() - start });
  return result;
}
