/**
 * Roofline ceilings of common inference GPUs, from NVIDIA's datasheets: dense peaks (the datasheets'
 * sparsity figures halved), FP16 on Tensor Cores, INT8 on Tensor Cores, FP32 on CUDA cores (TensorRT
 * may use TF32 Tensor Cores for FP32, which this roof does not claim). The native addon supplies
 * measured ceilings in the same type; the user can pick a row or give numbers (`--device`).
 */
import { StudioError } from '../errors';
import type { DeviceCeilings } from '../model/types';

interface DeviceRow extends DeviceCeilings {
  /** Normalized names this row answers to (see normalizeDeviceName). */
  aliases: string[];
}

const DATASHEETS: DeviceRow[] = [
  // NVIDIA H200 Tensor Core GPU datasheet (SXM): FP32 67 TF, FP16 TC 1,979 TF sparse, INT8 3,958 TOPS sparse, 4.8 TB/s.
  { name: 'NVIDIA H200 SXM', aliases: ['h200', 'h200sxm', 'h200141gbhbm3e'], source: 'datasheet', fp32Tflops: 67, fp16Tflops: 989.5, int8Tops: 1979, dramGBps: 4800 },
  // NVIDIA H100 Tensor Core GPU datasheet (SXM5): FP32 67 TF, FP16 TC 1,979 TF sparse, INT8 3,958 TOPS sparse, 3.35 TB/s.
  { name: 'NVIDIA H100 SXM', aliases: ['h100', 'h100sxm', 'h100sxm5', 'h10080gbhbm3'], source: 'datasheet', fp32Tflops: 67, fp16Tflops: 989.5, int8Tops: 1979, dramGBps: 3350 },
  // Same datasheet, PCIe column: FP32 51 TF, FP16 TC 1,513 TF sparse, INT8 3,026 TOPS sparse, 2 TB/s.
  { name: 'NVIDIA H100 PCIe', aliases: ['h100pcie'], source: 'datasheet', fp32Tflops: 51, fp16Tflops: 756.5, int8Tops: 1513, dramGBps: 2000 },
  // NVIDIA A100 Tensor Core GPU datasheet (80GB SXM): FP32 19.5 TF, FP16 TC 312 TF, INT8 624 TOPS (dense), 2,039 GB/s.
  { name: 'NVIDIA A100 SXM 80GB', aliases: ['a100', 'a100sxm', 'a100sxm480gb'], source: 'datasheet', fp32Tflops: 19.5, fp16Tflops: 312, int8Tops: 624, dramGBps: 2039 },
  // Same datasheet, 80GB PCIe column: same peaks, 1,935 GB/s.
  { name: 'NVIDIA A100 PCIe 80GB', aliases: ['a100pcie', 'a10080gbpcie', 'a100pcie80gb'], source: 'datasheet', fp32Tflops: 19.5, fp16Tflops: 312, int8Tops: 624, dramGBps: 1935 },
  // NVIDIA L40S datasheet: FP32 91.6 TF, FP16 TC 362.05 TF dense, INT8 TC 733 TOPS dense, 864 GB/s.
  { name: 'NVIDIA L40S', aliases: ['l40s'], source: 'datasheet', fp32Tflops: 91.6, fp16Tflops: 362.05, int8Tops: 733, dramGBps: 864 },
  // NVIDIA L4 datasheet: FP32 30.3 TF, FP16 TC 242 TF sparse, INT8 TC 485 TOPS sparse, 300 GB/s.
  { name: 'NVIDIA L4', aliases: ['l4'], source: 'datasheet', fp32Tflops: 30.3, fp16Tflops: 121, int8Tops: 242.5, dramGBps: 300 },
  // NVIDIA A10 datasheet: FP32 31.2 TF, FP16 TC 125 TF dense, INT8 TC 250 TOPS dense, 600 GB/s.
  { name: 'NVIDIA A10', aliases: ['a10'], source: 'datasheet', fp32Tflops: 31.2, fp16Tflops: 125, int8Tops: 250, dramGBps: 600 },
  // NVIDIA T4 datasheet: FP32 8.1 TF, mixed FP16/FP32 65 TF, INT8 130 TOPS, 320 GB/s.
  { name: 'NVIDIA T4', aliases: ['t4'], source: 'datasheet', fp32Tflops: 8.1, fp16Tflops: 65, int8Tops: 130, dramGBps: 320 },
  // NVIDIA Ada GPU architecture whitepaper, RTX 4090: FP32 82.6 TF, FP16 TC with FP32 accumulate 165.2 TF, INT8 TC 660.6 TOPS, 1,008 GB/s.
  { name: 'NVIDIA GeForce RTX 4090', aliases: ['rtx4090', '4090'], source: 'datasheet', fp32Tflops: 82.6, fp16Tflops: 165.2, int8Tops: 660.6, dramGBps: 1008 },
  // Jetson AGX Orin 64GB technical brief: GPU FP32 5.3 TF, GPU INT8 TC 170 TOPS sparse (FP16 TC half of INT8), 204.8 GB/s.
  { name: 'NVIDIA Jetson AGX Orin 64GB', aliases: ['orin', 'agxorin', 'jetsonagxorin', 'jetsonagxorin64gb'], source: 'datasheet', fp32Tflops: 5.3, fp16Tflops: 42.5, int8Tops: 85, dramGBps: 204.8 },
]; // prettier-ignore

