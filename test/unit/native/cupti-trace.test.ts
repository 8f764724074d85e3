/** CUPTI tracer columns -> canonical Trace (the conversion the TensorRT backend and doctor use). */
import { describe, expect, it } from 'vitest';
import { traceFromCupti } from '../../../native/cupti-trace';
import type { NativeTraceColumns } from '../../../native/index';
import { CopyKind, SpanKind } from '../../../electron/core/model/trace';

// Three activities as the tracer returns them (kernel on stream 7, a copy on stream 13, a memset on 7),
// listed out of start order.
function columns(): NativeTraceColumns {
  return {
    count: 3,
    kind: Uint8Array.from([1, 0, 2]),
    startNs: Float64Array.from([5000, 1000, 9000]),
    endNs: Float64Array.from([7000, 3500, 9400]),
    name: Uint32Array.from([1, 0, 2]),
    deviceId: Uint32Array.from([0, 0, 0]),
    streamId: Uint32Array.from([13, 7, 7]),
    correlationId: Uint32Array.from([21, 20, 22]),
    gridX: Uint32Array.from([0, 13, 0]),
    gridY: Uint32Array.from([0, 2, 0]),
    gridZ: Uint32Array.from([0, 1, 0]),
    blockX: Uint32Array.from([0, 64, 0]),
    blockY: Uint32Array.from([0, 2, 0]),
    blockZ: Uint32Array.from([0, 1, 0]),
    registersPerThread: Uint16Array.from([0, 16, 0]),
    sharedMemoryBytes: Uint32Array.from([0, 1024, 0]),
    bytes: Float64Array.from([1048576, 0, 4096]),
    copyKind: Uint8Array.from([1, 0, 0]),
    names: ['studio_scale_kernel', 'Memcpy HtoD', 'Memset'],
    originUnixNs: 1.7e18,
    droppedRecords: 0,
  };
}

describe('traceFromCupti', () => {
  const trace = traceFromCupti(columns(), 'run-1');

  it('one GPU-stream track per (device, stream), in first-span order', () => {
    expect(trace.source).toBe('cupti');
    expect(trace.originNs).toBe(1.7e18);
    expect(trace.tracks.map((t) => [t.kind, t.deviceId, t.streamId])).toEqual([
      ['gpu-stream', 0, 7],
      ['gpu-stream', 0, 13],
    ]);
  });

  it('spans in start order with kinds, durations, names, bytes and copy direction', () => {
    const s = trace.spans;
    expect(s.count).toBe(3);
    expect(Array.from(s.start)).toEqual([1000, 5000, 9000]);
    expect(Array.from(s.duration)).toEqual([2500, 2000, 400]);
    expect(Array.from(s.kind)).toEqual([SpanKind.Kernel, SpanKind.Memcpy, SpanKind.Memset]);
    expect(Array.from(s.name, (i) => trace.strings[i])).toEqual([
      'studio_scale_kernel',
      'Memcpy HtoD',
      'Memset',
    ]);
    expect(Array.from(s.track)).toEqual([0, 1, 0]);
    expect(Array.from(s.bytes)).toEqual([0, 1048576, 4096]);
    expect(s.copyKind[1]).toBe(CopyKind.HtoD);
    expect(Array.from(s.correlation)).toEqual([20, 21, 22]);
  });

  it('kernel launch configuration in kernelInfo: one row, for the kernel span only', () => {
    const k = trace.kernelInfo!;
    expect(k.count).toBe(1);
    expect(Array.from(k.span)).toEqual([0]);
    expect([k.gridX[0], k.gridY[0], k.gridZ[0], k.blockX[0], k.blockY[0], k.blockZ[0]]).toEqual([
      13, 2, 1, 64, 2, 1,
    ]);
    expect(k.registersPerThread[0]).toBe(16);
    expect(k.sharedMemoryBytes[0]).toBe(1024);
  });

  it('dropped records become a warning', () => {
    const dropped = traceFromCupti({ ...columns(), droppedRecords: 5 }, 'run-2');
    expect(dropped.warnings).toEqual(['CUPTI dropped 5 activity records']);
  });
});
