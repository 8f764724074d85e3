/**
 * The timeline's canvas renderer: one pass over the level-of-detail buckets in view, rectangles batched
 * by colour (one path and one fill per colour, as Perfetto and speedscope do), labels trimmed to fit
 * the wider boxes, then the area selection, outlines of the selected and matched spans, flows between
 * linked spans, and, for aligned runs, a guide at each aligned layer. Every span is placed through the
 * section's `spanToAxis` (identity, or the warp of an aligned run), so aligned runs draw the same way.
 */
import type { TraceWindow } from '../../../electron/core/model/timeline-data';
import { colourOf, labelColour, type ThemeName } from './colours';
import { fitLabel, type Measure } from './labels';
import { LANE_HEIGHT, type TimelineLayout } from './track-layout';
import { xOf, type Viewport } from './viewport';

export interface SectionScene {
  traceId: string;
  window: TraceWindow | undefined;
  /** A span's start and end (trace time) on the shared axis. */
  spanToAxis(start: number, end: number): [number, number];
}

/** A span placed on the timeline: its section, lane and times (trace time). */
export interface PlacedSpan {
  section: number;
  track: number;
  depth: number;
  startNs: number;
  endNs: number;
}

export interface SceneColours {
  background: string;
  grid: string;
  text: string;
  muted: string;
  selection: string;
  area: string;
  flow: string;
}

export interface Scene {
  /** CSS pixels. */
  width: number;
  height: number;
  scrollTop: number;
  view: Viewport;
  layout: TimelineLayout;
  sections: SectionScene[];
  theme: ThemeName;
  colours: SceneColours;
  selected: PlacedSpan[];
  matches: PlacedSpan[];
  area?: { startNs: number; endNs: number; tracks: ReadonlySet<string> };
  flows: { from: PlacedSpan; to: PlacedSpan }[];
  /** Shared-axis times of aligned layers, drawn as guides. */
  guides: number[];
}

export interface DrawResult {
  rectangles: number;
  labels: number;
  /** Where the selected spans were drawn (CSS px), for tests and the aligned view's check. */
  outlines: { section: number; x0: number; x1: number; y: number }[];
}

const FONT = '11px system-ui, sans-serif';

/** Colour of each name of a window, worked out once per window and theme (not per bucket per frame). */
const windowColours = new WeakMap<TraceWindow, { theme: ThemeName; byName: Map<number, string> }>();

function coloursOfWindow(window: TraceWindow, theme: ThemeName): Map<number, string> {
  let entry = windowColours.get(window);
  if (!entry || entry.theme !== theme) {
    const byName = new Map<number, string>();
    for (const [index, name] of Object.entries(window.names))
      byName.set(Number(index), colourOf(name, theme));
    windowColours.set(window, (entry = { theme, byName }));
  }
  return entry.byName;
}
const MIN_LABEL_WIDTH = 24;
const BOX_HEIGHT = LANE_HEIGHT - 2;

function boxOf(scene: Scene, span: PlacedSpan): { x0: number; x1: number; y: number } | undefined {
  const laneY = scene.layout.laneY(span.section, span.track, span.depth);
  const section = scene.sections[span.section];
  if (laneY === undefined || !section) return undefined;
  const [start, end] = section.spanToAxis(span.startNs, span.endNs);
  const x0 = xOf(scene.view, start, scene.width);
  const x1 = xOf(scene.view, end, scene.width);
  return { x0, x1: Math.max(x1, x0 + 1), y: laneY - scene.scrollTop };
}

function drawBuckets(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  measure: Measure,
  result: DrawResult,
): void {
  const byColour = new Map<string, number[]>();
  const labels: { text: string; x: number; y: number; width: number }[] = [];
  const { width, height, view } = scene;
  scene.sections.forEach((section, s) => {
    const window = section.window;
    if (!window) return;
    const colours = coloursOfWindow(window, scene.theme);
    for (const lane of window.lanes) {
      const laneY = scene.layout.laneY(s, lane.track, lane.depth);
      if (laneY === undefined) continue;
      const y = laneY - scene.scrollTop;
      if (y + BOX_HEIGHT < 0 || y > height) continue;
      for (let b = 0; b < lane.count; b++) {
        const [start, end] = section.spanToAxis(lane.start[b]!, lane.end[b]!);
        const x0 = xOf(view, start, width);
        const x1 = xOf(view, end, width);
        if (x1 < 0 || x0 > width) continue;
        const left = Math.max(x0, -1);
        const boxWidth = Math.max(Math.min(x1, width + 1) - left, 1);
        const colour = colours.get(lane.name[b]!) ?? '#888';
        let rects = byColour.get(colour);
        if (!rects) byColour.set(colour, (rects = []));
        rects.push(left, y, boxWidth, BOX_HEIGHT);
        if (boxWidth >= MIN_LABEL_WIDTH)
          labels.push({ text: window.names[lane.name[b]!] ?? '', x: left, y, width: boxWidth });
      }
    }
  });
  for (const [colour, rects] of byColour) {
    ctx.fillStyle = colour;
    ctx.beginPath();
    for (let r = 0; r < rects.length; r += 4)
      ctx.rect(rects[r]!, rects[r + 1]!, rects[r + 2]!, rects[r + 3]!);
    ctx.fill();
    result.rectangles += rects.length / 4;
  }
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = labelColour(scene.theme);
  for (const label of labels) {
    const text = fitLabel(label.text, label.width - 6, measure);
    if (!text) continue;
    ctx.fillText(text, label.x + 3, label.y + BOX_HEIGHT / 2 + 0.5);
    result.labels++;
  }
}