/** The roof used when the user names none: the team's profiling machine has an H200. */
export const DEFAULT_DEVICE = 'h200';

/** "NVIDIA A100-SXM4-80GB" -> "a100sxm480gb": what CUDA reports and what users type meet here. */
export function normalizeDeviceName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\b(nvidia|geforce|tesla)\b/g, '')
    .replace(/[^a-z0-9]/g, '');
}

function strip(row: DeviceRow): DeviceCeilings {
  const { aliases: _aliases, ...ceilings } = row;
  return ceilings;
}

/** Every datasheet row, for listings (`--device list`, help text). */
export function knownDevices(): DeviceCeilings[] {
  return DATASHEETS.map(strip);
}

/** The datasheet row for a device name (exact alias first, then the longest alias it starts with). */
export function findDevice(name: string): DeviceCeilings | undefined {
  const key = normalizeDeviceName(name);
  if (!key) return undefined;
  const exact = DATASHEETS.find((row) => row.aliases.includes(key));
  if (exact) return strip(exact);
  let best: DeviceRow | undefined;
  let bestLength = 0;
  for (const row of DATASHEETS) {
    for (const alias of row.aliases) {
      if (key.startsWith(alias) && alias.length > bestLength) [best, bestLength] = [row, alias.length];
    }
  }
  return best && strip(best);
}

const NUMBER_KEYS: Record<
  string,
  keyof Pick<DeviceCeilings, 'fp32Tflops' | 'fp16Tflops' | 'int8Tops' | 'dramGBps'>
> = {
  fp32: 'fp32Tflops',
  fp16: 'fp16Tflops',
  int8: 'int8Tops',
  bw: 'dramGBps',
  dram: 'dramGBps',
};

/**
 * Parses a device spec: a name ("h100"), a name with overrides ("orin,bw=102.4"), or numbers only
 * ("fp32=19.5,fp16=312,int8=624,bw=2039"). Units: TFLOP/s, TOP/s, GB/s.
 */
export function resolveCeilings(spec: string = DEFAULT_DEVICE): DeviceCeilings {
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const named = parts.filter((p) => !p.includes('='));
  if (named.length > 1) throw new StudioError(undefined, `--device "${spec}": more than one device name`);
  let ceilings: DeviceCeilings | undefined;
  if (named.length === 1) {
    ceilings = findDevice(named[0]);
    if (!ceilings) {
      const known = DATASHEETS.map((row) => row.aliases[0]).join(', ');
      throw new StudioError(
        undefined,
        `--device "${named[0]}": unknown device (known: ${known}; or give fp32=,fp16=,int8=,bw=)`,
      );
    }
  }
  const overrides: Partial<DeviceCeilings> = {};
  for (const part of parts.filter((p) => p.includes('='))) {
    const [key, text] = part.split('=');
    const field = NUMBER_KEYS[key.trim().toLowerCase()];
    const value = Number(text);
    if (!field)
      throw new StudioError(undefined, `--device "${spec}": unknown key "${key}" (use fp32, fp16, int8, bw)`);
    if (!Number.isFinite(value) || value <= 0)
      throw new StudioError(undefined, `--device "${spec}": ${key} must be a positive number`);
    overrides[field] = value;
  }
  if (!ceilings) {
    const missing = Object.entries(NUMBER_KEYS)
      .filter(([k, f]) => k !== 'dram' && overrides[f] === undefined)
      .map(([k]) => k);
    if (missing.length > 0)
      throw new StudioError(
        undefined,
        `--device "${spec}": without a device name, give ${missing.join(', ')}`,
      );
    return { name: 'user', source: 'user', ...(overrides as Omit<DeviceCeilings, 'name' | 'source'>) };
  }
  if (Object.keys(overrides).length === 0) return ceilings;
  return { ...ceilings, ...overrides, name: `${ceilings.name} (user-adjusted)`, source: 'user' };
}

/** FLOP per byte at which a precision's compute roof meets the memory roof. */
export function ridgePoint(ceilings: DeviceCeilings, precision: 'fp32' | 'fp16' | 'int8'): number {
  const peak =
    precision === 'fp32'
      ? ceilings.fp32Tflops
      : precision === 'fp16'
        ? ceilings.fp16Tflops
        : ceilings.int8Tops;
  return (peak * 1e12) / (ceilings.dramGBps * 1e9);
}
