/**
 * Opens an SQLite file with sql.js (SQLite compiled to WebAssembly: no native module to rebuild for
 * Electron). The WebAssembly module is loaded once per process.
 */
import fs from 'node:fs';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { StudioError, fileError } from '../errors';

let sqlJs: Promise<SqlJsStatic> | undefined;
let loaded: SqlJsStatic | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs().then((module) => (loaded = module));
  return sqlJs;
}

/** The module once loadSqlJs has resolved (every Database comes from it), else undefined. */
export function loadedSqlJs(): SqlJsStatic | undefined {
  return loaded;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export function hasSqliteMagic(head: Uint8Array): boolean {
  if (head.length < SQLITE_MAGIC.length) return false;
  for (let i = 0; i < SQLITE_MAGIC.length; i++) if (head[i] !== SQLITE_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** Reads the whole file into an in-memory database; anything that is not SQLite is a StudioError. */
export async function openSqliteFile(file: string): Promise<Database> {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw fileError(file, error);
  }
  if (!hasSqliteMagic(bytes))
    throw new StudioError(file, 'not an SQLite database (no "SQLite format 3" header)');
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  try {
    db.exec('SELECT count(*) FROM sqlite_master');
    // Importers scan each table once and sort in JS, so SQLite's default 2 MB page cache is enough: a
    // large one only grew the WebAssembly heap by the file's size (and was slower at a million rows).
    // Temporary structures stay in memory rather than in emscripten's file system.
    db.run('PRAGMA temp_store = MEMORY');
  } catch (error) {
    db.close();
    throw new StudioError(file, `corrupt SQLite database: ${(error as Error).message}`);
  }
  return db;
}

/** Rows in a table, cheaply: nsys-like tables are written once, so the largest rowid counts them. */
export function tableRows(db: Database, table: string): number {
  return Number(queryValue(db, `SELECT max(rowid) FROM ${table}`) ?? 0);
}

/** Single-row, single-value query; undefined when there is no row. */
export function queryValue(db: Database, sql: string): unknown {
  const result = db.exec(sql);
  return result[0]?.values[0]?.[0];
}
