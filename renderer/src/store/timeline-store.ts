/**
 * The timeline slice: which trace (or which runs, aligned by layer) is on screen, their track groups
 * and summaries from core, the visible range, pinned tracks and collapsed groups, the area selection
 * and its aggregate, the selected span's details, the search and its current match. Everything it
 * shows is computed by core (the timeline operations of the contract); this slice only asks and keeps.
 * Selecting a span also selects its layer in the shared selection slice.
 */
import { create } from 'zustand';
import type { AlignedTraces } from '../../../electron/core/model/time-warp';
import type { SpanDetails } from '../../../electron/core/model/timeline-data';
import type { AreaAggregate } from '../../../electron/core/model/timeline-data';
import type { SearchResult } from '../../../electron/core/model/timeline-data';
import { unwarpTime, warpSpan, warpTime, type TimeWarp } from '../../../electron/core/model/time-warp';
import type { TraceOverview } from '../../../electron/core/api/timeline-operations';
import type { TraceSummary } from '../../../electron/core/model/trace-stats';
import { client } from '../api/client';
import { fitView, type Viewport } from '../timeline/viewport';
import { useSelectionStore } from './selection-store';
import { useSessionStore } from './session-store';

export interface TimelineSection {
  traceId: string;
  title: string;
  overview: TraceOverview;
  /** The section's time on the shared axis (aligned runs); none: its own time. */
  warp?: TimeWarp;
}

export interface AreaSelection {
  startNs: number;
  endNs: number;
  /** Section of the tracks (an area lies in one run). */
  section: number;
  tracks: number[];
}

export interface SpanSelection {
  section: number;
  span: number;
  details: SpanDetails;
}

interface TimelineState {
  sections: TimelineSection[];
  /** Each trace's nsys-stats-style summary, asked for after its tracks (drawing does not wait for it). */
  summaries: Record<string, TraceSummary>;
  alignment: (AlignedTraces & { traceIds: string[] }) | null;
  loading: string | null;
  error: string | null;
  view: Viewport | null;
  bounds: Viewport;
  pinned: ReadonlySet<string>;
  collapsed: ReadonlySet<string>;
  area: AreaSelection | null;
  aggregate: AreaAggregate | null;
  selected: SpanSelection | null;
  search: { text: string; section: number; result: SearchResult | null; index: number };
  help: boolean;
  show(traceIds: string[]): Promise<void>;
  setView(view: Viewport): void;
  select(section: number, span: number | null): Promise<void>;
  selectArea(area: AreaSelection | null): Promise<void>;
  find(text: string): Promise<void>;
  step(by: 1 | -1): Promise<void>;
  togglePin(key: string): void;
  toggleGroup(key: string): void;
  toggleHelp(show?: boolean): void;
  fail(error: unknown): void;
}

const sessionPath = () => useSessionStore.getState().sessionPath ?? undefined;
const ref = (traceId: string) => {
  const path = sessionPath();
  return path ? { traceId, sessionPath: path } : { traceId };
};

/** A section's time mapped to the shared axis, and back. */
export const toAxis = (section: TimelineSection, t: number): number =>
  section.warp ? warpTime(section.warp, t) : t;
export const spanToAxis = (section: TimelineSection, start: number, end: number): [number, number] =>
  section.warp ? warpSpan(section.warp, start, end) : [start, end];
export const fromAxis = (section: TimelineSection, x: number): number =>
  section.warp ? unwarpTime(section.warp, x) : x;

function boundsOf(sections: TimelineSection[]): Viewport {
  let [start, end] = [Infinity, -Infinity];
  for (const section of sections) {
    start = Math.min(start, toAxis(section, section.overview.startNs));
    end = Math.max(end, toAxis(section, section.overview.endNs));
  }
  return Number.isFinite(start) && end >= start ? { startNs: start, endNs: end } : { startNs: 0, endNs: 1 };
}

