/**
 * What a report compares: the session's engines as "Sessions -> Comparison" (analysis/compare-sessions)
 * orders and labels them (baseline first, FP32 unless the caller names another; labels are precision
 * and backend, never internal ids), each with its profile and the variant it was made from.
 */
import { compareEngines } from '../analysis/comparison';
import { compareSessions } from '../analysis/compare-sessions';
import { engineLabels } from '../analysis/engine-labels';
import type { ProfiledEngine } from '../analysis/engine-timing';
import { StudioError } from '../errors';
import type { Comparison, Precision, Session, Variant } from '../model/types';

export interface ReportInput extends ProfiledEngine {
  variant?: Variant;
}

export interface ReportComparison {
  /** In compared order: the baseline first. */
  inputs: ReportInput[];
  comparison: Comparison;
  /** "speedups are against FP32 TensorRT: FP32, the reference precision". */
  baselineNote: string;
}

const PRECISIONS: Precision[] = ['fp32', 'fp16', 'bf16', 'int8', 'fp8', 'int4', 'mixed'];

/** A baseline given as a precision ("fp16") means the first engine of that precision. */
function baselineOf(session: Session, wanted: string | undefined): string | number | undefined {
  if (!wanted || !PRECISIONS.includes(wanted.toLowerCase() as Precision)) return wanted;
  const index = session.engines.findIndex((engine) => engine.precision === wanted.toLowerCase());
  return index >= 0 ? index : wanted;
}

export function reportComparison(session: Session, baseline?: string, file?: string): ReportComparison {
  if (session.engines.length === 0) throw new StudioError(file, 'the session holds no engine to report on');
  const inputOf = (engine: Session['engines'][number], label: string): ReportInput => ({
    engine,
    label,
    profile: session.profiles.find((profile) => profile.engineId === engine.id),
    variant: session.variants.find((variant) => variant.id === engine.variantId),
  });
  if (session.engines.length === 1) {
    const engine = session.engines[0]!;
    const input = inputOf(engine, engineLabels([{ engine, name: engine.id }])[0]!);
    return {
      inputs: [input],
      comparison: compareEngines([input]),
      baselineNote: `one engine only (${input.label}): nothing to compare it with`,
    };
  }
  let compared;
  try {
    compared = compareSessions([session], { baseline: baselineOf(session, baseline) });
  } catch (error) {
    if (error instanceof StudioError) throw new StudioError(file, error.problem, { cause: error });
    throw error;
  }
  const { comparison, engines, baseline: chosen } = compared;
  return {
    inputs: engines.map((engine, e) => inputOf(engine, comparison.labels[e]!)),
    comparison,
    baselineNote: `speedups are against ${chosen.label}: ${chosen.reason}`,
  };
}
