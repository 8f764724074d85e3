/**
 * What the report's Chrome trace holds: the session's recorded traces (kernel, profiler and pipeline
 * traces), each under its variant's label; a session with none (imported trtexec runs) gets one
 * inference per variant laid out from the per-layer means, on a track that says so, rather than an
 * empty file.
 */
import { SpanKind, type Trace } from '../model/trace';
import { TraceBuilder } from '../model/trace-builder';
import type { LabelledTrace } from './chrome-trace-export';
import type { Report } from '../model/report';

const NS_PER_MS = 1e6;

/** The report's layer sequences as a trace: one track per variant, one span per layer. */
export function layerSequenceTrace(report: Report): Trace {
  const builder = new TraceBuilder();
  for (const sequence of report.timeline.layerSequences) {
    const track = builder.addTrack({
      kind: 'other',
      name: `${report.variants[sequence.variant]!.label}: one inference from per-layer means (not recorded)`,
    });
    for (const layer of sequence.layers) {
      builder.addSpan({
        startNs: layer.startMs * NS_PER_MS,
        durationNs: layer.durationMs * NS_PER_MS,
        track,
        name: layer.name,
        kind: SpanKind.Layer,
        layer: layer.name,
      });
    }
  }
  return builder.build({ id: 'report:layer-sequences', source: 'per-layer profile' });
}

export function reportTraces(report: Report, traces: Trace[]): LabelledTrace[] {
  if (traces.length === 0) return [{ trace: layerSequenceTrace(report), label: 'layers' }];
  return traces.map((trace) => {
    const overview = report.timeline.traces.find((t) => t.id === trace.id);
    const variant = overview?.variant ?? null;
    return { trace, label: variant === null ? trace.source : report.variants[variant]!.label };
  });
}
