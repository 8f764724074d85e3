/**
 * Writes a report in the formats asked for, all or nothing: every file is made in a temporary folder
 * inside the output folder, then renamed into place; on any failure the temporary folder is removed,
 * so no partial file is left, nor a folder made for the report. Also the checks a command
 * makes before any long work: known format names, a writable output folder, a Chromium for PDF.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../errors';
import type { Trace } from '../model/trace';
import { writeChromeTraces } from './chrome-trace-export';
import { layersCsv, variantsCsv } from './csv-export';
import { reportHtml } from './html-export';
import { chromiumPath, htmlToPdf } from './pdf-export';
import { reportPageTemplate } from './report-page';
import type { Report } from '../model/report';
import { reportTraces } from './report-trace';

export const REPORT_FORMATS = ['html', 'json', 'csv', 'pdf', 'trace'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The files each format makes, by their name after the base name. */
const SUFFIXES: Record<ReportFormat, string[]> = {
  html: ['.html'],
  json: ['.json'],
  csv: ['.layers.csv', '.variants.csv'],
  pdf: ['.pdf'],
  trace: ['.trace.json'],
};

/** "html,json" -> formats in the order given; `all` means every format. Unknown names are refused. */
export function parseReportFormats(list: string): ReportFormat[] {
  const names = list
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0)
    throw new StudioError(undefined, `no report format given (known: ${REPORT_FORMATS.join(', ')})`);
  const formats = new Set<ReportFormat>();
  for (const name of names) {
    if (name === 'all') REPORT_FORMATS.forEach((format) => formats.add(format));
    else if ((REPORT_FORMATS as readonly string[]).includes(name)) formats.add(name as ReportFormat);
    else
      throw new StudioError(
        undefined,
        `unknown report format "${name}" (known: ${REPORT_FORMATS.join(', ')}, all)`,
      );
  }
  return [...formats];
}

/** The format a report file name asks for by its ending (report.html -> html), or null. */
export function formatOfFileName(file: string): ReportFormat | null {
  const name = path.basename(file).toLowerCase();
  const match = REPORT_FORMATS.find((format) => SUFFIXES[format].some((suffix) => name.endsWith(suffix)));
  return match ?? null;
}

/** `report.html` -> `report`: the base name the other formats' files share. */
export function baseNameOf(file: string): string {
  const name = path.basename(file);
  const suffix = Object.values(SUFFIXES)
    .flat()
    .sort((a, b) => b.length - a.length)
    .find((s) => name.toLowerCase().endsWith(s));
  return suffix ? name.slice(0, -suffix.length) : name;
}

/**
 * Proves that `dir` can be written, or made and written, without leaving anything behind: a probe
 * folder is made and removed in `dir`, or in its nearest existing ancestor when `dir` does not exist yet.
 */
export function checkWritableFolder(dir: string): void {
  let existing = path.resolve(dir);
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  try {
    if (!fs.statSync(existing).isDirectory())
      throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    fs.rmSync(fs.mkdtempSync(path.join(existing, '.trt-studio-write-check-')), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StudioError(dir, `the output folder is not writable (${code} at ${existing})`);
  }
}

/** Checks to make before any long work: the folder can be written, and PDF has a Chromium. */
export function checkReportOutput(dir: string, formats: ReportFormat[]): void {
  checkWritableFolder(dir);
  if (formats.includes('pdf')) chromiumPath();
}

export interface ReportOutput {
  outDir: string;
  /** File names are `<baseName><suffix>` (report.html, report.layers.csv, ...). */
  baseName: string;
  formats: ReportFormat[];
}

/**
 * Where `--report <file>` puts the report: beside the file, named after it; the formats are those
 * listed, else the one the file name ends in (report.html -> html).
 */
export function reportOutputOf(file: string, formats?: string): ReportOutput {
  const fromName = formatOfFileName(file);
  if (!formats && !fromName) {
    throw new StudioError(
      file,
      `cannot tell the report format from the file name: end it in .html, .json, .pdf, .trace.json or .layers.csv, or list the formats (${REPORT_FORMATS.join(', ')})`,
    );
  }
  return {
    outDir: path.dirname(path.resolve(file)),
    baseName: baseNameOf(file),
    formats: formats ? parseReportFormats(formats) : [fromName!],
  };
}

async function writeFormat(
  format: ReportFormat,
  report: Report,
  traces: Trace[],
  base: string,
  html: () => Promise<string>,
) {
  switch (format) {
    case 'html':
      fs.writeFileSync(`${base}.html`, await html());
      break;
    case 'json':
      fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
      break;
    case 'csv':
      fs.writeFileSync(`${base}.layers.csv`, layersCsv(report));
      fs.writeFileSync(`${base}.variants.csv`, variantsCsv(report));
      break;
    case 'pdf':
      fs.writeFileSync(`${base}.pdf`, await htmlToPdf(await html()));
      break;
    case 'trace':
      writeChromeTraces(reportTraces(report, traces), `${base}.trace.json`);
      break;
  }
}

/** Writes every asked-for file or none; returns the paths written. */
export async function writeReportFiles(
  report: Report,
  traces: Trace[],
  output: ReportOutput,
): Promise<string[]> {
  checkReportOutput(output.outDir, output.formats);
  // The first folder mkdir made, if any: removed again when the report fails.
  const made = fs.mkdirSync(output.outDir, { recursive: true });
  const temp = fs.mkdtempSync(path.join(output.outDir, '.trt-studio-report-'));
  let page: Promise<string> | undefined;
  const html = async () => reportHtml(report, await (page ??= reportPageTemplate()));
  const written: string[] = [];
  try {
    for (const format of output.formats)
      await writeFormat(format, report, traces, path.join(temp, output.baseName), html);
    for (const name of fs.readdirSync(temp).sort()) {
      const target = path.join(output.outDir, name);
      fs.renameSync(path.join(temp, name), target);
      written.push(target);
    }
    return written;
  } catch (error) {
    for (const file of written) fs.rmSync(file, { force: true });
    if (made) fs.rmSync(made, { recursive: true, force: true });
    throw error;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
