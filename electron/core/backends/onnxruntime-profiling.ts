/**
 * A run of ORT's own profiler: a session opened with profiling on, warm-up and measured runs, then
 * `endProfiling()` writes `<prefix>_<date>.json`, which is read back. Profiling can be neither turned
 * on nor restarted on an open session, so every profiled measurement gets a session of its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as ort from 'onnxruntime-node';
import { StudioError } from '../errors';
import { throwIfCancelled, type ProgressSink } from '../model/progress';
import { openOrtSession, runOrtSession, type OrtSettings } from './onnxruntime-session';

/** The fields of an ORT profile event the studio reads (Chrome-trace `X` events, µs). */
export interface OrtProfileEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args?: Record<string, unknown>;
}

export interface ProfiledRuns {
  events: OrtProfileEvent[];
  /** Where the profile JSON was written (inside `directory`). */
  file: string;
  /** The session's optimized graph, when asked for. */
  optimizedModelPath?: string;
}

export interface ProfiledRunPlan {
  warmupRuns: number;
  measuredRuns: number;
  /** Also write ORT's optimized graph (for fusion mapping). */
  writeOptimizedModel?: boolean;
}

/** A private temporary folder; the caller removes it with `fs.rmSync(dir, {recursive: true})`. */
export function makeScratchDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-ort-'));
}

export async function runProfiled(
  modelPath: string,
  settings: OrtSettings,
  feeds: Record<string, ort.Tensor>,
  plan: ProfiledRunPlan,
  directory: string,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<ProfiledRuns> {
  const optimizedModelPath = plan.writeOptimizedModel ? path.join(directory, 'optimized.onnx') : undefined;
  const session = await openOrtSession(modelPath, settings, {
    profilePrefix: path.join(directory, 'ort_profile'),
    optimizedModelPath,
  });
  try {
    const total = plan.warmupRuns + plan.measuredRuns;
    for (let i = 0; i < total; i++) {
      throwIfCancelled(signal);
      await runOrtSession(session, modelPath, feeds);
      if (i % 10 === 9)
        progress({
          stage: 'per-layer',
          fraction: (i + 1) / total,
          message: `${i + 1}/${total} profiled runs`,
        });
    }
    session.endProfiling();
  } finally {
    await session.release();
  }
  const file = findProfileFile(directory, modelPath);
  return { events: readProfileEvents(file), file, optimizedModelPath };
}

function findProfileFile(directory: string, modelPath: string): string {
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.startsWith('ort_profile') && name.endsWith('.json'));
  if (files.length === 0) throw new StudioError(modelPath, 'ONNX Runtime wrote no profile file');
  return path.join(directory, files.sort().at(-1)!);
}

export function readProfileEvents(file: string): OrtProfileEvent[] {
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const events = Array.isArray(raw) ? raw : (raw as { traceEvents?: unknown }).traceEvents;
  if (!Array.isArray(events)) throw new StudioError(file, 'not an ONNX Runtime profile: no event array');
  return events as OrtProfileEvent[];
}

/**
 * The events of the measured runs only: everything before the first run after `warmupRuns` (session
 * start-up, warm-up runs and their kernels) is dropped by position.
 */
export function measuredEvents(
  events: OrtProfileEvent[],
  warmupRuns: number,
  file: string,
): OrtProfileEvent[] {
  const runs = events
    .filter((e) => e.cat === 'Session' && e.name === 'model_run')
    .sort((a, b) => a.ts - b.ts);
  if (runs.length <= warmupRuns) {
    throw new StudioError(
      file,
      `ONNX Runtime's profile holds ${runs.length} runs, fewer than the ${warmupRuns} warm-up runs`,
    );
  }
  const start = runs[warmupRuns]!.ts;
  return events.filter((e) => e.ts >= start);
}
