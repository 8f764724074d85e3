/**
 * The timeline's canvas and its track headers: a time axis on top, a scrolling column of track names
 * (DOM, so they can be read, pinned and collapsed) beside one canvas that stays in view and draws the
 * visible part (draw.ts) from each section's window cache. Pointer input: drag pans, Shift+drag or a
 * drag on the axis selects an area, a click selects the span under it, Ctrl+wheel zooms at the
 * pointer, Shift+wheel pans, the wheel scrolls the tracks. Frames are drawn on animation frames, at
 * most one per frame.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TrackGroup } from '../../../electron/core/model/timeline-data';
import type { ThemeName } from './colours';
import { drawAxis, drawTimeline, type PlacedSpan, type SceneColours } from './draw';
import { recordFrame, frameStats } from './frame-stats';
import { bucketAt } from './hit-test';
import { cachedMeasure, type Measure } from './labels';
import { ticks } from './time-axis';
import { LANE_HEIGHT, layoutTracks, trackKey } from './track-layout';
import { panView, timeAt, widthOf, zoomView, type Viewport } from './viewport';
import { WindowCache, type WindowFetcher } from './window-cache';

export interface CanvasSection {
  traceId: string;
  title: string;
  groups: TrackGroup[];
  spanToAxis(start: number, end: number): [number, number];
  fromAxis(x: number): number;
  fetch: WindowFetcher;
}

export interface CanvasArea {
  startNs: number;
  endNs: number;
  section: number;
  tracks: number[];
}

export interface TimelineCanvasProps {
  sections: CanvasSection[];
  view: Viewport;
  bounds: Viewport;
  originNs: number;
  theme: ThemeName;
  pinned: ReadonlySet<string>;
  collapsed: ReadonlySet<string>;
  selected: PlacedSpan[];
  matches: PlacedSpan[];
  flows: { from: PlacedSpan; to: PlacedSpan }[];
  guides: number[];
  area: CanvasArea | null;
  onView(view: Viewport): void;
  onSelect(section: number, span: number | null): void;
  onArea(area: CanvasArea | null): void;
  onPin(key: string): void;
  onToggleGroup(key: string): void;
  onError(error: unknown): void;
  /** A span to scroll into view when it changes (the selected one). */
  reveal: PlacedSpan | null;
  /** Where the pointer is across the canvas (0..1), for zooming at it; null when outside. */
  pointer: { current: number | null };
}

const AXIS_HEIGHT = 26;
const LABEL_WIDTH = 230;
const DRAG_THRESHOLD = 3;

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function coloursOf(theme: ThemeName): SceneColours {
  return {
    background: cssVar('--panel', theme === 'light' ? '#ffffff' : '#1e2228'),
    grid: cssVar('--chart-grid', theme === 'light' ? '#e3e6ea' : '#30363f'),
    text: cssVar('--text', '#1d232b'),
    muted: cssVar('--muted', '#5b6573'),
    selection: cssVar('--focus', '#2f6fde'),
    area: theme === 'light' ? 'rgba(47, 111, 222, 0.14)' : 'rgba(122, 167, 255, 0.16)',
    flow: theme === 'light' ? '#d9480f' : '#ffa94d',
  };
}

function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): number {
  const ratio = window.devicePixelRatio || 1;
  const [w, h] = [Math.max(1, Math.round(width * ratio)), Math.max(1, Math.round(height * ratio))];
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  return ratio;
}

interface Drag {
  x: number;
  y: number;
  view: Viewport;
  area: boolean;
  moved: boolean;
}

