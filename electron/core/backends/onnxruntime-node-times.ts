/**
 * Per-node times across many runs from the events ORT's profiler wrote: each `<node>_kernel_time`
 * event is given to the `model_run` that encloses it, so every node gets one sample per run (a node
 * that ran twice in one run, inside a loop, gets the sum). Warm-up runs are dropped by position.
 */
import { StudioError } from '../errors';

/** The fields of an ORT profile event the studio reads (Chrome-trace `X` events, µs). */
export interface OrtProfileEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args?: Record<string, unknown>;
}

export interface NodeRunTimes {
  /** Node name after ORT's optimizations (the `_kernel_time` suffix removed). */
  name: string;
  opType: string;
  provider: string;
  /** One sample per measured run, ms. */
  samplesMs: number[];
  /** Element types of the kernel's inputs and outputs as ORT reported them ("float", "float16", "int8"...). */
  inputTypes: string[];
  outputTypes: string[];
  inputShapes: number[][];
  outputShapes: number[][];
}

export interface RunTimes {
  /** model_run duration of each measured run, ms (profiled, so slower than an unprofiled run). */
  runsMs: number[];
  /** Nodes in execution order of the first measured run. */
  nodes: NodeRunTimes[];
}

const KERNEL_SUFFIX = '_kernel_time';

export function nodeTimesByRun(events: OrtProfileEvent[], warmupRuns: number, file: string): RunTimes {
  const runs = events
    .filter((e) => e.cat === 'Session' && e.name === 'model_run')
    .sort((a, b) => a.ts - b.ts);
  if (runs.length <= warmupRuns) {
    throw new StudioError(
      file,
      `ONNX Runtime's profile holds ${runs.length} runs, fewer than the ${warmupRuns} warm-up runs`,
    );
  }
  const measured = runs.slice(warmupRuns);
  const kernels = events
    .filter((e) => e.cat === 'Node' && e.name.endsWith(KERNEL_SUFFIX))
    .sort((a, b) => a.ts - b.ts);
  const nodes = new Map<string, NodeRunTimes>();
  let runIndex = 0;
  for (const event of kernels) {
    while (runIndex < measured.length && event.ts > measured[runIndex]!.ts + measured[runIndex]!.dur)
      runIndex++;
    if (runIndex >= measured.length) break;
    const run = measured[runIndex]!;
    if (event.ts < run.ts) continue; // a warm-up run's kernel
    const name = event.name.slice(0, -KERNEL_SUFFIX.length);
    let node = nodes.get(name);
    if (!node) {
      node = describeNode(name, event, measured.length);
      nodes.set(name, node);
    }
    node.samplesMs[runIndex] = node.samplesMs[runIndex]! + event.dur / 1000;
  }
  return { runsMs: measured.map((r) => r.dur / 1000), nodes: [...nodes.values()] };
}

function describeNode(name: string, event: OrtProfileEvent, runCount: number): NodeRunTimes {
  const args = event.args ?? {};
  const inputs = typeShapes(args.input_type_shape);
  const outputs = typeShapes(args.output_type_shape);
  return {
    name,
    opType: typeof args.op_name === 'string' ? args.op_name : 'unknown',
    provider: typeof args.provider === 'string' ? args.provider : 'unknown',
    samplesMs: new Array<number>(runCount).fill(0),
    inputTypes: inputs.map((t) => t.type),
    outputTypes: outputs.map((t) => t.type),
    inputShapes: inputs.map((t) => t.shape),
    outputShapes: outputs.map((t) => t.shape),
  };
}

/** ORT writes `[{"float": [1,3,224,224]}, ...]`. */
function typeShapes(value: unknown): { type: string; shape: number[] }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (!entry || typeof entry !== 'object') return [];
    const [type, shape] = Object.entries(entry as Record<string, unknown>)[0] ?? [];
    if (typeof type !== 'string') return [];
    return [{ type, shape: Array.isArray(shape) ? shape.map(Number) : [] }];
  });
}