function drawGuides(ctx: CanvasRenderingContext2D, scene: Scene): void {
  if (scene.guides.length === 0) return;
  const xs = scene.guides
    .map((t) => xOf(scene.view, t, scene.width))
    .filter((x) => x >= 0 && x <= scene.width);
  // Too dense to read: draw only guides at least 6 px apart.
  ctx.strokeStyle = scene.colours.grid;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  let last = -Infinity;
  for (const x of xs) {
    if (x - last < 6) continue;
    ctx.moveTo(Math.round(x) + 0.5, 0);
    ctx.lineTo(Math.round(x) + 0.5, scene.height);
    last = x;
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

function drawArea(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const area = scene.area;
  if (!area) return;
  const x0 = xOf(scene.view, area.startNs, scene.width);
  const x1 = xOf(scene.view, area.endNs, scene.width);
  ctx.fillStyle = scene.colours.area;
  for (const row of scene.layout.rows) {
    if (row.kind !== 'track') continue;
    const key = `${scene.sections[row.section]?.traceId}:${row.track}`;
    if (!area.tracks.has(key)) continue;
    ctx.fillRect(x0, row.y - scene.scrollTop, x1 - x0, row.height);
  }
  ctx.strokeStyle = scene.colours.selection;
  ctx.beginPath();
  for (const x of [x0, x1]) {
    ctx.moveTo(Math.round(x) + 0.5, 0);
    ctx.lineTo(Math.round(x) + 0.5, scene.height);
  }
  ctx.stroke();
}

function drawOutlines(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  spans: PlacedSpan[],
  colour: string,
  lineWidth: number,
) {
  const drawn: DrawResult['outlines'] = [];
  ctx.strokeStyle = colour;
  ctx.lineWidth = lineWidth;
  for (const span of spans) {
    const box = boxOf(scene, span);
    if (!box) continue;
    ctx.strokeRect(box.x0 - 1, box.y - 1, box.x1 - box.x0 + 2, BOX_HEIGHT + 2);
    drawn.push({ section: span.section, ...box });
  }
  ctx.lineWidth = 1;
  return drawn;
}

function drawFlows(ctx: CanvasRenderingContext2D, scene: Scene): void {
  ctx.strokeStyle = scene.colours.flow;
  ctx.fillStyle = scene.colours.flow;
  ctx.lineWidth = 1.5;
  for (const flow of scene.flows) {
    const from = boxOf(scene, flow.from);
    const to = boxOf(scene, flow.to);
    if (!from || !to) continue;
    const [x0, y0] = [from.x1, from.y + BOX_HEIGHT / 2];
    const [x1, y1] = [to.x0, to.y + BOX_HEIGHT / 2];
    const bend = Math.max(Math.abs(x1 - x0) / 2, 20);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.bezierCurveTo(x0 + bend, y0, x1 - bend, y1, x1, y1);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - 6, y1 - 3.5);
    ctx.lineTo(x1 - 6, y1 + 3.5);
    ctx.fill();
  }
  ctx.lineWidth = 1;
}

/** Draws the tracks' contents; the canvas is scene.width x scene.height CSS px at `pixelRatio`. */
export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  pixelRatio: number,
  measure: Measure,
): DrawResult {
  const result: DrawResult = { rectangles: 0, labels: 0, outlines: [] };
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.fillStyle = scene.colours.background;
  ctx.fillRect(0, 0, scene.width, scene.height);
  // Group and section headers get a band so tracks read as groups.
  ctx.fillStyle = scene.colours.grid;
  for (const row of scene.layout.rows) {
    const y = row.y - scene.scrollTop;
    if (y > scene.height || y + row.height < 0) continue;
    if (row.kind === 'track') ctx.fillRect(0, y + row.height - 1, scene.width, 1);
    else ctx.fillRect(0, y, scene.width, row.height);
  }
  drawGuides(ctx, scene);
  drawBuckets(ctx, scene, measure, result);
  drawArea(ctx, scene);
  drawOutlines(ctx, scene, scene.matches, scene.colours.flow, 1.5);
  result.outlines = drawOutlines(ctx, scene, scene.selected, scene.colours.selection, 2);
  drawFlows(ctx, scene);
  return result;
}

/** The time axis: ticks labelled relative to `originNs`, and the area selection's extent. */
export function drawAxis(
  ctx: CanvasRenderingContext2D,
  scene: Pick<Scene, 'width' | 'height' | 'view' | 'colours' | 'area'>,
  pixelRatio: number,
  ticks: { x: number; label: string }[],
): void {
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.fillStyle = scene.colours.background;
  ctx.fillRect(0, 0, scene.width, scene.height);
  if (scene.area) {
    const x0 = xOf(scene.view, scene.area.startNs, scene.width);
    const x1 = xOf(scene.view, scene.area.endNs, scene.width);
    ctx.fillStyle = scene.colours.area;
    ctx.fillRect(x0, 0, x1 - x0, scene.height);
  }
  ctx.strokeStyle = scene.colours.grid;
  ctx.fillStyle = scene.colours.muted;
  ctx.font = FONT;
  ctx.textBaseline = 'top';
  ctx.beginPath();
  for (const tick of ticks) {
    const x = Math.round(tick.x) + 0.5;
    ctx.moveTo(x, scene.height - 6);
    ctx.lineTo(x, scene.height);
    ctx.fillText(tick.label, x + 3, 4);
  }
  ctx.moveTo(0, scene.height - 0.5);
  ctx.lineTo(scene.width, scene.height - 0.5);
  ctx.stroke();
}
