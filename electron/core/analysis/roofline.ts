/**
 * The roofline of a comparison: each timed layer of each variant as a point (arithmetic intensity in
 * FLOP per byte against achieved FLOP/s), and the roofs of each precision for the chosen device, from
 * ceilings measured by the native addon when they exist for that device, from the datasheet otherwise,
 * always labelled which. FP32 layers whose kernel runs on Tensor Cores (TF32) are judged against a TF32
 * roof of half the FP16 Tensor Core rate, the ratio of every Ampere and later datasheet. A point under the memory roof's slope is memory-bound, beyond the ridge
 * compute-bound; its efficiency is achieved over attainable (the lower roof at its intensity).
 * `rooflineOf` gives one engine's points in the report's terms (FP32, FP16 and INT8 roofs of its own
 * device's datasheet), from the same layer costs.
 */
import type { DeviceCeilings, Engine, EngineLayer, Model, Precision } from '../model/types';
import { DEFAULT_DEVICE, findDevice, normalizeDeviceName } from '../onnx/device-ceilings';
import { executionTarget, type ComparedEngine } from './compared-engine';
import { layerKind } from '../model/engine-layers';
import { layerTimes, type ProfiledEngine } from './engine-timing';
import { layerBytes, layerCost, modelCostIndex } from './layer-cost';
import type {
  RoofPrecision,
  Roofline,
  RooflineCeilings,
  RooflinePoint,
  VariantCoverage,
} from '../model/views/roofline';

/** The roof a layer computes under: its precision, TF32 for FP32 on Tensor Cores. */
export function roofOf(layer: Pick<EngineLayer, 'precision' | 'tensorCores' | 'tacticName'>): RoofPrecision {
  const precision: Precision = layer.precision;
  if (precision === 'int8' || precision === 'int4' || precision === 'fp8') return 'int8';
  if (precision === 'fp16' || precision === 'bf16') return 'fp16';
  if (layer.tensorCores === true || /tf32/i.test(layer.tacticName ?? '')) return 'tf32';
  return 'fp32';
}

function labelOf(device: DeviceCeilings): string {
  if (device.source === 'measured') return `measured on ${device.name}`;
  if (device.source === 'user') return `given by the user: ${device.name}`;
  return `datasheet: ${device.name}`;
}

export function rooflineCeilings(device: DeviceCeilings): RooflineCeilings {
  const peak: Record<RoofPrecision, number> = {
    fp32: device.fp32Tflops * 1e12,
    tf32: (device.fp16Tflops / 2) * 1e12,
    fp16: device.fp16Tflops * 1e12,
    int8: device.int8Tops * 1e12,
  };
  const bandwidth = device.dramGBps * 1e9;
  return {
    device,
    label: labelOf(device),
    bandwidth,
    roofs: (['fp32', 'tf32', 'fp16', 'int8'] as const).map((precision) => ({
      precision,
      peak: peak[precision],
      ridge: peak[precision] / bandwidth,
    })),
  };
}

/**
 * The ceilings to draw: those measured for the wanted device when there are any, else its datasheet
 * row. The wanted device is the user's choice, else the one the engines ran on, else the default.
 */
export function chooseCeilings(options: {
  device?: string | null;
  engineDevice?: string | null;
  measured?: DeviceCeilings[];
}): DeviceCeilings {
  const wanted = options.device || options.engineDevice || DEFAULT_DEVICE;
  const row = findDevice(wanted) ?? findDevice(DEFAULT_DEVICE)!;
  const sameDevice = (measured: DeviceCeilings) =>
    normalizeDeviceName(measured.name) === normalizeDeviceName(wanted) ||
    findDevice(measured.name)?.name === row.name;
  return options.measured?.find((m) => m.source === 'measured' && sameDevice(m)) ?? row;
}

function attainable(ceilings: RooflineCeilings, roof: RoofPrecision, intensity: number): number {
  const peak = ceilings.roofs.find((r) => r.precision === roof)!.peak;
  return Math.min(peak, intensity * ceilings.bandwidth);
}

/** Every timed layer with a known cost, per variant, against the given ceilings. */
export function variantsRoofline(
  items: ComparedEngine[],
  labels: string[],
  device: DeviceCeilings,
  options: { model?: Model; rowKeyOf?: (layerName: string) => string | undefined } = {},
): Roofline {
  const ceilings = rooflineCeilings(device);
  const index = modelCostIndex(options.model);
  const points: RooflinePoint[] = [];
  const coverage: VariantCoverage[] = [];
  items.forEach((item, variant) => {
    const times = layerTimes(item);
    const counts = { label: labels[variant]!, points: 0, withoutCost: 0, untimed: 0 };
    item.engine.layers.forEach((layer, layerIndex) => {
      const timeMs = times.get(layerIndex);
      if (!timeMs || timeMs <= 0) {
        counts.untimed += 1;
        return;
      }
      const cost = layerCost(layer, index);
      if (!cost) {
        counts.withoutCost += 1;
        return;
      }
      const roof = roofOf(layer);
      const intensity = cost.flops / cost.bytes;
      const achieved = cost.flops / (timeMs / 1e3);
      const limit = attainable(ceilings, roof, intensity);
      const ridge = ceilings.roofs.find((r) => r.precision === roof)!.ridge;
      points.push({
        variant,
        layerName: layer.name,
        rowKey: options.rowKeyOf?.(layer.name) ?? layer.name,
        layerType: layer.parameterType ?? layer.type,
        roof,
        flops: cost.flops,
        bytes: cost.bytes,
        intensity,
        achieved,
        timeMs,
        attainable: limit,
        efficiency: achieved / limit,
        bound: intensity < ridge ? 'memory' : 'compute',
        costSource: cost.source,
      });
      counts.points += 1;
    });
    coverage.push(counts);
  });
  const counts = new Map<RoofPrecision, number>();
  for (const point of points) counts.set(point.roof, (counts.get(point.roof) ?? 0) + 1);
  const drawnRoofs = ceilings.roofs
    .map((roof) => roof.precision)
    .filter((precision) => counts.has(precision));
  const mainRoof = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return {
    points,
    ceilings,
    drawnRoofs,
    mainRoof,
    coverage,
    notes: rooflineNotes(items, labels, ceilings, coverage),
  };
}

