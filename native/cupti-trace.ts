/**
 * CUPTI tracer columns -> canonical Trace: one GPU-stream track per (device, stream), kernel launch
 * configurations in kernelInfo, copy bytes and directions on memcpy spans.
 */
import { SpanKind, type CopyKind, type Trace } from '../electron/core/model/trace';
import { TraceBuilder } from '../electron/core/model/trace-builder';
import type { NativeTraceColumns } from './index';

const SPAN_KIND = [SpanKind.Kernel, SpanKind.Memcpy, SpanKind.Memset];

export function traceFromCupti(columns: NativeTraceColumns, id: string): Trace {
  const builder = new TraceBuilder(Math.max(16, columns.count));
  const tracks = new Map<string, number>();
  const trackOf = (device: number, stream: number): number => {
    const key = `${device}:${stream}`;
    let track = tracks.get(key);
    if (track === undefined) {
      track = builder.addTrack({
        kind: 'gpu-stream',
        name: `GPU ${device} stream ${stream}`,
        deviceId: device,
        streamId: stream,
      });
      tracks.set(key, track);
    }
    return track;
  };
  // Spans in start order; tracks appear in the order their first span does.
  const order = Array.from({ length: columns.count }, (_, i) => i).sort(
    (a, b) => columns.startNs[a]! - columns.startNs[b]! || a - b,
  );
  for (const i of order) {
    const kind = columns.kind[i]!;
    const span = builder.addSpan({
      startNs: columns.startNs[i]!,
      durationNs: Math.max(0, columns.endNs[i]! - columns.startNs[i]!),
      track: trackOf(columns.deviceId[i]!, columns.streamId[i]!),
      name: columns.names[columns.name[i]!] ?? '?',
      kind: SPAN_KIND[kind] ?? SpanKind.Other,
      correlation: columns.correlationId[i]!,
      bytes: columns.bytes[i]!,
      copyKind: columns.copyKind[i]! as CopyKind,
    });
    if (kind === 0) {
      builder.setKernelInfo(span, {
        grid: [columns.gridX[i]!, columns.gridY[i]!, columns.gridZ[i]!],
        block: [columns.blockX[i]!, columns.blockY[i]!, columns.blockZ[i]!],
        registers: columns.registersPerThread[i]!,
        sharedMemory: columns.sharedMemoryBytes[i]!,
      });
    }
  }
  if (columns.droppedRecords > 0)
    builder.warnings.push(`CUPTI dropped ${columns.droppedRecords} activity records`);
  return builder.build({ id, source: 'cupti', originNs: columns.originUnixNs });
}
