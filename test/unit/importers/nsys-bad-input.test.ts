import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../electron/core/errors';
import { importNsysSqlite, nsysSqliteImporter } from '../../../electron/core/importers/nsys-sqlite';
import { loadSqlJs } from '../../../electron/core/importers/sqlite-database';
import { fixture } from '../../helpers/fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nsys-bad-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function sqliteFile(name: string, sql: string): Promise<string> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run(sql);
  const file = path.join(dir, name);
  fs.writeFileSync(file, db.export());
  db.close();
  return file;
}

async function expectStudioError(file: string, message: RegExp): Promise<void> {
  const error = await importNsysSqlite(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StudioError);
  expect((error as StudioError).file).toBe(file);
  expect((error as StudioError).problem).toMatch(message);
}

describe('nsys SQLite importer on bad input', () => {
  it('an SQLite file that is not an nsys export is a clear error', async () => {
    const file = await sqliteFile(
      'other.sqlite',
      'CREATE TABLE cars (id INTEGER, name TEXT); INSERT INTO cars VALUES (1, "a");',
    );
    await expectStudioError(file, /not an Nsight Systems export/);
  });

  it('a file that is not SQLite at all is a clear error, and detect() does not claim it', async () => {
    const file = path.join(dir, 'text.sqlite');
    fs.writeFileSync(file, '{"traceEvents": []}');
    await expectStudioError(file, /not an SQLite database/);
    expect(nsysSqliteImporter.detect({ path: file, head: fs.readFileSync(file) })).toBe(0);
  });

  it('an export whose tables lack required columns is a clear error', async () => {
    const file = await sqliteFile(
      'nocolumns.sqlite',
      'CREATE TABLE StringIds (id INTEGER PRIMARY KEY, value TEXT); CREATE TABLE CUPTI_ACTIVITY_KIND_KERNEL (start INTEGER, end INTEGER); INSERT INTO CUPTI_ACTIVITY_KIND_KERNEL VALUES (1, 2);',
    );
    await expectStudioError(
      file,
      /CUPTI_ACTIVITY_KIND_KERNEL lacks column\(s\) deviceId, streamId, correlationId/,
    );
  });

  it('missing tables are fine: kernels without RUNTIME or NVTX tables import, without flows or layers', async () => {
    const file = await sqliteFile(
      'kernels-only.sqlite',
      `CREATE TABLE StringIds (id INTEGER PRIMARY KEY, value TEXT);
       INSERT INTO StringIds VALUES (5, 'my_kernel');
       CREATE TABLE CUPTI_ACTIVITY_KIND_KERNEL (start INTEGER, end INTEGER, deviceId INTEGER, streamId INTEGER, correlationId INTEGER, demangledName INTEGER);
       INSERT INTO CUPTI_ACTIVITY_KIND_KERNEL VALUES (100, 250, 0, 7, 1, 5), (300, 400, 0, 8, 2, 5);`,
    );
    const { traces, profiles, warnings } = await importNsysSqlite(file);
    expect(traces[0]!.spans.count).toBe(2);
    expect(traces[0]!.strings[traces[0]!.spans.name[0]!]).toBe('my_kernel');
    expect(Array.from(traces[0]!.spans.duration)).toEqual([150, 100]);
    expect(traces[0]!.flows.count).toBe(0);
    expect(profiles).toHaveLength(0);
    expect(warnings.join()).toContain('without version metadata');
  });

  it('an nsys export that recorded nothing says so', async () => {
    const file = await sqliteFile(
      'empty.sqlite',
      'CREATE TABLE StringIds (id INTEGER PRIMARY KEY, value TEXT); CREATE TABLE TARGET_INFO_GPU (id INTEGER, name TEXT);',
    );
    const { traces } = await importNsysSqlite(file);
    expect(traces[0]!.warnings.join()).toMatch(/holds no CUDA or NVTX activity/);
  });

  it('truncated copies of a real export never crash: a StudioError or a trace', async () => {
    const bytes = fs.readFileSync(fixture('nsys', 'profile4.sqlite'));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (length) => {
        const file = path.join(dir, `cut-${length}.sqlite`);
        fs.writeFileSync(file, bytes.subarray(0, length));
        try {
          const result = await importNsysSqlite(file);
          for (let i = 0; i < result.traces[0]!.spans.count; i++) {
            expect(Number.isFinite(result.traces[0]!.spans.duration[i])).toBe(true);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(StudioError);
        } finally {
          fs.rmSync(file, { force: true });
        }
      }),
      { numRuns: 25 },
    );
  });

  it('random bytes after an SQLite header are a StudioError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 4096 }), async (tail) => {
        const file = path.join(dir, 'noise.sqlite');
        fs.writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\u0000'), tail]));
        const error = await importNsysSqlite(file).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StudioError);
      }),
      { numRuns: 30 },
    );
  });
});
