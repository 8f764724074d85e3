/**
 * Row-by-row reading of a query through typed accessors. sql.js's `Statement.get()` probes each
 * column's type and builds an array per row (two WebAssembly calls per value plus an allocation). When
 * the sql.js module exposes SQLite's own column functions (it exports them for its own use), a row here
 * reads a number with one call and allocates nothing (15 columns of a million kernels: 0.43 s instead
 * of 0.65 s); otherwise it falls back to `get()`. Measured and rejected: packing rows into text in SQL
 * (group_concat of printf/||/char per row, parsed in JS or by JSON.parse) was 3-4x slower than stepping,
 * since SQLite's VM runs each expression in WebAssembly; joining kernels to launches in SQL needed an
 * index (0.47 s to build) and made the scan 0.43 s slower than the JS lookup by correlationId.
 */
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { loadedSqlJs } from './sqlite-database';

/** One result row; valid only inside the callback that receives it. */
export interface SqlRow {
  /** The column as a number (NULL reads 0, as Number(null) does). */
  number(column: number): number;
  /** The column as text, or null when it is NULL. */
  text(column: number): string | null;
  isNull(column: number): boolean;
}

const SQLITE_ROW = 100;
const SQLITE_DONE = 101;
const SQLITE_NULL = 5;

/** The SQLite C functions and string helper that the sql.js module exports. */
interface SqliteExports {
  _sqlite3_step(statement: number): number;
  _sqlite3_sql(statement: number): number;
  _sqlite3_column_type(statement: number, column: number): number;
  _sqlite3_column_double(statement: number, column: number): number;
  _sqlite3_column_text(statement: number, column: number): number;
  _sqlite3_column_bytes(statement: number, column: number): number;
  UTF8ToString(pointer: number, maxBytes?: number): string;
}

const REQUIRED_EXPORTS = [
  '_sqlite3_step',
  '_sqlite3_sql',
  '_sqlite3_column_type',
  '_sqlite3_column_double',
  '_sqlite3_column_text',
  '_sqlite3_column_bytes',
  'UTF8ToString',
] as const;

function sqliteExports(module: SqlJsStatic): SqliteExports | undefined {
  const candidate = module as unknown as Record<string, unknown>;
  return REQUIRED_EXPORTS.every((name) => typeof candidate[name] === 'function')
    ? (candidate as unknown as SqliteExports)
    : undefined;
}

/**
 * The sqlite3_stmt pointer behind a prepared Statement (a private, minified field): the numeric field
 * whose sqlite3_sql() reads back this very SQL text. Undefined when no field passes that check.
 */
function statementPointer(api: SqliteExports, statement: Statement, sql: string): number | undefined {
  for (const value of Object.values(statement)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 1) continue;
    try {
      if (api.UTF8ToString(api._sqlite3_sql(value)) === sql) return value;
    } catch {
      // Not a statement pointer (a read outside the module's memory): try the next field.
    }
  }
  return undefined;
}

class NativeRow implements SqlRow {
  constructor(
    private readonly api: SqliteExports,
    private readonly statement: number,
  ) {}

  number(column: number): number {
    return this.api._sqlite3_column_double(this.statement, column);
  }

  text(column: number): string | null {
    // sqlite3_column_text returns a null pointer exactly for NULL (and for out-of-memory).
    const pointer = this.api._sqlite3_column_text(this.statement, column);
    if (pointer === 0) return null;
    return this.api.UTF8ToString(pointer, this.api._sqlite3_column_bytes(this.statement, column));
  }

  isNull(column: number): boolean {
    return this.api._sqlite3_column_type(this.statement, column) === SQLITE_NULL;
  }
}

class ArrayRow implements SqlRow {
  values: unknown[] = [];

  number(column: number): number {
    return Number(this.values[column] ?? 0);
  }

  text(column: number): string | null {
    const value = this.values[column];
    return value == null ? null : String(value);
  }

  isNull(column: number): boolean {
    return this.values[column] == null;
  }
}

/** Which way rows are read: through SQLite's exported column functions, or sql.js's public get(). */
export type RowPath = 'native' | 'arrays';

/**
 * Runs a query and calls `onRow` for each row; returns the path it took. `portable` forces the
 * public-API path (to compare the two).
 */
export function forEachRow(
  db: Database,
  sql: string,
  onRow: (row: SqlRow) => void,
  options: { portable?: boolean } = {},
): RowPath {
  const statement = db.prepare(sql);
  try {
    const module = options.portable ? undefined : loadedSqlJs();
    const api = module && sqliteExports(module);
    const pointer = api && statementPointer(api, statement, sql);
    if (api && pointer !== undefined) {
      stepNative(db, api, pointer, onRow);
      return 'native';
    }
    stepArrays(statement, onRow);
    return 'arrays';
  } finally {
    statement.free();
  }
}

function stepNative(db: Database, api: SqliteExports, pointer: number, onRow: (row: SqlRow) => void): void {
  const row = new NativeRow(api, pointer);
  for (;;) {
    const code = api._sqlite3_step(pointer);
    if (code === SQLITE_ROW) onRow(row);
    else if (code === SQLITE_DONE) return;
    else throwSqliteError(db, code);
  }
}

/** sql.js's handleError(code) throws SQLite's message for the connection (its typings omit the code). */
function throwSqliteError(db: Database, code: number): never {
  (db.handleError as unknown as (code: number) => null)(code);
  throw new Error(`SQLite error ${code}`);
}

function stepArrays(statement: Statement, onRow: (row: SqlRow) => void): void {
  const row = new ArrayRow();
  while (statement.step()) {
    row.values = statement.get();
    onRow(row);
  }
}
