/**
 * Throughput against batch size on ORT: each batch is timed without the profiler. A model with a
 * dynamic leading dimension runs in the prepared session; one exported with batch 1 is tried through
 * a copy with a symbolic batch (batch-override.ts), and when its graph does not follow the batch the
 * sweep says why instead of guessing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as ort from 'onnxruntime-node';
import { summarize } from '../model/statistics';
import { describeError } from '../errors';
import type { SampleStats } from '../model/types';
import type { PreparedEngine } from './backend';
import type { FixedInputs } from '../pipeline/input-values';
import type { ProgressSink } from '../model/progress';
import { batchFoldingReshapes, hasDynamicBatch, writeSymbolicBatchModel } from './batch-override';
import { readOnnx } from '../onnx/reader';
import { makeScratchDirectory } from './onnxruntime-profiling';
import { openOrtSession, runOrtSession, type OrtSettings } from './onnxruntime-session';
import { resolveInputDims, toOrtTensor } from './ort-tensors';
import { seededInput } from '../model/tensor';
import { timedLoop, type LoopPlan } from './timing-loop';

export interface SweepHandle {
  session: ort.InferenceSession;
  settings: OrtSettings;
  inputs: { name: string; type: string; shape: (number | string)[] }[];
  shapes?: Record<string, number[]>;
  fixedInputs?: FixedInputs;
}

export interface SweepPoint {
  batch: number;
  latency: SampleStats;
  /** Samples (images, sequences) per second: batch / mean latency. */
  throughputPerSec: number;
}

/** Why the sweep stopped, naming the Reshapes that fold the batch when the graph has them. */
function sweepStopped(modelPath: string, batch: number, dynamic: boolean, error: unknown): string {
  const how = dynamic ? 'its batch dimension' : 'a batch other than the one it was exported with';
  const folding = batchFoldingReshapes(readOnnx(modelPath));
  const named = folding.slice(0, 2).map((f) => `${f.node} reshapes to the constant [${f.target.join(', ')}]`);
  if (folding.length > 2) named.push(`${folding.length - 2} more Reshapes like them`);
  const cause =
    folding.length > 0
      ? `${named.join('; ')}: the export folded its batch into fixed sizes; ` +
        're-export with a dynamic batch axis to profile larger batches'
      : describeError(error);
  return `batch sweep stopped at batch ${batch}: the model does not run ${how}: ${cause}`;
}

export async function batchSweep(
  prepared: PreparedEngine,
  handle: SweepHandle,
  batches: number[],
  plan: LoopPlan,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<{ points: SweepPoint[]; warnings: string[] }> {
  const dynamic = hasDynamicBatch(handle.inputs);
  const directory = dynamic ? undefined : makeScratchDirectory();
  let session = handle.session;
  let modelPath = prepared.modelPath;
  try {
    if (directory) {
      modelPath = path.join(directory, 'symbolic-batch.onnx');
      writeSymbolicBatchModel(prepared.modelPath, modelPath);
      session = await openOrtSession(modelPath, handle.settings);
    }
    const points: SweepPoint[] = [];
    for (const [index, batch] of batches.entries()) {
      progress({ stage: 'batch-sweep', fraction: index / batches.length, message: `batch ${batch}` });
      const feeds: Record<string, ort.Tensor> = {};
      handle.inputs.forEach((input, i) => {
        const dims = resolveInputDims(prepared.modelPath, input, handle.shapes, batch);
        const fixed = handle.fixedInputs?.(input.name, dims);
        feeds[input.name] = toOrtTensor(fixed ?? seededInput(input.type, dims, 1234 + i));
      });
      try {
        const run = await timedLoop(
          () => runOrtSession(session, prepared.modelPath, feeds),
          plan,
          'batch-sweep',
          () => {},
          signal,
        );
        const latency = summarize(run.samplesMs);
        points.push({ batch, latency, throughputPerSec: (batch * 1000) / latency.meanMs });
      } catch (error) {
        if ((error as Error).name === 'CancelledError') throw error;
        return { points, warnings: [sweepStopped(prepared.modelPath, batch, dynamic, error)] };
      }
    }
    return { points, warnings: [] };
  } finally {
    if (session !== handle.session) await session.release();
    if (directory) fs.rmSync(directory, { recursive: true, force: true });
  }
}
