/** Plain-text `nsys stats`-style tables of one trace for `trt-studio import`. */
import type { CopyStats, GpuIdle, NameStats, TraceSummary } from '../../core/analysis/trace-summary';
import { formatBytes, formatDurationNs, table } from '../../core/model/units';

/** Rows shown per table; --json lists them all. */
const ROWS = 10;

const percent = (value: number) => `${value.toFixed(1)}%`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `what` is the singular noun of one row's items ('launch', 'call'). */
function nameTable(title: string, rows: NameStats[], what: string): string[] {
  if (rows.length === 0) return [];
  const count = rows.reduce((sum, row) => sum + row.count, 0);
  const total = rows.reduce((sum, row) => sum + row.totalNs, 0);
  const items = count === 1 ? `1 ${what}` : `${count} ${what.replace(/(ch|s)$/, '$1e')}s`;
  const lines = [`-- ${title}: ${plural(rows.length, 'name')}, ${items}, ${formatDurationNs(total)} in all`];
  lines.push(
    table(
      ['Time', 'Total', 'Count', 'Mean', 'Median', 'Min', 'Max', 'Name'],
      rows
        .slice(0, ROWS)
        .map((row) => [
          percent(row.sharePercent),
          formatDurationNs(row.totalNs),
          String(row.count),
          formatDurationNs(row.meanNs),
          formatDurationNs(row.medianNs),
          formatDurationNs(row.minNs),
          formatDurationNs(row.maxNs),
          row.name,
        ]),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
  );
  if (rows.length > ROWS) lines.push(`(${rows.length - ROWS} more)`);
  return lines;
}

function copyTable(rows: CopyStats[]): string[] {
  if (rows.length === 0) return [];
  return [
    `-- memory copies and memsets by kind`,
    table(
      ['Kind', 'Count', 'Total time', 'Mean time', 'Total size', 'Mean size', 'Min size', 'Max size', 'GB/s'],
      rows.map((row) => [
        row.name,
        String(row.count),
        formatDurationNs(row.totalNs),
        formatDurationNs(row.meanNs),
        formatBytes(row.totalBytes),
        formatBytes(Math.round(row.meanBytes)),
        formatBytes(row.minBytes),
        formatBytes(row.maxBytes),
        row.bandwidthGBps === null ? '-' : row.bandwidthGBps.toFixed(2),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  ];
}

function idleLines(devices: GpuIdle[]): string[] {
  return devices.map((gpu) => {
    const longest = gpu.longest[0];
    const where = longest
      ? `; longest ${formatDurationNs(longest.durationNs)} at ${formatDurationNs(longest.startNs)}`
      : '';
    return (
      `-- GPU idle, ${gpu.device} (${plural(gpu.streams, 'stream')}): ` +
      `${formatDurationNs(gpu.idleNs)} idle of ${formatDurationNs(gpu.endNs - gpu.startNs)} (${percent(gpu.idlePercent)}) ` +
      `in ${plural(gpu.gapCount, 'gap')}${where}`
    );
  });
}

export function formatTraceSummary(summary: TraceSummary): string {
  const file = summary.files[0] ?? summary.traceId;
  const lines = [
    `== ${file} (${summary.source}): ${plural(summary.spanCount, 'span')} on ${plural(summary.trackCount, 'track')} over ` +
      formatDurationNs(summary.endNs - summary.startNs),
    ...nameTable('kernels', summary.kernels, 'launch'),
    ...nameTable('CUDA API calls', summary.apiCalls, 'call'),
    ...copyTable(summary.copies),
    ...nameTable('NVTX ranges', summary.nvtxRanges, 'range'),
    ...nameTable('layers', summary.layers, 'run'),
    ...nameTable('pipeline stages', summary.stages, 'run'),
    ...idleLines(summary.gpuIdle),
  ];
  return lines.join('\n');
}
