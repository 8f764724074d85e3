/**
 * `trt-studio compare <sessions or files...>`: engines side by side (labelled by precision and backend,
 * against an explicit baseline), speedups, regressions with reasons, lints with their fixes.
 */
import type { Command } from 'commander';
import { StudioError } from '../../core/errors';
import { filesToSessions, firstRefusal } from '../../core/importers/files-to-session';
import { compareSessions } from '../../core/analysis/compare-sessions';
import { comparisonView } from '../../core/analysis/comparison-view';
import { toJson } from '../../core/model/serialize';
import { formatComparison } from '../format/comparison-table';

interface CompareCliOptions {
  json?: boolean;
  table?: boolean;
  labels?: string;
  baseline?: string;
  top: string;
  lints: string;
}

function count(text: string, fallback: number): number {
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'compare 2+ engines (e.g. FP32, FP16 and INT8 builds): layers aligned, totals, speedups vs the baseline, ' +
        'regressions with reasons',
    )
    .argument('<inputs...>', 'session files and/or trtexec files (grouped by run)')
    .option('--json', 'print the Comparison as JSON')
    .option('--table', 'print the headline table (default)')
    .option('--labels <a,b,...>', 'names of the runs, in order')
    .option('--baseline <label>', 'the run the others are measured against (default: the FP32 one)')
    .option('--top <n>', 'regressions to list', '5')
    .option('--lints <n>', 'kinds of lint to print (0: none)', '10')
    .action(async (inputs: string[], options: CompareCliOptions) => {
      if (options.json && options.table) throw new StudioError(undefined, 'choose one of --json and --table');
      const opened = await filesToSessions(inputs);
      const refused = firstRefusal(opened.files);
      if (refused) throw refused;
      const compared = compareSessions(
        opened.sessions.map((part) => part.session),
        { labels: options.labels?.split(','), baseline: options.baseline },
      );
      const view = comparisonView(compared.comparison, compared.items, { sameModel: compared.sameModel });
      if (options.json) {
        const { items: _items, engines: _engines, ...rest } = compared;
        process.stdout.write(`${toJson({ ...rest, cards: view.cards }, 2)}\n`);
      } else {
        const text = formatComparison(compared, view, {
          regressions: count(options.top, 5),
          lintKinds: count(options.lints, 10),
        });
        process.stdout.write(`${text}\n`);
      }
    });
}
