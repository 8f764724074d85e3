/**
 * What a report compares: the session's engines, each with its profile and the variant it was made
 * from, labelled by precision and backend (never by internal ids), baseline first. The baseline is
 * chosen explicitly: the one the caller names, else FP32 when there is one, else the first engine.
 */
import { StudioError } from '../errors';
import type { ProfiledEngine } from '../analysis/engine-timing';
import { precisionRank } from '../model/precision';
import type { Engine, Profile, Session, Variant } from '../model/types';

export interface ReportInput extends ProfiledEngine {
  variant?: Variant;
}

function baseLabel(engine: Engine): string {
  return `${engine.precision.toUpperCase()} · ${engine.backend}`;
}

/** Labels made unique by the variant id (or engine id) where precision and backend coincide. */
function labelsOf(engines: Engine[]): string[] {
  const base = engines.map(baseLabel);
  return base.map((label, i) =>
    base.filter((other) => other === label).length > 1
      ? `${label} (${engines[i]!.variantId ?? engines[i]!.id})`
      : label,
  );
}

function matchesBaseline(input: ReportInput, wanted: string): boolean {
  const key = wanted.toLowerCase();
  return [input.label, input.engine.id, input.engine.precision, input.variant?.id ?? '']
    .map((value) => value.toLowerCase())
    .includes(key);
}

/** The session's engines in report order: baseline first, then from wide to narrow precision. */
export function reportInputs(session: Session, baseline?: string, file?: string): ReportInput[] {
  if (session.engines.length === 0) throw new StudioError(file, 'the session holds no engine to report on');
  const labels = labelsOf(session.engines);
  const inputs: ReportInput[] = session.engines.map((engine, e) => ({
    engine,
    profile: session.profiles.find((profile: Profile) => profile.engineId === engine.id),
    variant: session.variants.find((variant) => variant.id === engine.variantId),
    label: labels[e]!,
  }));
  const rank = (input: ReportInput) => precisionRank(input.engine.precision) ?? -1;
  const ordered = inputs
    .map((input, order) => ({ input, order }))
    .sort((a, b) => rank(b.input) - rank(a.input) || a.order - b.order)
    .map(({ input }) => input);
  const chosen = baseline
    ? ordered.find((input) => matchesBaseline(input, baseline))
    : (ordered.find((input) => input.engine.precision === 'fp32') ?? ordered[0]);
  if (!chosen) {
    throw new StudioError(
      file,
      `no engine matches the baseline "${baseline}" (engines: ${ordered.map((i) => i.label).join(', ')})`,
    );
  }
  return [chosen, ...ordered.filter((input) => input !== chosen)];
}
