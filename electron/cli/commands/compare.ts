/**
 * `trt-studio compare <sessions or files...>`: engines side by side (labelled by precision and backend,
 * against an explicit baseline), speedups, regressions with reasons, lints with their fixes.
 */
import type { Command } from 'commander';
import { filesToSessions, firstRefusal } from '../../core/importers/files-to-session';
import { compareSessions } from '../../core/analysis/compare-sessions';
import { comparisonView } from '../../core/analysis/comparison-view';
import { toJson } from '../../core/model/serialize';
import { formatComparison } from '../format/comparison-table';
import { option, UsageError, wholeNumber } from '../options';

interface CompareCliOptions {
  json?: boolean;
  table?: boolean;
  labels?: string;
  baseline?: string;
  top: number;
  lints: number;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'compare 2+ engines (e.g. FP32, FP16 and INT8 builds): layers aligned, totals, speedups vs the baseline, ' +
        'regressions with reasons, lints with their fixes',
    )
    .argument('<inputs...>', 'session files and/or trtexec files (grouped by run)')
    .option('--json', 'print the Comparison as JSON')
    .option('--table', 'print the headline table (default)')
    .addOption(
      option('--labels <a,b,...>', 'names of the runs, in order', {
        defaultText: 'precision and backend, e.g. "INT8 TensorRT"',
      }),
    )
    .addOption(
      option('--baseline <label>', 'the run the others are measured against', {
        defaultText: 'the FP32 one',
      }),
    )
    .addOption(option('--top <n>', 'regressions to list', { default: 5, parse: wholeNumber }))
    .addOption(option('--lints <n>', 'kinds of lint to print (0: none)', { default: 10, parse: wholeNumber }))
    .action(async (inputs: string[], options: CompareCliOptions) => {
      if (options.json && options.table)
        throw new UsageError('--json and --table exclude each other; choose one');
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
        const text = formatComparison(compared, view, { regressions: options.top, lintKinds: options.lints });
        process.stdout.write(`${text}\n`);
      }
    });
}