function rooflineNotes(
  items: ComparedEngine[],
  labels: string[],
  ceilings: RooflineCeilings,
  coverage: VariantCoverage[],
): string[] {
  const notes: string[] = [];
  const cpu = items.flatMap((item, e) => (executionTarget(item) === 'cpu' ? [labels[e]!] : []));
  if (cpu.length > 0) {
    notes.push(
      `${cpu.join(', ')} ran on the CPU: the points are CPU rates, drawn under the roofs of ${ceilings.device.name} to show where the layers would stand on that device`,
    );
  }
  const ranOn = new Set(items.flatMap((item) => (item.engine.device?.name ? [item.engine.device.name] : [])));
  const gpus = [...ranOn].filter((name) => findDevice(name));
  if (
    gpus.length > 0 &&
    !gpus.some((name) => findDevice(name)?.name === findDevice(ceilings.device.name)?.name)
  ) {
    notes.push(`the engines ran on ${gpus.join(', ')}; the roofs are those of ${ceilings.device.name}`);
  }
  for (const c of coverage) {
    if (c.points === 0 && c.untimed > 0 && c.withoutCost === 0)
      notes.push(`${c.label}: no per-layer times, so no points`);
    else if (c.points === 0) notes.push(`${c.label}: no layer with known FLOPs and bytes`);
  }
  return notes;
}

/** One engine's points in the report's terms (roofs of FP32, FP16 and INT8 only). */
export interface EngineRooflinePoint {
  layer: string;
  layerType: string;
  precision: Precision;
  roof: Exclude<RoofPrecision, 'tf32'>;
  flops: number;
  bytes: number;
  intensity: number;
  timeMs: number;
  /** Achieved rate, FLOP/s. */
  achievedFlopsPerSec: number;
  /** Against the roofs when known; 'unknown' without ceilings. */
  bound: 'compute' | 'memory' | 'unknown';
  /** Achieved over attainable at this intensity (0..1), when ceilings are known. */
  efficiency: number | null;
  flopsFrom: 'model' | 'layer';
}

export interface EngineRoofline {
  points: EngineRooflinePoint[];
  /** The device's datasheet roofs, or null when the device is unknown or not a GPU. */
  ceilings: DeviceCeilings | null;
  /** Timed layers left out, and why, as counts. */
  skipped: { noFlops: number; noBytes: number };
}

/** The datasheet roofs of an engine's device; null for CPUs and unknown devices. */
export function ceilingsOfEngine(engine: Engine): DeviceCeilings | null {
  const name = engine.device?.name;
  return name ? (findDevice(name) ?? null) : null;
}

const REPORT_ROOF: Record<RoofPrecision, EngineRooflinePoint['roof']> = {
  fp32: 'fp32',
  tf32: 'fp32',
  fp16: 'fp16',
  int8: 'int8',
};

/** One engine's roofline points against its own device's roofs (the report's roofline section). */
export function rooflineOf(item: ProfiledEngine, model?: Model, profileIndex = 0): EngineRoofline {
  const ceilings = ceilingsOfEngine(item.engine);
  const roofs = ceilings ? rooflineCeilings(ceilings) : null;
  const index = modelCostIndex(model);
  const points: EngineRooflinePoint[] = [];
  const skipped = { noFlops: 0, noBytes: 0 };
  for (const [layerIndex, timeMs] of layerTimes(item, profileIndex)) {
    const layer = item.engine.layers[layerIndex]!;
    if (timeMs <= 0) continue;
    const cost = layerCost(layer, index);
    if (!cost) {
      if (layerBytes(layer) === null) skipped.noBytes++;
      else skipped.noFlops++;
      continue;
    }
    const roof = REPORT_ROOF[roofOf({ ...layer, tensorCores: null, tacticName: undefined })];
    const intensity = cost.flops / cost.bytes;
    const achieved = cost.flops / (timeMs / 1e3);
    const limit = roofs ? attainable(roofs, roof, intensity) : null;
    const ridge = roofs?.roofs.find((r) => r.precision === roof)?.ridge;
    points.push({
      layer: layer.name,
      layerType: layerKind(layer),
      precision: layer.precision,
      roof,
      flops: cost.flops,
      bytes: cost.bytes,
      intensity,
      timeMs,
      achievedFlopsPerSec: achieved,
      bound: ridge === undefined ? 'unknown' : intensity >= ridge ? 'compute' : 'memory',
      efficiency: limit ? achieved / limit : null,
      flopsFrom: cost.source,
    });
  }
  return { points, ceilings, skipped };
}
