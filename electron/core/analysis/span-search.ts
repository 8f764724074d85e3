/**
 * Search in a trace by name: every span whose name contains the text (case-insensitive), in time
 * order, for the timeline's next / previous. Names are matched once each (spans share interned names),
 * so a search costs one pass over the spans whatever the text.
 */
import type { Trace } from '../model/trace';
import type { SearchMatch, SearchResult } from '../model/timeline-data';

export type { SearchMatch, SearchResult };

export function searchSpans(trace: Trace, text: string, limit = 10_000): SearchResult {
  const needle = text.trim().toLowerCase();
  if (needle === '') return { matches: [], total: 0, names: [] };
  const matching = new Uint8Array(trace.strings.length);
  trace.strings.forEach((name, index) => {
    if (name.toLowerCase().includes(needle)) matching[index] = 1;
  });
  const { spans } = trace;
  const hits: number[] = [];
  const found = new Set<number>();
  for (let i = 0; i < spans.count; i++) {
    if (!matching[spans.name[i]!] || !Number.isFinite(spans.start[i]!)) continue;
    hits.push(i);
    found.add(spans.name[i]!);
  }
  hits.sort((a, b) => spans.start[a]! - spans.start[b]! || spans.track[a]! - spans.track[b]! || a - b);
  return {
    matches: hits.slice(0, limit).map((span) => ({
      span,
      track: spans.track[span]!,
      depth: spans.depth[span]!,
      startNs: spans.start[span]!,
      durationNs: spans.duration[span]!,
    })),
    total: hits.length,
    names: [...found].slice(0, 20).map((index) => trace.strings[index]!),
  };
}
