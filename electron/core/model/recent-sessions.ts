/**
 * The sessions a user can reopen from Home: the session files in a front end's work folder (where
 * runs write theirs and Save puts them), newest first. Listing the folder rather than remembering
 * what was opened keeps the list true (a deleted file is gone from it) and works the same for the
 * desktop app and for `serve`, whose page may come from another port each time.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface RecentSession {
  path: string;
  /** The file name, as the user sees it. */
  name: string;
  /** ISO time of the last write. */
  modifiedAt: string;
  sizeBytes: number;
}

export const SESSION_SUFFIX = '.session.json';
/** The work folder's sub-folder that holds sessions. */
export const SESSIONS_FOLDER = 'sessions';

export function listRecentSessions(workDir: string, limit = 20): RecentSession[] {
  const folder = path.join(workDir, SESSIONS_FOLDER);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const sessions: RecentSession[] = [];
  for (const name of names) {
    if (!name.endsWith(SESSION_SUFFIX) || name.startsWith('.')) continue;
    const file = path.join(folder, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    sessions.push({ path: file, name, modifiedAt: stat.mtime.toISOString(), sizeBytes: stat.size });
  }
  return sessions.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt)).slice(0, limit);
}
