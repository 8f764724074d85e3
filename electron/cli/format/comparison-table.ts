/** Plain-text headline of a Comparison for `trt-studio compare`. */
import type { Comparison, Engine } from '../../core/model/types';
import { formatFixed, formatTime, table } from '../../core/model/units';

export interface ComparisonView {
  comparison: Comparison;
  engines: Engine[];
  speedups: (number | null)[];
  alignment: { rows: number; matched: number; byMethod: Record<string, number> };
}

export function formatComparison(view: ComparisonView, topRegressions = 5): string {
  const { comparison, engines, speedups, alignment } = view;
  const lines: string[] = [];
  const rows = comparison.labels.map((label, e) => {
    const consistency = comparison.consistency?.[e];
    return [
      label,
      engines[e]!.precision,
      String(engines[e]!.layers.length),
      formatTime(comparison.totals[e]!.totalMs),
      formatFixed(speedups[e], 2, 'x'),
      consistency?.gpuComputeMs ? formatTime(consistency.gpuComputeMs) : '-',
    ];
  });
  lines.push(
    table(
      [
        'variant',
        'precision',
        'layers',
        'per-layer total',
        `speedup vs ${comparison.labels[0]}`,
        'GPU compute (mean)',
      ],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  const methods = Object.entries(alignment.byMethod)
    .filter(([method]) => method !== 'unmatched')
    .map(([method, count]) => `${method} ${count}`)
    .join(', ');
  lines.push(
    '',
    `alignment: ${alignment.matched} of ${alignment.rows} rows matched in every engine (${methods}); ${alignment.rows - alignment.matched} not`,
  );
  const regressions = comparison.regressions.slice(0, topRegressions);
  if (regressions.length > 0) {
    lines.push('', `top regressions (${comparison.regressions.length} in all):`);
    for (const regression of regressions) {
      const slower = comparison.labels[regression.slowerEngine];
      const faster = comparison.labels[regression.fasterEngine];
      lines.push(
        `  ${regression.rowKey}: ${slower} slower than ${faster} by ${formatTime(regression.deltaMs)} (${formatFixed(regression.ratio, 2, 'x')})`,
      );
      for (const reason of regression.reasons) lines.push(`      - ${reason}`);
    }
  } else {
    lines.push('', 'no regressions: every lower-precision layer is at least as fast');
  }
  const mismatches = comparison.mismatches ?? [];
  const count = (kind: string) => mismatches.filter((m) => m.kind === kind).length;
  lines.push(
    '',
    `mismatches: ${count('precision')} precision, ${count('tactic')} tactic; lints: ${comparison.lints.length}`,
  );
  for (const warning of comparison.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}
