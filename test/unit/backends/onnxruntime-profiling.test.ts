import { describe, expect, it } from 'vitest';
import { measuredEvents, readProfileEvents } from '../../../electron/core/backends/onnxruntime-profiling';
import { parseOrtProfile } from '../../../electron/core/importers/onnxruntime-profile';
import { fixture } from '../../helpers/fixtures';

// A real ORT 1.30 CPU profile of ResNet-18 with 3 model_run events. Facts computed with python over the
// JSON: 25 kernels, each run 3 times; model_run durations 4626, 3959, 3869 µs; the kernel events
// inside run 2 sum to 3812 µs, those of runs 2 and 3 to 7550 µs.
const file = fixture('traces', 'ort_resnet18_cpu_2026-11-21_11-45-27_469.json');

describe('measured runs of an ORT profile', () => {
  const events = readProfileEvents(file);

  it('drops warm-up runs by position, so each node has one sample per measured run', () => {
    const { profile } = parseOrtProfile(measuredEvents(events, 1, file), file);
    expect(profile.latency!.count).toBe(2);
    expect(profile.latency!.meanMs).toBeCloseTo((3.959 + 3.869) / 2, 9);
    expect(profile.layers).toHaveLength(25);
    for (const layer of profile.layers) expect(layer.samplesMs).toHaveLength(2);
    const firstRun = profile.layers.reduce((sum, l) => sum + l.samplesMs![0]!, 0);
    const both = profile.layers.reduce((sum, l) => sum + l.stats.totalMs, 0);
    expect(firstRun).toBeCloseTo(3.812, 6);
    expect(both).toBeCloseTo(7.55, 6);
  });

  it('refuses a profile with fewer runs than the warm-up', () => {
    expect(() => measuredEvents(events, 3, file)).toThrow(/3 runs, fewer than the 3 warm-up runs/);
  });
});
