/**
 * The visible time range and the arithmetic of moving it: zoom around a point, pan by a fraction of
 * the view, fit a range, all kept within the trace (plus a margin) and never narrower than a few ns.
 */
export interface Viewport {
  startNs: number;
  endNs: number;
}

/** The narrowest view: a few nanoseconds across the whole width. */
export const MIN_VIEW_NS = 20;
/** How far past the trace's ends the view may go, as a fraction of the trace's length. */
const MARGIN = 0.1;

export const widthOf = (view: Viewport): number => view.endNs - view.startNs;

/** Pixel x of time t in a view `pixels` wide. */
export function xOf(view: Viewport, t: number, pixels: number): number {
  return ((t - view.startNs) / widthOf(view)) * pixels;
}

/** Time at pixel x in a view `pixels` wide. */
export function timeAt(view: Viewport, x: number, pixels: number): number {
  return view.startNs + (x / pixels) * widthOf(view);
}

/** The view kept inside `bounds` (widened by the margin) and at least MIN_VIEW_NS wide. */
export function clampView(view: Viewport, bounds: Viewport): Viewport {
  const boundsWidth = Math.max(widthOf(bounds), MIN_VIEW_NS);
  const margin = boundsWidth * MARGIN;
  const [low, high] = [bounds.startNs - margin, bounds.endNs + margin];
  const width = Math.min(Math.max(widthOf(view), MIN_VIEW_NS), high - low);
  let start = view.startNs;
  if (start < low) start = low;
  if (start + width > high) start = high - width;
  return { startNs: start, endNs: start + width };
}

/** Zooms by `factor` (< 1 zooms in) keeping the time under `anchor` (0..1 across the view) in place. */
export function zoomView(view: Viewport, factor: number, anchor: number, bounds: Viewport): Viewport {
  const width = widthOf(view);
  const at = view.startNs + width * anchor;
  const next = Math.max(width * factor, MIN_VIEW_NS);
  return clampView({ startNs: at - next * anchor, endNs: at - next * anchor + next }, bounds);
}

/** Pans by `fraction` of the view's width (negative: towards earlier times). */
export function panView(view: Viewport, fraction: number, bounds: Viewport): Viewport {
  const shift = widthOf(view) * fraction;
  return clampView({ startNs: view.startNs + shift, endNs: view.endNs + shift }, bounds);
}

/** A view showing [startNs, endNs] with a little room on each side. */
export function fitView(range: Viewport, bounds: Viewport, padding = 0.04): Viewport {
  const width = Math.max(widthOf(range), MIN_VIEW_NS);
  const pad = width * padding;
  const middle = (range.startNs + range.endNs) / 2;
  return clampView({ startNs: middle - width / 2 - pad, endNs: middle + width / 2 + pad }, bounds);
}

/** The same width, centred on t (for jumping to a search match). */
export function centreOn(view: Viewport, t: number, bounds: Viewport): Viewport {
  const width = widthOf(view);
  return clampView({ startNs: t - width / 2, endNs: t + width / 2 }, bounds);
}
