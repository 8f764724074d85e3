/**
 * What a reader must keep in mind next to each variant's figures: the warnings its engine and profile
 * carry (profiler overhead, per-layer sums against the run), the comparison's findings about it, and
 * facts of the measurement itself (spread, iterations, missing percentiles, CPU runs, random
 * calibration data). One sentence each.
 */
import type { Comparison } from '../model/types';
import type { ReportInput } from './report-inputs';

/** trtexec's threshold for unstable timing: a coefficient of variation above 2.5 %. */
const UNSTABLE_CV = 0.025;
/** Fewer timed iterations than this make p99 a statement about one or two runs. */
const FEW_ITERATIONS = 100;

export const INT8_PAYOFF_PREFIX = 'INT8 payoff: ';

function measurementCaveats(input: ReportInput): string[] {
  const { engine, profile, variant } = input;
  const caveats: string[] = [];
  if (!profile) return ['no profile: this engine was never timed'];
  const latency = profile.latency ?? profile.compute;
  if (!latency) caveats.push('no end-to-end latency: only per-layer times were measured');
  if (latency?.cv !== null && latency?.cv !== undefined && latency.cv > UNSTABLE_CV) {
    caveats.push(
      `latency varies run to run: CV ${(latency.cv * 100).toFixed(1)}% (above 2.5%); run longer, pin threads or lock clocks before trusting small differences`,
    );
  }
  if (latency && latency.count < FEW_ITERATIONS && latency.count > 0) {
    caveats.push(`only ${latency.count} timed iterations: p99 rests on the slowest one or two`);
  }
  if (latency && latency.p90Ms === null) {
    caveats.push('the source gave no p90 (imported summary): it is shown as unknown, not estimated');
  }
  if (profile.layers.length === 0) caveats.push('no per-layer profile: layer times are unknown');
  if (engine.backend === 'onnxruntime') {
    caveats.push(
      `timed on ONNX Runtime's CPU provider${profile.machine?.cpu ? ` (${profile.machine.cpu})` : ''}: not TensorRT on a GPU`,
    );
  }
  if (variant?.recipe.calibrationData?.startsWith('random:')) {
    caveats.push(
      'INT8 ranges were calibrated on random inputs: accuracy on real data may differ; calibrate on real images (--calib images:DIR)',
    );
  }
  return caveats;
}

/** Caveats of one variant; `comparison` warnings that name its label are included. */
export function caveatsOf(input: ReportInput, comparison: Comparison): string[] {
  const fromSources = [...input.engine.warnings, ...(input.profile?.warnings ?? [])].filter(
    (warning) => !warning.startsWith(INT8_PAYOFF_PREFIX),
  );
  const fromComparison = comparison.warnings
    .filter((warning) => warning.startsWith(`${input.label}: `))
    .map((warning) => warning.slice(input.label.length + 2));
  return [...new Set([...measurementCaveats(input), ...fromSources, ...fromComparison])];
}

/** Comparison warnings that name no single variant. */
export function generalNotes(inputs: ReportInput[], comparison: Comparison): string[] {
  return comparison.warnings.filter(
    (warning) => !inputs.some((input) => warning.startsWith(`${input.label}: `)),
  );
}
