/** `trt-studio import <files...>`: trtexec / profiler files, grouped by run, summarized, optionally saved. */
import type { Command } from 'commander';
import { filesToSession, firstRefusal } from '../../core/importers/files-to-session';
import { summarizeImport } from '../../core/analysis/import-summary';
import { saveSession } from '../../core/model/session';
import { formatEngineSummary } from '../format/engine-summary';
import { formatTraceSummary } from '../format/trace-summary';
import { option } from '../options';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import trtexec exports (--exportLayerInfo, --exportProfile, --exportTimes, console log, TREx metadata) and other ' +
        'profiles; files of one run (same folder and stem) are merged into one engine',
    )
    .argument('<files...>', 'files to import, e.g. run.graph.json run.profile.json run.timing.json run.log')
    .option('--json', 'print the summaries as JSON')
    .addOption(
      option('--out <session.json>', 'write the engines, profiles and traces to a session file', {
        defaultText: 'none, nothing is written',
      }),
    )
    .action(async (files: string[], options: { json?: boolean; out?: string }) => {
      const imported = await filesToSession(files);
      const refused = firstRefusal(imported.files);
      if (refused) throw refused;
      const summary = summarizeImport(imported);
      if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        const blocks = [
          ...summary.engines.map(formatEngineSummary),
          ...summary.traces.map(formatTraceSummary),
        ];
        const notes = summary.notes.length > 0 ? [summary.notes.join('\n')] : [];
        process.stdout.write(`${[...notes, ...blocks].join('\n\n')}\n`);
      }
      for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
      if (options.out) {
        saveSession(options.out, imported.session);
        if (!options.json) process.stdout.write(`session written to ${options.out}\n`);
      }
    });
}
