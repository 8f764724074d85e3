/** `trt-studio report <session.json> --format html,json,csv,pdf,trace --out <dir>`: a report to share. */
import path from 'node:path';
import type { Command } from 'commander';
import { exportReport } from '../../core/report/export-report';
import { parseReportFormats, REPORT_FORMATS } from '../../core/report/report-files';
import { option } from '../options';

interface ReportFlags {
  format: string;
  out: string;
  name: string;
  baseline?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'write a report of a session: HTML (self-contained, opens offline), JSON (with a JSON Schema), CSV (per layer ' +
        'and per variant), PDF, and a Chrome trace of its timeline',
    )
    .argument('<session.json>', 'a session written by `profile` or `import --out`')
    // --format is checked by core (one line naming the unknown format, before anything is read).
    .addOption(
      option('--format <list>', 'comma-separated formats to write', {
        choices: [...REPORT_FORMATS, 'all'],
        default: 'html',
        parse: (value: string) => value,
      }),
    )
    .addOption(option('--out <dir>', 'folder to write into (made if missing)', { default: '.' }))
    .addOption(
      option('--name <base>', 'file name before the extension (report.html, report.layers.csv, ...)', {
        default: 'report',
      }),
    )
    .addOption(
      option('--baseline <variant>', 'what speedups are against: a label, precision or variant id', {
        defaultText: 'FP32 when present',
      }),
    )
    .action(async (session: string, flags: ReportFlags) => {
      const formats = parseReportFormats(flags.format);
      const files = await exportReport({
        sessionPath: session,
        outDir: path.resolve(flags.out),
        baseName: flags.name,
        formats,
        baseline: flags.baseline,
      });
      for (const file of files) process.stdout.write(`wrote ${file}\n`);
    });
}
