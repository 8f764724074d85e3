/**
 * Numbers and units as people read them, one formatter for the CLI, the renderer and reports.
 *
 * Units, stated once: bytes are BINARY (B, KiB, MiB, GiB: powers of 1024), as memory and file sizes
 * are read; everything else is DECIMAL with SI prefixes (k, M, G, T: powers of 1000): counts,
 * parameters, FLOPs and rates (GB/s, TFLOP/s). Times are in milliseconds.
 *
 * A value that is missing (null, undefined, NaN) prints as `missing`, '-' unless the caller says.
 */

type Maybe = number | null | undefined;

const SI_PREFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

const BINARY_BYTE_UNITS: [number, string, number][] = [
  [1024 ** 3, 'GiB', 2],
  [1024 ** 2, 'MiB', 2],
  [1024, 'KiB', 1],
];

const isMissing = (value: Maybe): value is null | undefined =>
  value === null || value === undefined || Number.isNaN(value);

/** A decimal count with an SI prefix: 1.07e9 -> '1.07 G'; below 1000 a whole number. */
export function formatCount(value: number, digits = 2): string {
  for (const [scale, prefix] of SI_PREFIXES)
    if (Math.abs(value) >= scale) return `${(value / scale).toFixed(digits)} ${prefix}`;
  return `${Math.round(value)}`;
}

/** A count with an SI prefix and a unit, e.g. formatUnit(1.07e9, 'FLOPs') = '1.07 GFLOPs'. */
export function formatUnit(value: number, unit: string, digits = 2): string {
  const prefixed = formatCount(value, digits);
  return /[a-zA-Z]$/.test(prefixed) ? `${prefixed}${unit}` : `${prefixed} ${unit}`;
}

/** A short decimal count for chart axes: at most one decimal, no trailing '.0' ('300 k', '1.2 M'). */
export function formatCompact(value: number): string {
  return formatCount(value, 1).replace(/\.0(?= |$)/, '');
}

/** A rate per second, decimal: formatRate(9e11, 'B') = '900.00 GB/s', formatRate(6e13, 'FLOP') = '60.00 TFLOP/s'. */
export function formatRate(perSecond: number, unit: string, digits = 2): string {
  return formatUnit(perSecond, `${unit}/s`, digits);
}

/** A size in bytes, binary: 1536 -> '1.5 KiB'. */
export function formatBytes(bytes: number): string {
  for (const [scale, unit, digits] of BINARY_BYTE_UNITS)
    if (Math.abs(bytes) >= scale) return `${(bytes / scale).toFixed(digits)} ${unit}`;
  return `${bytes} B`;
}

/** Milliseconds without the unit, digits by size (for table cells whose header says 'ms'). */
export function formatMs(ms: Maybe): string {
  if (isMissing(ms) || !Number.isFinite(ms)) return '-';
  if (ms >= 100) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(3);
  return ms.toFixed(4);
}

/** A fixed number of decimals and a suffix: formatFixed(1.234, 2, 'x') = '1.23x'. */
export function formatFixed(value: Maybe, digits: number, suffix = '', missing = '-'): string {
  return isMissing(value) ? missing : `${value.toFixed(digits)}${suffix}`;
}

/** Milliseconds with the unit, fixed decimals: formatTime(0.12345) = '0.1235 ms'. */
export function formatTime(ms: Maybe, digits = 4, missing = '-'): string {
  return formatFixed(ms, digits, ' ms', missing);
}

/** A fraction (0..1) as a percentage: formatPercent(0.1234) = '12.3%'. */
export function formatPercent(fraction: Maybe, digits = 1, missing = '-'): string {
  return isMissing(fraction) ? missing : `${(fraction * 100).toFixed(digits)}%`;
}

/** A plain text table: columns left-aligned, or right-aligned where `align` says 'r'. */
export function table(header: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * One unit for a whole chart axis, chosen from its largest value, so every tick reads as a plain
 * number under a stated unit ("MiB", "MFLOP") and labels stay short enough not to run together.
 * Bytes are binary (KiB, MiB, GiB), counts decimal (k, M, G, T), as everywhere in the studio.
 */
export function axisUnit(max: number, unit: 'bytes' | 'FLOP'): { divisor: number; label: string } {
  if (unit === 'bytes') {
    const steps: [number, string][] = [
      [1024 ** 3, 'GiB'],
      [1024 ** 2, 'MiB'],
      [1024, 'KiB'],
    ];
    const [divisor, label] = steps.find(([size]) => max >= size) ?? [1, 'B'];
    return { divisor, label };
  }
  const steps: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const [divisor, prefix] = steps.find(([size]) => max >= size) ?? [1, ''];
  return { divisor, label: `${prefix}${unit}` };
}

/** A wall-clock duration for people: "0.4 s", "12 s", "3 min 05 s", "1 h 20 min". */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A trace duration given in ns, in the unit that suits it: '812 ns', '45.6 µs', '1.234 ms', '2.50 s'. */
export function formatDurationNs(ns: number): string {
  if (!Number.isFinite(ns)) return '-';
  const abs = Math.abs(ns);
  if (abs >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (abs >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`;
  if (abs >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${Math.round(ns)} ns`;
}

/** A trace duration in ns with 3 significant digits, for narrow tables: '812 ns', '45.6 µs', '106 ms'. */
export function formatDurationShort(ns: number): string {
  if (!Number.isFinite(ns)) return '-';
  const abs = Math.abs(ns);
  const [scale, unit] =
    abs >= 1e9 ? [1e9, 's'] : abs >= 1e6 ? [1e6, 'ms'] : abs >= 1e3 ? [1e3, 'µs'] : [1, 'ns'];
  const value = ns / scale;
  const digits = scale === 1 ? 0 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}
