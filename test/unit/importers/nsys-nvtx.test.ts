/**
 * NVTX_EVENTS read in one scan: names that arrive after the ranges using them, start/end ranges in
 * lanes, unclosed ranges, ranges named through StringIds. A hand-built export (the fixtures have no
 * start/end range and no late domain name); every expected value below follows from its rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importNsysSqlite } from '../../../electron/core/importers/nsys-sqlite';
import { loadSqlJs } from '../../../electron/core/importers/sqlite-database';
import { SpanKind, type Trace } from '../../../electron/core/model/trace';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nsys-nvtx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PID = 77;
const TID = 78;
// Serialized like nsys: a hardware/VM id above bit 48, then pid << 24 | tid (computed by SQLite: the
// whole id exceeds 2^53, which a JS number cannot hold exactly).
const GLOBAL_TID = `((1 << 56) | (${PID} << 24) | ${TID})`;

/** Rows in rowid order; eventType 39 = thread name, 59 = push/pop, 60 = start/end, 75 = domain name. */
const ROWS = `
  (59, 100, 900, 'outer', NULL, ${GLOBAL_TID}, 0),
  (59, 200, 300, NULL, 5, ${GLOBAL_TID}, 0),
  (59, 400, 500, 'step', NULL, ${GLOBAL_TID}, 3),
  (59, 600, NULL, 'never closed', NULL, ${GLOBAL_TID}, 0),
  (60, 1000, 2000, 'load', NULL, ${GLOBAL_TID}, 0),
  (60, 1500, 2500, NULL, 5, ${GLOBAL_TID}, 3),
  (60, 2000, 3000, 'third', NULL, ${GLOBAL_TID}, 0),
  (60, 3500, NULL, 'open', NULL, ${GLOBAL_TID}, 0),
  (39, 50, NULL, 'Worker 1', NULL, ${GLOBAL_TID}, 0),
  (75, 60, NULL, 'Pipeline', NULL, ${GLOBAL_TID}, 3)`;

async function nvtxExport(): Promise<string> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run(`
    CREATE TABLE StringIds (id INTEGER PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO StringIds VALUES (5, 'registered text');
    CREATE TABLE NVTX_EVENTS (eventType INTEGER, start INTEGER, end INTEGER, text TEXT, textId INTEGER,
      globalTid INTEGER, domainId INTEGER);
    INSERT INTO NVTX_EVENTS VALUES ${ROWS};`);
  const file = path.join(dir, 'nvtx.sqlite');
  fs.writeFileSync(file, db.export());
  db.close();
  return file;
}

function nvtxSpans(
  trace: Trace,
): { name: string; layer: string; start: number; depth: number; track: string }[] {
  const s = trace.spans;
  const spans = [];
  for (let i = 0; i < s.count; i++) {
    if (s.kind[i] !== SpanKind.Nvtx) continue;
    spans.push({
      name: trace.strings[s.name[i]!]!,
      layer: trace.strings[s.layer[i]!]!,
      start: s.start[i]!,
      depth: s.depth[i]!,
      track: trace.tracks[s.track[i]!]!.name,
    });
  }
  return spans;
}

describe('NVTX ranges of an nsys export', () => {
  it('push/pop ranges: nested depths, StringIds text, a domain named after its range, the thread named after its ranges', async () => {
    const trace = (await importNsysSqlite(await nvtxExport())).traces[0]!;
    const pushPop = nvtxSpans(trace).filter((span) => span.track !== 'NVTX start/end ranges');
    expect(pushPop).toEqual([
      { name: 'outer', layer: 'outer', start: 100, depth: 0, track: 'Worker 1' },
      { name: 'registered text', layer: 'registered text', start: 200, depth: 1, track: 'Worker 1' },
      { name: 'step [Pipeline]', layer: 'step', start: 400, depth: 1, track: 'Worker 1' },
    ]);
    const thread = trace.tracks.find((t) => t.kind === 'cpu-thread')!;
    expect([thread.pid, thread.tid]).toEqual([PID, TID]);
    expect(trace.warnings).toContain('1 NVTX range(s) never closed (no end time) were left out');
  });

  it('start/end ranges: one track per process, overlapping ones in lanes, unclosed ones left out', async () => {
    const trace = (await importNsysSqlite(await nvtxExport())).traces[0]!;
    const startEnd = nvtxSpans(trace).filter((span) => span.track === 'NVTX start/end ranges');
    // load [1000, 2000) takes lane 0; registered text [1500, 2500) overlaps it: lane 1; third starts
    // at 2000 when lane 0 is free again.
    expect(startEnd.map(({ name, layer, start, depth }) => [name, layer, start, depth])).toEqual([
      ['load', 'load', 1000, 0],
      ['registered text [Pipeline]', 'registered text', 1500, 1],
      ['third', 'third', 2000, 0],
    ]);
    expect(trace.tracks.filter((t) => t.kind === 'nvtx').map((t) => t.pid)).toEqual([PID]);
  });
});
