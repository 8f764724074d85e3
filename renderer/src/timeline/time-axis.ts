/**
 * The time axis: tick marks at 1-2-5 steps chosen so labels keep their distance, labelled relative to
 * the trace's start in the unit that suits the step.
 */
import { timeAt, widthOf, xOf, type Viewport } from './viewport';

export interface Tick {
  x: number;
  label: string;
}

/** The smallest 1, 2 or 5 x 10^k step that leaves `minPixels` between ticks. */
export function tickStep(view: Viewport, pixels: number, minPixels = 90): number {
  const raw = (widthOf(view) / Math.max(pixels, 1)) * minPixels;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-3)));
  for (const multiple of [1, 2, 5, 10]) if (power * multiple >= raw) return power * multiple;
  return power * 10;
}

/** A time (ns from the origin) at the precision the step needs. */
export function formatTime(ns: number, step: number): string {
  const [unit, scale] =
    step >= 1e8 ? ['s', 1e9] : step >= 1e5 ? ['ms', 1e6] : step >= 1e2 ? ['µs', 1e3] : ['ns', 1];
  const digits = Math.max(0, Math.ceil(-Math.log10(step / scale) - 1e-9));
  const value = ns / scale;
  return `${value.toFixed(Math.min(digits, 6))} ${unit}`;
}

/** Ticks across the view, times relative to `originNs`. */
export function ticks(view: Viewport, pixels: number, originNs: number): Tick[] {
  const step = tickStep(view, pixels);
  const first = Math.ceil((timeAt(view, 0, pixels) - originNs) / step);
  const result: Tick[] = [];
  for (let k = first; ; k++) {
    const t = originNs + k * step;
    const x = xOf(view, t, pixels);
    if (x > pixels || result.length > 200) break;
    result.push({ x, label: formatTime(k * step, step) });
  }
  return result;
}
