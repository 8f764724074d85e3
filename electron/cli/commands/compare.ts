/** `trt-studio compare <sessions or files...>`: engines side by side, speedups, regressions with reasons. */
import type { Command } from 'commander';
import { StudioError } from '../../core/errors';
import { filesToSessions, firstRefusal } from '../../core/importers/files-to-session';
import { compareSessions } from '../../core/analysis/compare-sessions';
import { toJson } from '../../core/model/serialize';
import { formatComparison } from '../format/comparison-table';

interface CompareCliOptions {
  json?: boolean;
  table?: boolean;
  labels?: string;
  baseline?: string;
  top: string;
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
    .action(async (inputs: string[], options: CompareCliOptions) => {
      if (options.json && options.table) throw new StudioError(undefined, 'choose one of --json and --table');
      const opened = await filesToSessions(inputs);
      const refused = firstRefusal(opened.files);
      if (refused) throw refused;
      const view = compareSessions(
        opened.sessions.map((part) => part.session),
        { labels: options.labels?.split(','), baseline: options.baseline },
      );
      if (options.json) {
        process.stdout.write(`${toJson({ ...view, engines: undefined }, 2)}\n`);
      } else {
        const top = Number.parseInt(options.top, 10);
        process.stdout.write(`${formatComparison(view, Number.isFinite(top) && top >= 0 ? top : 5)}\n`);
      }
    });
}
