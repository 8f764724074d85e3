/**
 * What a profile run keeps when it does not finish. After each variant's profile the run saves what
 * it has so far to a partial session beside the session it is making (`run.session.json` ->
 * `run.partial.session.json`), never to the session path itself, so an older complete session there
 * survives a failed run. A run that finishes writes its session and removes the partial one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadSession } from '../model/session';

/** The partial session's path for a run writing `outPath`. */
export function partialSessionPathOf(outPath: string): string {
  const parsed = path.parse(path.resolve(outPath));
  const base = parsed.base.endsWith('.session.json')
    ? `${parsed.base.slice(0, -'.session.json'.length)}.partial.session.json`
    : `${parsed.name}.partial${parsed.ext || '.session.json'}`;
  return path.join(parsed.dir, base);
}

export interface PartialSessionFound {
  path: string;
  /** The ids of the variants it holds, each profiled. */
  variants: string[];
}

/**
 * The partial session the run writing `outPath` left, when that run started at or after `since`
 * (ms since the epoch): an older one, from an earlier run, is not this run's.
 */
export function findPartialSession(outPath: string, since: number): PartialSessionFound | undefined {
  const file = partialSessionPathOf(outPath);
  if (!fs.existsSync(file)) return undefined;
  try {
    const session = loadSession(file);
    const started = Date.parse(session.run?.startedAt ?? '');
    if (!session.run?.outcome || !(started >= since)) return undefined;
    return { path: file, variants: session.variants.map((variant) => variant.id) };
  } catch {
    // Unreadable (half a disk, another program's file): nothing this run can point to.
    return undefined;
  }
}
