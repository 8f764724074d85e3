/**
 * Open Recent: the files the user opened last (newest first, at most 10), kept in userData and
 * given to the OS's own recent list too. Entries that no longer exist are dropped when read.
 */
import fs from 'node:fs';
import { writeFileAtomic } from '../core/model/session';

const KEPT = 10;

export class RecentFiles {
  constructor(private readonly file: string) {}

  list(): string[] {
    try {
      const raw = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      if (!Array.isArray(raw)) return [];
      return raw.filter((item): item is string => typeof item === 'string' && fs.existsSync(item));
    } catch {
      return [];
    }
  }

  add(paths: string[]): string[] {
    const next = [...paths, ...this.list().filter((item) => !paths.includes(item))].slice(0, KEPT);
    writeFileAtomic(this.file, JSON.stringify(next));
    return next;
  }
}
