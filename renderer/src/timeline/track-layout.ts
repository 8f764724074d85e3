/**
 * Where each track sits, top to bottom: per section (one trace, or one run of an aligned pair) a title
 * when there are several, its pinned tracks, then its groups (process, GPU, pipeline) each with a
 * header and its tracks; a track is as tall as its nesting levels. Collapsed groups show their header
 * only. Lookups go both ways: a lane's y for drawing, the row under a y for clicks.
 */
import type { TrackGroup } from '../../../electron/core/model/timeline-data';

export const LANE_HEIGHT = 18;
export const GROUP_HEIGHT = 22;
export const SECTION_HEIGHT = 24;
const TRACK_PADDING = 4;

export interface LayoutSection {
  /** The trace shown in this section. */
  traceId: string;
  title: string;
  groups: TrackGroup[];
}

export interface LayoutRow {
  kind: 'section' | 'group' | 'track';
  key: string;
  label: string;
  /** The full name, where the label is shortened. */
  title?: string;
  y: number;
  height: number;
  section: number;
  /** Track rows: the track, its nesting levels, whether it is pinned. */
  track?: number;
  lanes?: number;
  pinned?: boolean;
  /** Group rows: whether it is collapsed. */
  collapsed?: boolean;
}

export interface TimelineLayout {
  rows: LayoutRow[];
  height: number;
  /** Top of lane `depth` of a track, or undefined when the track is not shown. */
  laneY(section: number, track: number, depth: number): number | undefined;
  /** The row under y, and for a track row the lane under it. */
  rowAt(y: number): { row: LayoutRow; depth?: number } | undefined;
  /** Track rows that overlap [top, bottom]. */
  tracksBetween(top: number, bottom: number): LayoutRow[];
}

export const trackKey = (traceId: string, track: number): string => `${traceId}:${track}`;

export function layoutTracks(
  sections: LayoutSection[],
  pinned: ReadonlySet<string>,
  collapsed: ReadonlySet<string>,
): TimelineLayout {
  const rows: LayoutRow[] = [];
  let y = 0;
  const addTrack = (
    section: number,
    traceId: string,
    track: TrackGroup['tracks'][number],
    isPinned: boolean,
  ) => {
    const height = Math.max(track.lanes, 1) * LANE_HEIGHT + TRACK_PADDING;
    rows.push({
      kind: 'track',
      key: `${trackKey(traceId, track.track)}${isPinned ? ':pinned' : ''}`,
      label: isPinned && track.label !== track.name ? track.name : track.label,
      title: track.name,
      y,
      height,
      section,
      track: track.track,
      lanes: Math.max(track.lanes, 1),
      pinned: isPinned,
    });
    y += height;
  };
  sections.forEach((section, s) => {
    if (sections.length > 1) {
      rows.push({
        kind: 'section',
        key: `section:${s}`,
        label: section.title,
        y,
        height: SECTION_HEIGHT,
        section: s,
      });
      y += SECTION_HEIGHT;
    }
    const isPinned = (track: number) => pinned.has(trackKey(section.traceId, track));
    const pinnedTracks = section.groups.flatMap((group) =>
      group.tracks.filter((track) => isPinned(track.track)),
    );
    if (pinnedTracks.length > 0) {
      rows.push({
        kind: 'group',
        key: `${section.traceId}:pinned`,
        label: 'Pinned',
        y,
        height: GROUP_HEIGHT,
        section: s,
      });
      y += GROUP_HEIGHT;
      for (const track of pinnedTracks) addTrack(s, section.traceId, track, true);
    }
    for (const group of section.groups) {
      const key = `${section.traceId}:${group.key}`;
      const isCollapsed = collapsed.has(key);
      rows.push({
        kind: 'group',
        key,
        label: group.label,
        y,
        height: GROUP_HEIGHT,
        section: s,
        collapsed: isCollapsed,
      });
      y += GROUP_HEIGHT;
      if (isCollapsed) continue;
      for (const track of group.tracks)
        if (!isPinned(track.track)) addTrack(s, section.traceId, track, false);
    }
  });
  const trackRows = new Map(
    rows.filter((row) => row.kind === 'track').map((row) => [`${row.section}:${row.track}`, row] as const),
  );
  return {
    rows,
    height: y,
    laneY(section, track, depth) {
      const row = trackRows.get(`${section}:${track}`);
      if (!row || depth >= (row.lanes ?? 1)) return undefined;
      return row.y + TRACK_PADDING / 2 + depth * LANE_HEIGHT;
    },
    rowAt(at) {
      let lo = 0;
      let hi = rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (rows[mid]!.y + rows[mid]!.height <= at) lo = mid + 1;
        else hi = mid;
      }
      const row = rows[lo];
      if (!row || at < row.y) return undefined;
      if (row.kind !== 'track') return { row };
      const depth = Math.floor((at - row.y - TRACK_PADDING / 2) / LANE_HEIGHT);
      return { row, depth: Math.min(Math.max(depth, 0), (row.lanes ?? 1) - 1) };
    },
    tracksBetween(top, bottom) {
      return rows.filter((row) => row.kind === 'track' && row.y < bottom && row.y + row.height > top);
    },
  };
}
