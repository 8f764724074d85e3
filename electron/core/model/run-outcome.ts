/**
 * The one sentence that says a session comes from a run that did not finish: where it stopped, why,
 * and what the session holds. The Session view shows it as a banner; absent for a finished run.
 */
import type { Session } from './types';
import { stageLabel, variantLabel } from './stage-label';

export function unfinishedRunLine(session: Session): string | null {
  const outcome = session.run?.outcome;
  if (!outcome) return null;
  const where =
    outcome.state === 'incomplete'
      ? `stopped after ${stageLabel(outcome.stage)}`
      : `${outcome.state} at ${stageLabel(outcome.stage)}`;
  const why = outcome.state === 'cancelled' ? '' : ` — ${outcome.message.replace(/\.$/, '')}`;
  const holds = session.variants.map((variant) => variantLabel(variant.id)).join(', ');
  return `Incomplete run: ${where}${why}. This session holds ${holds || 'no variant'}.`;
}
