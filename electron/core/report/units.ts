/** Human units (counts, bytes, milliseconds) and plain text tables, shared by the CLI, the renderer and reports. */

export function formatCount(value: number): string {
  if (value >= 1e12) return `${(value / 1e12).toFixed(2)} T`;
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(2)} k`;
  return `${Math.round(value)}`;
}

/** A count with an SI prefix and a unit, e.g. formatUnit(1.07e9, 'FLOPs') = '1.07 GFLOPs'. */
export function formatUnit(value: number, unit: string): string {
  const prefixed = formatCount(value);
  return /[a-zA-Z]$/.test(prefixed) ? `${prefixed}${unit}` : `${prefixed} ${unit}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms >= 100) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(3);
  return ms.toFixed(4);
}

/** A plain left-aligned text table; numbers right-aligned when `align` says 'r'. */
export function table(header: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A ratio as a speedup, e.g. 2.31x; '-' when unknown. */
export function formatSpeedup(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '-' : `${ratio.toFixed(2)}x`;
}

/** A share given in percent (0..100), e.g. 12.3%; '-' when unknown. */
export function formatPercent(percent: number | null | undefined, digits = 1): string {
  return percent === null || percent === undefined || !Number.isFinite(percent)
    ? '-'
    : `${percent.toFixed(digits)}%`;
}
