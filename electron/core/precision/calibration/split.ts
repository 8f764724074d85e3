/**
 * Splits a calibration source in two, interleaved (every k-th sample held out), so both parts see
 * the whole spread of a folder sorted by name. The parts read the same underlying source and drop
 * the other part's samples, so nothing is copied.
 */
import type { CalibrationSource } from './source';

export interface SplitSource {
  calibrate: CalibrationSource;
  heldOut: CalibrationSource;
}

function subset(
  source: CalibrationSource,
  keep: (index: number) => boolean,
  count: number,
  label: string,
): CalibrationSource {
  return {
    spec: `${source.spec} (${label})`,
    kind: source.kind,
    count,
    async *samples(signal) {
      let index = 0;
      for await (const sample of source.samples(signal)) if (keep(index++)) yield sample;
    },
  };
}

/** Holds out every `every`-th sample (the 3rd, 6th, ...: a third by default). */
export function splitCalibrationSource(source: CalibrationSource, every = 3): SplitSource {
  const heldOutCount = Math.floor(source.count / every);
  const held = (i: number) => i % every === every - 1;
  return {
    calibrate: subset(
      source,
      (i) => !held(i),
      source.count - heldOutCount,
      `${source.count - heldOutCount} of ${source.count}`,
    ),
    heldOut: subset(source, held, heldOutCount, `${heldOutCount} held out of ${source.count}`),
  };
}
