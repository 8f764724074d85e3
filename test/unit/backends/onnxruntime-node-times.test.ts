import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeTimesByRun } from '../../../electron/core/backends/onnxruntime-node-times';
import { readProfileEvents } from '../../../electron/core/backends/onnxruntime-profiling';

// A real ORT 1.30 CPU profile of ResNet-18 with 3 model_run events. Facts below were computed with
// python over the JSON: 25 kernels, each 3 times; model_run durations 4626, 3959, 3869 µs; the 25
// kernel events inside run 2 sum to 3812 µs, those of runs 2 and 3 to 7550 µs.
const file = path.resolve('../shared/fixtures/traces/ort_resnet18_cpu_2026-11-21_11-45-27_469.json');

describe('nodeTimesByRun', () => {
  const events = readProfileEvents(file);

  it('gives every node one sample per measured run, dropping warm-up runs by position', () => {
    const times = nodeTimesByRun(events, 1, file);
    expect(times.runsMs).toEqual([3.959, 3.869]);
    expect(times.nodes).toHaveLength(25);
    for (const node of times.nodes) expect(node.samplesMs).toHaveLength(2);
    expect(times.nodes[0]!.name).toBe('/relu/Relu_output_0_nchwc');
  });

  it('adds up to the kernel events of each run', () => {
    const times = nodeTimesByRun(events, 1, file);
    const firstRun = times.nodes.reduce((sum, n) => sum + n.samplesMs[0]!, 0);
    const both = times.nodes.reduce((sum, n) => sum + n.samplesMs[0]! + n.samplesMs[1]!, 0);
    expect(firstRun).toBeCloseTo(3.812, 6);
    expect(both).toBeCloseTo(7.55, 6);
  });

  it('reads op type, provider and types from the event args', () => {
    const conv = nodeTimesByRun(events, 0, file).nodes.find((n) => n.opType === 'Conv')!;
    expect(conv.provider).toBe('CPUExecutionProvider');
    expect(conv.inputTypes[0]).toBe('float');
    expect(conv.inputShapes[0]!.length).toBe(4);
  });

  it('refuses a profile with fewer runs than the warm-up', () => {
    expect(() => nodeTimesByRun(events, 3, file)).toThrow(/3 runs, fewer than the 3 warm-up runs/);
  });
});
