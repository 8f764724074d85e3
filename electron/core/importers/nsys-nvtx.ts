/**
 * NVTX_EVENTS of an nsys export in one scan (the table has no index, so every filtered query is a full
 * pass): thread names (eventType 39, they override ThreadNames), domain names (75), push/pop ranges (59)
 * added as spans on their thread's track, and start/end ranges (60) kept for the caller to lay out.
 * A name may arrive after the ranges that use it, so range labels and thread-track names are settled
 * once the scan is over.
 */
import type { Database } from 'sql.js';
import { SpanKind } from '../model/trace';
import type { TraceBuilder } from '../model/trace-builder';
import { NsysTable, type NsysSchema } from './nsys-schema';
import { pidOfThreadKey, threadKeyOf, type NsysTracks } from './nsys-tracks';
import { emptyIntervals, type ThreadIntervals } from './nvtx-projection';
import { tableRows } from './sqlite-database';
import { forEachRow } from './sqlite-rows';

const NVTX_THREAD_NAME = 39;
const NVTX_PUSH_POP = 59;
const NVTX_START_END = 60;
const NVTX_DOMAIN_NAME = 75;

export interface PushPopRanges {
  intervals: ThreadIntervals;
  /** Span index of range 0; range r is span firstSpan + r. */
  firstSpan: number;
  /** String index of each range's own text (its layer name, without the domain). */
  layerName: Int32Array;
}

/** A start/end range (eventType 60) as read; these may cross threads, so they are laid out per process. */
export interface StartEndRange {
  start: number;
  end: number;
  pid: number;
  domainId: number;
  text: string | null;
  textId: number | null;
}

/** Text of a range: inline, or a StringIds id. */
type RangeText = string | number | null;

/** Distinct (domain, text) pairs of push/pop ranges, numbered in order of first appearance. */
class RangeTexts {
  readonly list: { domainId: number; text: RangeText }[] = [];
  private readonly byDomain = new Map<number, Map<RangeText, number>>();
  private lastDomainId = NaN;
  private lastDomain = new Map<RangeText, number>();

  ordinal(domainId: number, text: RangeText): number {
    if (domainId !== this.lastDomainId) {
      let texts = this.byDomain.get(domainId);
      if (!texts) this.byDomain.set(domainId, (texts = new Map()));
      this.lastDomainId = domainId;
      this.lastDomain = texts;
    }
    let ordinal = this.lastDomain.get(text);
    if (ordinal === undefined) {
      ordinal = this.list.push({ domainId, text }) - 1;
      this.lastDomain.set(text, ordinal);
    }
    return ordinal;
  }
}

export class NsysNvtxReader {
  unclosedRanges = 0;
  readonly startEndRanges: StartEndRange[] = [];

  constructor(
    private readonly builder: TraceBuilder,
    private readonly db: Database,
    private readonly schema: NsysSchema,
    private readonly tracks: NsysTracks,
  ) {}

  /** Display name of a range: its text (or "(unnamed range)") with its domain's name when not the default. */
  rangeName(text: RangeText, domainId: number): string {
    const name = this.rangeText(text) ?? '';
    const domain = domainId !== 0 ? this.tracks.domainNames.get(domainId) : undefined;
    const label = name === '' ? '(unnamed range)' : name;
    return domain ? `${label} [${domain}]` : label;
  }

  /** The text itself, looked up in StringIds for an id; undefined when unknown. */
  rangeText(text: RangeText): string | undefined {
    return typeof text === 'number' ? this.tracks.stringById.get(text) : (text ?? undefined);
  }

  /** Scans NVTX_EVENTS once; adds the push/pop ranges as spans and returns them. */
  read(): PushPopRanges {
    const table = NsysTable.nvtx;
    const firstSpan = this.builder.spanCount;
    const empty = { intervals: emptyIntervals(0), firstSpan, layerName: new Int32Array(0) };
    if (!this.schema.hasColumn(table, 'eventType')) return empty;
    const column = (name: string, absent: string): string =>
      this.schema.hasColumn(table, name) ? name : absent;
    // Without an end column there are no ranges to read, only names.
    const hasEnd = this.schema.hasColumn(table, 'end');
    const kinds = hasEnd
      ? [NVTX_THREAD_NAME, NVTX_PUSH_POP, NVTX_START_END, NVTX_DOMAIN_NAME]
      : [NVTX_THREAD_NAME, NVTX_DOMAIN_NAME];
    const sql = `SELECT eventType, start, ${column('end', 'NULL')}, ${threadKeyOf('globalTid')}, ${column('domainId', '0')}, ${column('text', 'NULL')}, ${column('textId', 'NULL')} FROM ${table} WHERE eventType IN (${kinds.join(', ')})`;
    const capacity = tableRows(this.db, table);
    const ranges = emptyIntervals(capacity);
    const textOfRange = new Uint32Array(capacity);
    const texts = new RangeTexts();
    this.builder.reserve(capacity);
    forEachRow(this.db, sql, (row) => {
      const eventType = row.number(0);
      const text = row.text(5);
      const textId = text !== null || row.isNull(6) ? null : row.number(6);
      if (eventType === NVTX_PUSH_POP) {
        if (row.isNull(2)) {
          this.unclosedRanges++;
          return;
        }
        const start = row.number(1);
        const end = row.number(2);
        const track = this.tracks.threadTrack(row.number(3));
        const r = ranges.count++;
        ranges.thread[r] = track;
        ranges.start[r] = start;
        ranges.end[r] = end;
        textOfRange[r] = texts.ordinal(row.number(4), text ?? textId);
        // Named once every range is read (labelRanges).
        this.builder.appendSpan(start, end - start, track, 0, SpanKind.Nvtx);
      } else if (eventType === NVTX_START_END) {
        if (row.isNull(2)) return;
        this.startEndRanges.push({
          start: row.number(1),
          end: row.number(2),
          pid: pidOfThreadKey(row.number(3)),
          domainId: row.number(4),
          text,
          textId,
        });
      } else {
        const name = this.rangeText(text ?? textId);
        if (!name) return;
        if (eventType === NVTX_THREAD_NAME) this.tracks.threadNames.set(row.number(3), name);
        else this.tracks.domainNames.set(row.number(4), name);
      }
    });
    this.tracks.renameThreadTracks();
    return {
      intervals: ranges,
      firstSpan,
      layerName: this.labelRanges(ranges, firstSpan, textOfRange, texts),
    };
  }

  /** Names each range span (text and domain) and its layer (the text alone); returns the layer names. */
  private labelRanges(
    ranges: ThreadIntervals,
    firstSpan: number,
    textOfRange: Uint32Array,
    texts: RangeTexts,
  ): Int32Array {
    const names = texts.list.map(({ domainId, text }) => {
      const name = this.rangeName(text, domainId);
      return { name: this.builder.intern(name), layer: this.builder.intern(this.rangeText(text) ?? name) };
    });
    const layerName = new Int32Array(ranges.count);
    for (let r = 0; r < ranges.count; r++) {
      const label = names[textOfRange[r]!]!;
      this.builder.setNameIndex(firstSpan + r, label.name);
      this.builder.setLayerIndex(firstSpan + r, label.layer);
      layerName[r] = label.layer;
    }
    return layerName;
  }
}
