/**
 * Plain text of a comparison for `trt-studio compare`: one row per variant (precision, layers,
 * per-layer total and speedup, compute time and where it was measured, latency p50 and its speedup,
 * accuracy), the baseline and why, what to know first, the alignment, the regressions with their
 * reasons, and the lints with their fixes. Every figure comes from core (analysis/comparison-view.ts).
 */
import type { Lint } from '../../core/model/types';
import { formatFixed, formatPercent, formatTime, table } from '../../core/model/units';
import type { ComparisonView, VariantCard } from '../../core/model/views/comparison';
import type { SessionComparison } from '../../core/analysis/compare-sessions';

const WHERE: Record<VariantCard['target'], string> = { gpu: 'GPU', cpu: 'CPU', unknown: '?' };

function accuracyCell(card: VariantCard): string {
  if (card.isBaseline) return 'reference';
  if (!card.accuracy) return 'not measured';
  const value =
    card.accuracy.kind === 'cosine' ? card.accuracy.value.toFixed(6) : formatPercent(card.accuracy.value, 2);
  return `${card.accuracy.label} ${value}${card.accuracy.belowThreshold ? ' (under threshold)' : ''}`;
}

function variantTable(compared: SessionComparison, view: ComparisonView): string {
  const { comparison, speedups, engines } = compared;
  const rows = view.cards.map((card, e) => {
    const compute = comparison.consistency?.[e]?.gpuComputeMs;
    return [
      card.label,
      card.precision,
      String(engines[e]!.layers.length),
      card.perLayer ? formatTime(card.perLayer.totalMs) : 'no per-layer data',
      view.sameModel ? formatFixed(speedups[e], 2, 'x') : '-',
      compute ? formatTime(compute) : '-',
      WHERE[card.target],
      card.latency ? formatTime(card.latency.p50Ms) : '-',
      card.isBaseline
        ? 'baseline'
        : card.speedup
          ? `${formatFixed(card.speedup.value, 2, 'x')} ${card.speedup.mark}`
          : '-',
      accuracyCell(card),
    ];
  });
  return table(
    [
      'variant',
      'precision',
      'layers',
      'per-layer total',
      'per-layer speedup',
      'compute (mean)',
      'on',
      'latency p50',
      'p50 speedup',
      'accuracy',
    ],
    rows,
    ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'r', 'l', 'l'],
  );
}

/** Lints grouped by finding: how many, in which variants, the first message, why, and the fix. */
function lintLines(lints: Lint[], shown: number): string[] {
  if (lints.length === 0) return ['lints: none'];
  const groups = new Map<string, Lint[]>();
  for (const lint of lints) groups.set(lint.id, [...(groups.get(lint.id) ?? []), lint]);
  const lines = [`lints (${lints.length}):`];
  for (const [id, group] of [...groups].slice(0, shown)) {
    const first = group[0]!;
    lines.push(`  ${first.severity} ${id} x${group.length}: ${first.message}`, `      why: ${first.why}`);
    if (first.fix) lines.push(`      fix: ${first.fix}`);
  }
  if (groups.size > shown)
    lines.push(`  ... ${groups.size - shown} more kinds of finding (--json lists every lint)`);
  return lines;
}

export function formatComparison(
  compared: SessionComparison,
  view: ComparisonView,
  options: { regressions?: number; lintKinds?: number } = {},
): string {
  const { comparison, alignment, baseline } = compared;
  const lines: string[] = [
    variantTable(compared, view),
    '',
    `baseline: ${baseline.label} (${baseline.reason})`,
  ];
  for (const note of compared.notes) lines.push(`note: ${note}`);
  // The per-layer sum against the whole run is among the warnings below, in full.
  for (const card of view.cards)
    for (const caveat of card.caveats)
      if (caveat.kind !== 'layer-sum') lines.push(`${card.label}: ${caveat.text}`);
  if (view.sameModel) {
    const methods = Object.entries(alignment.byMethod)
      .filter(([method]) => method !== 'unmatched')
      .map(([method, count]) => `${method} ${count}`)
      .join(', ');
    lines.push(
      '',
      `alignment: ${alignment.matched} of ${alignment.rows} rows matched in every engine${methods ? ` (${methods})` : ''}; ${alignment.rows - alignment.matched} not`,
    );
    const regressions = view.regressions.slice(0, options.regressions ?? 5);
    if (regressions.length > 0) {
      lines.push('', `top regressions (${view.regressions.length} in all):`);
      for (const r of regressions) {
        lines.push(
          `  ${r.rowKey}: ${r.slower} slower than ${r.faster} by ${formatTime(r.deltaMs)} (${formatFixed(r.ratio, 2, 'x')})`,
        );
        for (const reason of r.reasons) lines.push(`      - ${reason}`);
      }
    } else {
      lines.push('', 'no regressions: every lower-precision layer is at least as fast');
    }
    const mismatches = comparison.mismatches ?? [];
    const count = (kind: string) => mismatches.filter((m) => m.kind === kind).length;
    lines.push('', `mismatches: ${count('precision')} precision, ${count('tactic')} tactic`);
  }
  lines.push('', ...lintLines(comparison.lints, options.lintKinds ?? 10));
  const notes = new Set(compared.notes);
  for (const warning of comparison.warnings) if (!notes.has(warning)) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}
