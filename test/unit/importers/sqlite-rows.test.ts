/** Typed row reading: the native path (SQLite's exported column functions) and the portable one agree. */
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../electron/core/importers/sqlite-database';
import { forEachRow, type SqlRow } from '../../../electron/core/importers/sqlite-rows';

async function sampleDatabase() {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE t (i INTEGER, r REAL, s TEXT, n INTEGER);
    INSERT INTO t VALUES (9007199254740991, 2.5, 'layer µs ✓ [Conv]', NULL), (-3, -0.125, '', 7), (0, NULL, NULL, NULL);`);
  return db;
}

function readAll(rows: unknown[][]): (row: SqlRow) => void {
  return (row) =>
    rows.push([row.number(0), row.number(1), row.text(2), row.isNull(3), row.number(3), row.text(0)]);
}

describe('forEachRow', () => {
  it('reads numbers, text (UTF-8) and NULLs natively, the same as through get()', async () => {
    const db = await sampleDatabase();
    const native: unknown[][] = [];
    const portable: unknown[][] = [];
    expect(forEachRow(db, 'SELECT i, r, s, n FROM t ORDER BY rowid', readAll(native))).toBe('native');
    expect(
      forEachRow(db, 'SELECT i, r, s, n FROM t ORDER BY rowid', readAll(portable), { portable: true }),
    ).toBe('arrays');
    expect(native).toEqual([
      [9007199254740991, 2.5, 'layer µs ✓ [Conv]', true, 0, '9007199254740991'],
      [-3, -0.125, '', false, 7, '-3'],
      [0, 0, null, true, 0, '0'],
    ]);
    expect(portable).toEqual(native);
    db.close();
  });

  it("an SQL error while stepping is thrown with SQLite's message", async () => {
    const db = await sampleDatabase();
    // abs() of the smallest integer overflows at run time, after prepare succeeded.
    expect(() => forEachRow(db, 'SELECT abs(-9223372036854775807 - 1 + i * 0) FROM t', () => {})).toThrow(
      /integer overflow/,
    );
    db.close();
  });
});
