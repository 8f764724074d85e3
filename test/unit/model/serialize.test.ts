/** The canonical model round-trips through JSON, typed trace columns included; session saves are atomic. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CopyKind, SpanKind } from '../../../electron/core/model/trace';
import { TraceBuilder } from '../../../electron/core/model/trace-builder';
import { fromJson, parseSession, toJson } from '../../../electron/core/model/serialize';
import { loadSession, newSession, saveSession } from '../../../electron/core/model/session';
import { SCHEMA_VERSION, type Session } from '../../../electron/core/model/types';
import { summarize } from '../../../electron/core/model/statistics';
import { tempDir } from '../../helpers/fixtures';

function sampleSession(): Session {
  const builder = new TraceBuilder(2);
  const cpu = builder.addTrack({ kind: 'cpu-thread', name: 'main', pid: 10, tid: 11 });
  const gpu = builder.addTrack({ kind: 'gpu-stream', name: 'stream 7', deviceId: 0, streamId: 7 });
  const launch = builder.addSpan({
    startNs: 1000,
    durationNs: 50,
    track: cpu,
    name: 'cudaLaunchKernel',
    kind: SpanKind.Runtime,
    correlation: 5,
  });
  const kernel = builder.addSpan({
    startNs: 1100,
    durationNs: 2500.5,
    track: gpu,
    name: 'sm90_xmma_gemm',
    kind: SpanKind.Kernel,
    correlation: 5,
    layer: '/conv1/Conv',
  });
  builder.setKernelInfo(kernel, { grid: [4, 2, 1], block: [128, 1, 1], registers: 96, sharedMemory: 49152 });
  builder.addSpan({
    startNs: 4000,
    durationNs: 900,
    track: gpu,
    name: 'memcpy HtoD',
    kind: SpanKind.Memcpy,
    bytes: 602112,
    copyKind: CopyKind.HtoD,
  });
  builder.addFlow(launch, kernel);
  const session = newSession();
  session.traces.push(builder.build({ id: 'trace-1', source: 'test' }));
  session.profiles.push({
    id: 'p1',
    engineId: 'e1',
    backend: 'onnxruntime',
    batchSize: 1,
    iterations: 3,
    warmupIterations: 1,
    layers: [{ name: 'conv1', stats: summarize([1, 2, 3]), percentage: 100, samplesMs: [1, 2, 3] }],
    stages: [],
    warnings: [],
  });
  return session;
}

describe('canonical JSON', () => {
  it('round-trips a session with typed trace columns exactly', () => {
    const session = sampleSession();
    const back = fromJson<Session>(toJson(session));
    expect(back).toEqual(session);
    const spans = back.traces[0]!.spans;
    expect(spans.start).toBeInstanceOf(Float64Array);
    expect(spans.layer).toBeInstanceOf(Int32Array);
    expect(Array.from(spans.duration)).toEqual([50, 2500.5, 900]);
    expect(back.traces[0]!.strings[spans.layer[1]!]).toBe('/conv1/Conv');
    expect(spans.layer[0]).toBe(-1);
    const kernelInfo = back.traces[0]!.kernelInfo!;
    expect(kernelInfo.count).toBe(1);
    expect(Array.from(kernelInfo.span)).toEqual([1]);
    expect(Array.from(kernelInfo.registersPerThread)).toEqual([96]);
    expect(Array.from(kernelInfo.gridX)).toEqual([4]);
    expect(kernelInfo.span).toBeInstanceOf(Uint32Array);
    expect(Array.from(back.traces[0]!.flows.to)).toEqual([1]);
  });

  it('refuses non-finite numbers instead of writing null', () => {
    expect(() => toJson({ x: NaN })).toThrow(/non-finite/);
  });

  it('parseSession names what is wrong', () => {
    expect(() => parseSession('{')).toThrow(/not a session file/);
    expect(() => parseSession('{"kind":"model"}')).toThrow(/not a session file: kind/);
    const newer = { ...sampleSession(), schemaVersion: SCHEMA_VERSION + 1 };
    expect(() => parseSession(toJson(newer))).toThrow(/newer than this studio/);
  });
});

describe('session files', () => {
  it('saves atomically and loads back the same session', () => {
    const dir = tempDir();
    const file = path.join(dir, 'run.session.json');
    const session = sampleSession();
    saveSession(file, session);
    expect(fs.readdirSync(dir)).toEqual(['run.session.json']); // no temp file left behind
    expect(loadSession(file)).toEqual(session);
  });

  it('a failed save leaves the previous file intact', () => {
    const dir = tempDir();
    const file = path.join(dir, 'run.session.json');
    const session = sampleSession();
    saveSession(file, session);
    const before = fs.readFileSync(file, 'utf8');
    const broken = sampleSession();
    broken.notes.push('x');
    (broken.profiles[0]!.layers[0]!.stats as { meanMs: number }).meanMs = Infinity;
    expect(() => saveSession(file, broken)).toThrow(/non-finite/);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['run.session.json']);
  });

  it('loading a missing or foreign file names it', () => {
    const dir = tempDir();
    expect(() => loadSession(path.join(dir, 'none.json'))).toThrow(/none\.json: no such file$/);
    fs.writeFileSync(path.join(dir, 'other.json'), '[{"count": 3}]');
    expect(() => loadSession(path.join(dir, 'other.json'))).toThrow(/other\.json: not a session file/);
  });
});
