/**
 * Session files: create, save atomically, load. A save writes a temporary file beside the target,
 * flushes it, then renames it over the target, so a crash never leaves a half-written session.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseSession, toJson } from './serialize';
import { SCHEMA_VERSION, type Session } from './types';
import { APP_NAME, APP_VERSION } from './app-info';
import { StudioError, fileError } from '../errors';

export function newSession(): Session {
  const now = new Date().toISOString();
  return {
    kind: 'session',
    schemaVersion: SCHEMA_VERSION,
    app: { name: APP_NAME, version: APP_VERSION },
    createdAt: now,
    updatedAt: now,
    variants: [],
    engines: [],
    profiles: [],
    traces: [],
    comparisons: [],
    accuracy: [],
    notes: [],
  };
}

/** Writes `data` to `file` atomically (temp file + fsync + rename). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(temp, 'w');
  } catch (error) {
    // The temp file sits beside the target: a missing or read-only folder is the target's problem.
    throw cannotWrite(file, error);
  }
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw fileError(file, error, 'cannot write');
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw fileError(file, error, 'cannot write');
  }
}

/** Why `file` cannot be written, naming its folder when that is what is missing. */
function cannotWrite(file: string, error: unknown): StudioError {
  const dir = path.dirname(path.resolve(file));
  if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !fs.existsSync(dir))
    return new StudioError(file, `cannot write: the folder ${dir} does not exist`, { cause: error });
  return fileError(file, error, 'cannot write');
}

/**
 * Throws unless `file` can be written: its folder exists and takes new files, and it is not a folder.
 * A profile run checks this before it makes anything, so a mistyped --out fails at once, not after
 * every variant was profiled.
 */
export function checkCanWrite(file: string): void {
  const dir = path.dirname(path.resolve(file));
  try {
    if (!fs.statSync(dir).isDirectory()) throw new StudioError(file, `cannot write: ${dir} is not a folder`);
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw error instanceof StudioError ? error : cannotWrite(file, error);
  }
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory())
    throw new StudioError(file, 'cannot write: is a folder, not a file');
}

export function saveSession(file: string, session: Session): void {
  session.updatedAt = new Date().toISOString();
  writeFileAtomic(file, toJson(session));
}

export function loadSession(file: string): Session {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw fileError(file, error);
  }
  try {
    return parseSession(text);
  } catch (error) {
    throw new StudioError(file, (error as Error).message, { cause: error });
  }
}