function toggled(set: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(set);
  if (!next.delete(key)) next.add(key);
  return next;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const useTimelineStore = create<TimelineState>()((set, get) => ({
  sections: [],
  summaries: {},
  alignment: null,
  loading: null,
  error: null,
  view: null,
  bounds: { startNs: 0, endNs: 1 },
  pinned: new Set(),
  collapsed: new Set(),
  area: null,
  aggregate: null,
  selected: null,
  search: { text: '', section: 0, result: null, index: -1 },
  help: false,

  async show(traceIds) {
    set({ loading: traceIds.join(' + '), error: null });
    try {
      const overviews = await Promise.all(traceIds.map((id) => client().call('traceOverview', ref(id))));
      let alignment: TimelineState['alignment'] = null;
      if (traceIds.length > 1) {
        const path = sessionPath();
        alignment = await client().call(
          'traceAlignment',
          path ? { traceIds, sessionPath: path } : { traceIds },
        );
      }
      const sections = overviews.map((overview, s): TimelineSection => ({
        traceId: overview.traceId,
        title: alignment?.labels[s] ?? overview.traceId,
        overview,
        ...(alignment && { warp: alignment.alignment.warps[s] }),
      }));
      const bounds = boundsOf(sections);
      // Aligned runs open on their aligned layers; a single trace on all of it.
      const rows = alignment?.alignment.rows ?? [];
      const first = rows[0];
      const last = rows[rows.length - 1];
      // Up to the end of the longest aligned run (its layers after the last aligned one included).
      const runEnds = sections.map((section, s) => {
        const window = alignment?.windows[s];
        return window ? spanToAxis(section, window.startNs, window.endNs)[1] : -Infinity;
      });
      const opening =
        first && last
          ? { startNs: first.alignedStartNs, endNs: Math.max(last.alignedStartNs + last.widthNs, ...runEnds) }
          : bounds;
      set({
        sections,
        alignment,
        bounds,
        view: fitView(opening, bounds, 0.02),
        loading: null,
        area: null,
        aggregate: null,
        selected: null,
        search: { text: '', section: 0, result: null, index: -1 },
      });
      for (const id of traceIds) {
        const summary = await client().call('traceSummary', ref(id));
        set({ summaries: { ...get().summaries, [id]: summary } });
      }
    } catch (error) {
      set({ loading: null, error: message(error) });
    }
  },

  setView(view) {
    set({ view });
  },

  async select(section, span) {
    if (span === null) {
      set({ selected: null });
      useSelectionStore.getState().select({ span: null });
      return;
    }
    const target = get().sections[section];
    if (!target) return;
    try {
      const { details } = await client().call('traceSpan', { ...ref(target.traceId), span });
      set({ selected: { section, span, details } });
      const layer = details.engineLayer?.name ?? details.layer ?? null;
      useSelectionStore
        .getState()
        .select({ span: { traceId: target.traceId, index: span }, ...(layer && { layer }) });
    } catch (error) {
      set({ error: message(error) });
    }
  },

  async selectArea(area) {
    set({ area, aggregate: null });
    const section = area ? get().sections[area.section] : undefined;
    if (!area || !section || area.tracks.length === 0) return;
    try {
      const aggregate = await client().call('traceAggregate', {
        ...ref(section.traceId),
        tracks: area.tracks,
        startNs: fromAxis(section, area.startNs),
        endNs: fromAxis(section, area.endNs),
      });
      if (get().area === area) set({ aggregate });
    } catch (error) {
      set({ error: message(error) });
    }
  },

  async find(text) {
    const { sections, search } = get();
    const section = sections[search.section] ?? sections[0];
    set({ search: { ...search, text, result: null, index: -1 } });
    if (!section || text.trim() === '') return;
    try {
      let result = await client().call('traceSearch', { ...ref(section.traceId), text });
      // Aligned runs: the matches in the run where the layers were aligned.
      const window = get().alignment?.windows[search.section];
      if (window) {
        const matches = result.matches.filter(
          (m) => m.startNs >= window.startNs && m.startNs <= window.endNs,
        );
        result = { ...result, matches, total: matches.length };
      }
      if (get().search.text === text) set({ search: { text, section: search.section, result, index: -1 } });
    } catch (error) {
      set({ error: message(error) });
    }
  },

  async step(by) {
    const { search } = get();
    const count = search.result?.matches.length ?? 0;
    if (count === 0) return;
    const index = (((search.index + by) % count) + count) % count;
    set({ search: { ...search, index } });
    await get().select(search.section, search.result!.matches[index]!.span);
  },

  togglePin(key) {
    set({ pinned: toggled(get().pinned, key) });
  },

  toggleGroup(key) {
    set({ collapsed: toggled(get().collapsed, key) });
  },

  toggleHelp(show) {
    set({ help: show ?? !get().help });
  },

  fail(error) {
    set({ error: message(error) });
  },
}));
