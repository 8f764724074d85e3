/** `trt-studio compare <sessions or files...>`: engines side by side, speedups, regressions with reasons. */
import type { Command } from 'commander';
import { StudioError } from '../../core/errors';
import { importFiles, shortenLabels } from '../../core/importers/import-files';
import { compareEngines, speedupsOf } from '../../core/analysis/comparison';
import { alignmentStats } from '../../core/analysis/layer-alignment';
import { toJson } from '../../core/model/serialize';
import { formatComparison } from '../format/comparison-table';
import { option, UsageError, wholeNumber } from '../options';

interface CompareCliOptions {
  json?: boolean;
  table?: boolean;
  labels?: string;
  top: number;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'compare 2+ engines (e.g. FP32, FP16 and INT8 builds): layers aligned, totals, speedups vs the first, ' +
        'regressions with reasons',
    )
    .argument(
      '<inputs...>',
      'session files and/or trtexec files (grouped by run); the first run is the baseline',
    )
    .option('--json', 'print the Comparison as JSON')
    .option('--table', 'print the headline table (default)')
    .addOption(
      option('--labels <a,b,...>', 'names of the runs, in order', {
        defaultText: 'the file names, shortened to what differs',
      }),
    )
    .addOption(option('--top <n>', 'regressions to list', { default: 5, parse: wholeNumber }))
    .action(async (inputs: string[], options: CompareCliOptions) => {
      if (options.json && options.table)
        throw new UsageError('--json and --table exclude each other; choose one');
      const { runs } = await importFiles(inputs);
      if (runs.length < 2) {
        throw new StudioError(inputs[0], `compare needs 2 or more engines; these files hold ${runs.length}`);
      }
      const labels = options.labels ? options.labels.split(',') : shortenLabels(runs.map((run) => run.label));
      if (labels.length !== runs.length) {
        throw new UsageError(`--labels names ${labels.length} runs, the inputs hold ${runs.length}`);
      }
      const comparison = compareEngines(
        runs.map((run, e) => ({ engine: run.engine, profile: run.profile, label: labels[e]! })),
      );
      const view = {
        comparison,
        engines: runs.map((run) => run.engine),
        speedups: speedupsOf(comparison),
        alignment: alignmentStats(comparison.rows),
      };
      if (options.json) {
        process.stdout.write(`${toJson({ ...view, engines: undefined }, 2)}\n`);
      } else {
        process.stdout.write(`${formatComparison(view, options.top)}\n`);
      }
    });
}
