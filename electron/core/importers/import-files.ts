/**
 * Import any mix of files: trtexec-family files are grouped by run and merged (grouping.ts); every other
 * file goes through the importer that recognizes it. Session files are opened as they are.
 */
import path from 'node:path';
import type { Engine, Profile } from '../model/types';
import type { Trace } from '../model/trace';
import { loadSession } from '../model/session';
import { detectImporter, readHead } from './registry';
import { importTrtexecFiles, type ImportedRun } from './grouping';

export interface ImportedFiles {
  /** One per engine: trtexec runs, engines of other importers and of sessions, in argument order. */
  runs: ImportedRun[];
  traces: Trace[];
  warnings: string[];
}

export function isSessionFile(file: string): boolean {
  const head = new TextDecoder().decode(readHead(file).subarray(0, 256));
  return /^\s*\{\s*"kind"\s*:\s*"session"/.test(head);
}

function runsOf(engines: Engine[], profiles: Profile[], source: string): ImportedRun[] {
  return engines.map((engine) => ({
    label: engines.length > 1 ? `${path.basename(source)}:${engine.id}` : path.basename(source),
    engine,
    profile: profiles.find((profile) => profile.engineId === engine.id),
    warnings: [...engine.warnings],
  }));
}

export async function importFiles(files: string[]): Promise<ImportedFiles> {
  const result: ImportedFiles = { runs: [], traces: [], warnings: [] };
  const sessions = files.filter(isSessionFile);
  const { runs, others } = importTrtexecFiles(files.filter((file) => !sessions.includes(file)));
  for (const file of sessions) {
    const session = loadSession(file);
    result.runs.push(...runsOf(session.engines, session.profiles, file));
    result.traces.push(...session.traces);
  }
  result.runs.push(...runs);
  for (const file of others) {
    const imported = await detectImporter(file).parse(file);
    result.runs.push(...runsOf(imported.engines, imported.profiles, file));
    result.traces.push(...imported.traces);
    result.warnings.push(...imported.warnings);
  }
  return result;
}

/** Drops the prefix and suffix all labels share (`a__fp32__x`, `a__fp16__x` -> `fp32`, `fp16`). */
export function shortenLabels(labels: string[]): string[] {
  if (labels.length < 2) return labels;
  const common = (a: string, b: string, fromEnd: boolean) => {
    let n = 0;
    while (
      n < a.length &&
      n < b.length &&
      (fromEnd ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])
    )
      n++;
    return n;
  };
  let prefix = Math.min(...labels.map((label) => common(labels[0]!, label, false)));
  let suffix = Math.min(...labels.map((label) => common(labels[0]!, label, true)));
  // Cut at separators so names are not split mid-word.
  while (prefix > 0 && !/[._\-/]/.test(labels[0]![prefix - 1]!)) prefix--;
  while (suffix > 0 && !/[._\-/]/.test(labels[0]![labels[0]!.length - suffix]!)) suffix--;
  const short = labels.map((label) =>
    label.slice(prefix, label.length - suffix).replace(/^[._\-/]+|[._\-/]+$/g, ''),
  );
  return short.every((label) => label.length > 0) && new Set(short).size === labels.length ? short : labels;
}
