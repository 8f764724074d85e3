/** The trace's nsys-stats-style summary beside the timeline: kernels, CUDA API, copies, NVTX, layers, stages, GPU idle. */
import type { NameStats, TraceSummary } from '../../../../electron/core/model/trace-stats';
import { formatBytes, formatDurationNs, formatDurationShort } from '../../../../electron/core/model/units';

const ROWS = 8;

function NameTable({ title, rows }: { title: string; rows: NameStats[] }) {
  if (rows.length === 0) return null;
  return (
    <section aria-label={title}>
      <h4>
        {title} <span className="muted">({rows.length})</span>
      </h4>
      <table className="compact">
        <colgroup>
          <col style={{ width: 46 }} />
          <col style={{ width: 64 }} />
          <col style={{ width: 44 }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>Time</th>
            <th>Total</th>
            <th>Count</th>
            <th>Name</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, ROWS).map((row) => (
            <tr
              key={row.name}
              title={`${row.name}: mean ${formatDurationNs(row.meanNs)}, min ${formatDurationNs(row.minNs)}, max ${formatDurationNs(row.maxNs)}`}
            >
              <td className="num">{row.sharePercent.toFixed(1)}%</td>
              <td className="num">{formatDurationShort(row.totalNs)}</td>
              <td className="num">{row.count}</td>
              <td className="name">{row.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > ROWS && <p className="muted">{rows.length - ROWS} more</p>}
    </section>
  );
}

/** A warning with its file named by its base name (an upload's folder on the server says nothing). */
function shortWarning(warning: string, files: string[]): string {
  return files.reduce((text, file) => text.split(file).join(file.split(/[\\/]/).at(-1) ?? file), warning);
}

export function SummaryPanel({ summary }: { summary: TraceSummary }) {
  return (
    <div className="timeline-summary" aria-label="Trace summary">
      {summary.warnings.length > 0 && (
        <section aria-label="Warnings" className="timeline-warnings">
          <h4>Warnings</h4>
          <ul>
            {summary.warnings.map((warning) => (
              <li key={warning}>{shortWarning(warning, summary.files)}</li>
            ))}
          </ul>
        </section>
      )}
      <NameTable title="Kernels" rows={summary.kernels} />
      <NameTable title="CUDA API calls" rows={summary.apiCalls} />
      {summary.copies.length > 0 && (
        <section aria-label="Memory copies">
          <h4>Memory copies and memsets</h4>
          <table className="compact">
            <colgroup>
              <col style={{ width: 58 }} />
              <col style={{ width: 50 }} />
              <col style={{ width: 64 }} />
              <col style={{ width: 78 }} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th>Kind</th>
                <th>Count</th>
                <th>Total</th>
                <th>Size</th>
                <th>GB/s</th>
              </tr>
            </thead>
            <tbody>
              {summary.copies.map((row) => (
                <tr key={row.name}>
                  <td>{row.name}</td>
                  <td className="num">{row.count}</td>
                  <td className="num">{formatDurationShort(row.totalNs)}</td>
                  <td className="num">{formatBytes(row.totalBytes)}</td>
                  <td className="num">{row.bandwidthGBps === null ? '-' : row.bandwidthGBps.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <NameTable title="NVTX ranges" rows={summary.nvtxRanges} />
      <NameTable title="Layers" rows={summary.layers} />
      <NameTable title="Pipeline stages" rows={summary.stages} />
      {summary.gpuIdle.map((gpu) => (
        <section key={gpu.device} aria-label={`GPU idle ${gpu.device}`}>
          <h4>GPU idle: {gpu.device}</h4>
          <p>
            {formatDurationNs(gpu.idleNs)} of {formatDurationNs(gpu.endNs - gpu.startNs)} (
            {gpu.idlePercent.toFixed(1)}%) in {gpu.gapCount} gap{gpu.gapCount === 1 ? '' : 's'} across{' '}
            {gpu.streams} stream
            {gpu.streams === 1 ? '' : 's'}
            {gpu.longest[0] ? `; longest ${formatDurationNs(gpu.longest[0].durationNs)}` : ''}.
          </p>
        </section>
      ))}
    </div>
  );
}
