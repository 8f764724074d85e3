/**
 * The timeline at a glance: one inference per variant, layer after layer (from the per-layer means),
 * and for each recorded trace how busy each track was over time, with the spans that took longest.
 */
import { useMemo } from 'react';
import type { Report, ReportTimelineTrace } from '../../../../electron/core/model/report';
import { variantLabel } from '../../../../electron/core/model/report-figures';
import { formatMs } from '../../../../electron/core/model/units';
import { colorOfName } from '../../charts/chart-colors';
import { TimelineStripChart, type StripItem } from '../../charts/TimelineStripChart';

function LayerSequences({ report }: { report: Report }) {
  const { rows, items } = useMemo(() => {
    const sequences = report.timeline.layerSequences;
    const items: StripItem[] = sequences.flatMap((sequence, row) =>
      sequence.layers.map((layer) => ({
        row,
        startMs: layer.startMs,
        endMs: layer.startMs + layer.durationMs,
        color: colorOfName(layer.type),
        tooltip: `${layer.name}\n${layer.type}: ${formatMs(layer.durationMs)} ms`,
      })),
    );
    return { rows: sequences.map((s) => variantLabel(report, s.variant)), items };
  }, [report]);
  if (rows.length === 0) return null;
  return (
    <TimelineStripChart
      title="One inference, layer after layer (per-layer means, coloured by type)"
      rows={rows}
      items={items}
    />
  );
}

function TraceOverview({ report, trace }: { report: Report; trace: ReportTimelineTrace }) {
  const { rows, items } = useMemo(() => {
    const width = trace.durationMs / report.timeline.buckets;
    const items: StripItem[] = trace.tracks.flatMap((track, row) =>
      track.occupancy.flatMap((busy, bucket) =>
        busy > 0
          ? [
              {
                row,
                startMs: bucket * width,
                endMs: (bucket + 1) * width,
                opacity: 0.15 + 0.85 * busy,
                tooltip: `${track.name}\n${formatMs(bucket * width)}-${formatMs((bucket + 1) * width)} ms: ${(busy * 100).toFixed(0)}% busy`,
              },
            ]
          : [],
      ),
    );
    return { rows: trace.tracks.map((t) => t.name), items };
  }, [report, trace]);
  const owner = trace.variant === null ? trace.source : variantLabel(report, trace.variant);
  return (
    <div className="trace-overview">
      <h3>
        {owner}: {trace.source} trace, {trace.spans} spans over {formatMs(trace.durationMs)} ms
      </h3>
      <TimelineStripChart title={`How busy each track was (${trace.id})`} rows={rows} items={items} />
      <table className="data-table" aria-label={`Longest spans of ${trace.id}`}>
        <thead>
          <tr>
            <th>span</th>
            <th className="numeric">count</th>
            <th className="numeric">total ms</th>
          </tr>
        </thead>
        <tbody>
          {trace.topSpans.map((span) => (
            <tr key={span.name}>
              <td className="mono">{span.name}</td>
              <td className="numeric">{span.count}</td>
              <td className="numeric">{formatMs(span.totalMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TimelineSection({ report }: { report: Report }) {
  const { traces, layerSequences } = report.timeline;
  if (traces.length === 0 && layerSequences.length === 0)
    return <p>No trace and no per-layer profile in this session.</p>;
  return (
    <>
      <LayerSequences report={report} />
      {traces.length === 0 && (
        <p className="note">
          No trace was recorded in this session; the Chrome trace export holds the layer sequences above.
        </p>
      )}
      {traces.map((trace) => (
        <TraceOverview key={trace.id} report={report} trace={trace} />
      ))}
    </>
  );
}