export function TimelineCanvas(props: TimelineCanvasProps) {
  const { sections, pinned, collapsed } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const axisRef = useRef<HTMLCanvasElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 400 });
  const [scrollTop, setScrollTop] = useState(0);
  const [preview, setPreview] = useState<CanvasArea | null>(null);
  const [loads, setLoads] = useState(0);
  const frame = useRef<number | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const drag = useRef<Drag | null>(null);

  const layout = useMemo(
    () =>
      layoutTracks(
        sections.map((section) => ({
          traceId: section.traceId,
          title: section.title,
          groups: section.groups,
        })),
        pinned,
        collapsed,
      ),
    [sections, pinned, collapsed],
  );
  const caches = useMemo(
    () =>
      sections.map(
        (section) =>
          new WindowCache(
            section.fetch,
            () => setLoads((n) => n + 1),
            (error) => propsRef.current.onError(error),
          ),
      ),
    [sections],
  );
  const measure = useRef<Measure | null>(null);

  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const observer = new ResizeObserver(() =>
      setSize({ width: Math.max(scroller.clientWidth - LABEL_WIDTH, 100), height: scroller.clientHeight }),
    );
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  const draw = useCallback(() => {
    frame.current = null;
    const canvas = canvasRef.current;
    const axis = axisRef.current;
    const current = propsRef.current;
    if (!canvas || !axis) return;
    const began = performance.now();
    const ctx = canvas.getContext('2d');
    const axisCtx = axis.getContext('2d');
    if (!ctx || !axisCtx) return;
    measure.current ??= cachedMeasure((text) => ctx.measureText(text).width);
    const ratio = sizeCanvas(canvas, size.width, size.height);
    sizeCanvas(axis, size.width, AXIS_HEIGHT);
    const windows = current.sections.map((section, s) => {
      const tracks = section.groups.flatMap((group) => group.tracks.map((track) => track.track));
      const sourceView = {
        startNs: section.fromAxis(current.view.startNs),
        endNs: section.fromAxis(current.view.endNs),
      };
      return caches[s]?.get(sourceView, size.width, tracks);
    });
    const area = preview ?? current.area;
    const colours = coloursOf(current.theme);
    const result = drawTimeline(
      ctx,
      {
        width: size.width,
        height: size.height,
        scrollTop,
        view: current.view,
        layout,
        sections: current.sections.map((section, s) => ({
          traceId: section.traceId,
          window: windows[s],
          spanToAxis: section.spanToAxis,
        })),
        theme: current.theme,
        colours,
        selected: current.selected,
        matches: current.matches,
        flows: current.flows,
        guides: current.guides,
        ...(area && {
          area: {
            startNs: area.startNs,
            endNs: area.endNs,
            tracks: new Set(
              area.tracks.map((track) => trackKey(current.sections[area.section]!.traceId, track)),
            ),
          },
        }),
      },
      ratio,
      measure.current,
    );
    drawAxis(
      axisCtx,
      {
        width: size.width,
        height: AXIS_HEIGHT,
        view: current.view,
        colours,
        ...(area && { area: { startNs: area.startNs, endNs: area.endNs, tracks: new Set<string>() } }),
      },
      ratio,
      ticks(current.view, size.width, current.originNs),
    );
    const root = rootRef.current;
    if (root) {
      root.dataset.viewStart = String(current.view.startNs);
      root.dataset.viewEnd = String(current.view.endNs);
      root.dataset.outlines = JSON.stringify(
        result.outlines.map((o) => [o.section, Math.round(o.x0), Math.round(o.x1)]),
      );
      root.dataset.rectangles = String(result.rectangles);
      const committed = current.area;
      root.dataset.area = committed
        ? JSON.stringify({
            startNs: committed.startNs,
            endNs: committed.endNs,
            section: committed.section,
            tracks: committed.tracks,
          })
        : '';
    }
    const stats = frameStats();
    stats.requests = caches.reduce((sum, cache) => sum + cache.requests, 0);
    const withData = windows.length > 0 && windows.every(Boolean);
    if (root) {
      root.dataset.traces = current.sections.map((section) => section.traceId).join(',');
      root.dataset.loaded = withData ? 'true' : 'false';
    }
    recordFrame(performance.now() - began, result.rectangles, withData);
  }, [caches, layout, preview, scrollTop, size]);

  // One frame per change, on the next animation frame, drawn with the latest state.
  const drawRef = useRef(draw);
  drawRef.current = draw;
  useEffect(() => {
    if (frame.current === null) frame.current = requestAnimationFrame(() => drawRef.current());
  });
  // (StrictMode mounts twice: a cancelled frame must not block the next one.)
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    },
    [],
  );
  void loads;

  const xIn = (event: { clientX: number }) =>
    event.clientX - (canvasRef.current?.getBoundingClientRect().left ?? 0);

  const areaFrom = (d: Drag, x: number, y: number): CanvasArea | null => {
    const current = propsRef.current;
    const [t0, t1] = [timeAt(d.view, d.x, size.width), timeAt(d.view, x, size.width)];
    const top = Math.min(d.y, y) + scrollTop;
    const bottom = Math.max(d.y, y) + scrollTop;
    // A drag on the axis (y < 0) takes every track; otherwise the tracks it crossed, in the first one's run.
    const rows =
      d.y < 0 ? layout.rows.filter((row) => row.kind === 'track') : layout.tracksBetween(top, bottom);
    const section = rows[0]?.section ?? 0;
    const tracks = rows.filter((row) => row.section === section).map((row) => row.track!);
    if (current.sections.length === 0) return null;
    return { startNs: Math.min(t0, t1), endNs: Math.max(t0, t1), section, tracks };
  };

  const onPointerDown = (event: React.PointerEvent, onAxis: boolean) => {
    if (event.button !== 0) return;
    const rect = canvasRef.current?.getBoundingClientRect();
    const y = onAxis ? -1 : event.clientY - (rect?.top ?? 0);
    drag.current = {
      x: xIn(event),
      y,
      view: propsRef.current.view,
      area: onAxis || event.shiftKey,
      moved: false,
    };
    (event.target as HTMLElement).setPointerCapture?.(event.pointerId);
  };

  const onPointerMove = (event: React.PointerEvent) => {
    const rect = canvasRef.current?.getBoundingClientRect();
    const x = xIn(event);
    propsRef.current.pointer.current = x >= 0 && x <= size.width ? x / size.width : null;
    const d = drag.current;
    if (!d) return;
    if (Math.abs(x - d.x) > DRAG_THRESHOLD) d.moved = true;
    if (!d.moved) return;
    if (d.area) setPreview(areaFrom(d, x, event.clientY - (rect?.top ?? 0)));
    else {
      const fraction = -(x - d.x) / size.width;
      propsRef.current.onView(panView(d.view, fraction, propsRef.current.bounds));
    }
  };

  const onPointerUp = (event: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    const rect = canvasRef.current?.getBoundingClientRect();
    const x = xIn(event);
    const y = event.clientY - (rect?.top ?? 0);
    if (d.area && d.moved) {
      setPreview(null);
      propsRef.current.onArea(areaFrom(d, x, y));
      return;
    }
    if (d.moved || d.y < 0) return;
    const hit = layout.rowAt(y + scrollTop);
    const current = propsRef.current;
    if (!hit || hit.row.kind !== 'track') return current.onSelect(0, null);
    const section = current.sections[hit.row.section];
    if (!section) return;
    const t = section.fromAxis(timeAt(current.view, x, size.width));
    const tolerance = (3 * widthOf(current.view)) / size.width;
    const sourceView = {
      startNs: section.fromAxis(current.view.startNs),
      endNs: section.fromAxis(current.view.endNs),
    };
    const tracks = section.groups.flatMap((group) => group.tracks.map((track) => track.track));
    const window = caches[hit.row.section]?.get(sourceView, size.width, tracks);
    const found = bucketAt(window, hit.row.track!, hit.depth ?? 0, t, tolerance);
    current.onSelect(hit.row.section, found ? found.span : null);
  };

  // The selected span's track scrolled into view (a search match or a link may lie below the fold).
  const reveal = props.reveal;
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!reveal || !scroller) return;
    const y = layout.laneY(reveal.section, reveal.track, reveal.depth);
    if (y === undefined) return;
    if (y < scroller.scrollTop || y + LANE_HEIGHT > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = Math.max(0, y - scroller.clientHeight / 3);
  }, [reveal, layout]);

  // Wheel: Ctrl zooms at the pointer, Shift (or a sideways swipe) pans; plain wheel scrolls the tracks.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const onWheel = (event: WheelEvent) => {
      const current = propsRef.current;
      const x = event.clientX - (canvasRef.current?.getBoundingClientRect().left ?? 0);
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        const factor = Math.exp(Math.max(-1, Math.min(1, event.deltaY / 300)));
        current.onView(
          zoomView(current.view, factor, Math.min(Math.max(x / size.width, 0), 1), current.bounds),
        );
      } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        const delta = event.shiftKey ? event.deltaY || event.deltaX : event.deltaX;
        current.onView(panView(current.view, delta / size.width, current.bounds));
      }
    };
    scroller.addEventListener('wheel', onWheel, { passive: false });
    return () => scroller.removeEventListener('wheel', onWheel);
  }, [size.width]);

  return (
    <div className="timeline-canvas" ref={rootRef} data-testid="timeline-canvas">
      <div className="timeline-axis-row">
        <div className="timeline-axis-gutter">time</div>
        <canvas
          ref={axisRef}
          className="timeline-axis"
          aria-label="Time axis: drag to select a time range on every track"
          onPointerDown={(event) => onPointerDown(event, true)}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
        />
      </div>
      <div
        className="timeline-scroll"
        ref={scrollRef}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div className="timeline-body" style={{ height: Math.max(layout.height, size.height) }}>
          <div className="timeline-labels" style={{ width: LABEL_WIDTH }} role="list" aria-label="Tracks">
            {layout.rows.map((row) => (
              <div
                key={row.key}
                role="listitem"
                className={`timeline-label ${row.kind}`}
                style={{ top: row.y, height: row.height }}
                data-track={row.track}
                title={row.title ?? row.label}
              >
                {row.kind === 'group' && !row.key.endsWith(':pinned') && (
                  <button
                    type="button"
                    className="timeline-toggle"
                    aria-expanded={!row.collapsed}
                    aria-label={`${row.collapsed ? 'Expand' : 'Collapse'} ${row.label}`}
                    onClick={() => props.onToggleGroup(row.key)}
                  >
                    {row.collapsed ? '▸' : '▾'}
                  </button>
                )}
                <span className="timeline-label-text">{row.label}</span>
                {row.kind === 'track' && (
                  <button
                    type="button"
                    className={`timeline-pin${row.pinned ? ' pinned' : ''}`}
                    aria-pressed={row.pinned}
                    aria-label={`${row.pinned ? 'Unpin' : 'Pin'} ${row.label}`}
                    title={row.pinned ? 'Unpin' : 'Pin to the top'}
                    onClick={() => props.onPin(trackKey(sections[row.section]!.traceId, row.track!))}
                  >
                    {row.pinned ? '●' : '○'}
                  </button>
                )}
              </div>
            ))}
          </div>
          <div className="timeline-canvas-holder" style={{ height: Math.max(layout.height, size.height) }}>
            <canvas
              ref={canvasRef}
              className="timeline-tracks"
              aria-label="Timeline: drag to pan, Shift+drag to select an area, click a span for its details"
              onPointerDown={(event) => onPointerDown(event, false)}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerLeave={() => (propsRef.current.pointer.current = null)}
            />
          </div>
        </div>
      </div>
    </div>
  );
}
