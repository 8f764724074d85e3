/**
 * What an Nsight Systems SQLite export holds. Exports differ between nsys releases: the version sits in
 * META_DATA_EXPORT (2023+), EXPORT_META_DATA (2022.x) or nowhere (older); ENUM_* label tables exist only
 * in newer exports; a table exists only when something of its kind was recorded; columns come and go
 * (e.g. NVTX text inline or through textId). Importers ask this object instead of assuming.
 */
import type { Database } from 'sql.js';
import { StudioError } from '../errors';
import { forEachRow } from './sqlite-rows';

export const NsysTable = {
  kernel: 'CUPTI_ACTIVITY_KIND_KERNEL',
  memcpy: 'CUPTI_ACTIVITY_KIND_MEMCPY',
  memset: 'CUPTI_ACTIVITY_KIND_MEMSET',
  runtime: 'CUPTI_ACTIVITY_KIND_RUNTIME',
  nvtx: 'NVTX_EVENTS',
  strings: 'StringIds',
  threadNames: 'ThreadNames',
  processes: 'PROCESSES',
  gpus: 'TARGET_INFO_GPU',
  sessionStart: 'TARGET_INFO_SESSION_START_TIME',
} as const;

const ACTIVITY_TABLES = [
  NsysTable.kernel,
  NsysTable.memcpy,
  NsysTable.memset,
  NsysTable.runtime,
  NsysTable.nvtx,
];

export interface NsysSchema {
  /** nsys release that wrote the export (EXPORT_PRODUCT_VERSION), when recorded. */
  productVersion?: string;
  /** Export schema version (EXPORT_SCHEMA_VERSION), when recorded. */
  schemaVersion?: string;
  /** Which metadata table the version came from, or 'none'. */
  metadataTable: 'META_DATA_EXPORT' | 'EXPORT_META_DATA' | 'none';
  /** ENUM_* tables present (newer exports). */
  hasEnumTables: boolean;
  has(table: string): boolean;
  hasColumn(table: string, column: string): boolean;
}

function tableNames(db: Database): Set<string> {
  const names = new Set<string>();
  forEachRow(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')", (row) =>
    names.add(row.text(0) ?? ''),
  );
  return names;
}

function readMetadata(db: Database, table: string): Map<string, string> {
  const values = new Map<string, string>();
  try {
    forEachRow(db, `SELECT name, value FROM ${table}`, (row) =>
      values.set(row.text(0) ?? '', row.text(1) ?? ''),
    );
  } catch {
    // A metadata table of an unexpected shape only costs us the version string.
  }
  return values;
}

/** Inspects the database; a file that is SQLite but not an nsys export is a StudioError. */
export function inspectNsysSchema(db: Database, file: string): NsysSchema {
  const tables = tableNames(db);
  const activityTables = ACTIVITY_TABLES.filter((t) => tables.has(t));
  const looksLikeNsys =
    tables.has(NsysTable.strings) && (activityTables.length > 0 || tables.has(NsysTable.gpus));
  if (!looksLikeNsys) {
    throw new StudioError(
      file,
      'SQLite database is not an Nsight Systems export (no StringIds and CUPTI_ACTIVITY_KIND_* / NVTX_EVENTS tables)',
    );
  }
  const metadataTable = tables.has('META_DATA_EXPORT')
    ? 'META_DATA_EXPORT'
    : tables.has('EXPORT_META_DATA')
      ? 'EXPORT_META_DATA'
      : 'none';
  const metadata = metadataTable === 'none' ? new Map<string, string>() : readMetadata(db, metadataTable);
  const columnCache = new Map<string, Set<string>>();
  const columnsOf = (table: string): Set<string> => {
    let columns = columnCache.get(table);
    if (!columns) {
      columns = new Set();
      if (tables.has(table))
        forEachRow(db, `PRAGMA table_info(${table})`, (row) => columns!.add(row.text(1) ?? ''));
      columnCache.set(table, columns);
    }
    return columns;
  };
  const schema: NsysSchema = {
    metadataTable,
    hasEnumTables: [...tables].some((t) => t.startsWith('ENUM_')),
    has: (table) => tables.has(table),
    hasColumn: (table, column) => columnsOf(table).has(column),
  };
  const productVersion = metadata.get('EXPORT_PRODUCT_VERSION');
  const schemaVersion = metadata.get('EXPORT_SCHEMA_VERSION');
  if (productVersion) schema.productVersion = productVersion;
  if (schemaVersion) schema.schemaVersion = schemaVersion;
  return schema;
}

/** The first of `candidates` that `table` has, or undefined. */
export function firstColumn(schema: NsysSchema, table: string, candidates: string[]): string | undefined {
  return candidates.find((column) => schema.hasColumn(table, column));
}

/** Checks that `table` has every column in `required`; otherwise a StudioError naming what is missing. */
export function requireColumns(schema: NsysSchema, file: string, table: string, required: string[]): void {
  const missing = required.filter((column) => !schema.hasColumn(table, column));
  if (missing.length > 0)
    throw new StudioError(
      file,
      `${table} lacks column(s) ${missing.join(', ')}: not a known nsys export schema`,
    );
}
