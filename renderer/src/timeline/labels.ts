/**
 * Labels trimmed to fit their box: the whole text when it fits, else the longest prefix that fits with
 * an ellipsis, else nothing. Widths come from the canvas (measureText), cached per text.
 */
export type Measure = (text: string) => number;

const ELLIPSIS = '…';

export function fitLabel(text: string, maxWidth: number, measure: Measure): string {
  if (maxWidth <= 0 || text === '') return '';
  if (measure(text) <= maxWidth) return text;
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (measure(text.slice(0, mid) + ELLIPSIS) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : text.slice(0, lo) + ELLIPSIS;
}

/** A measure that remembers widths (the same names are drawn frame after frame). */
export function cachedMeasure(measure: Measure, limit = 20_000): Measure {
  const widths = new Map<string, number>();
  return (text) => {
    let width = widths.get(text);
    if (width === undefined) {
      if (widths.size >= limit) widths.clear();
      widths.set(text, (width = measure(text)));
    }
    return width;
  };
}
