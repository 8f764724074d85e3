/**
 * What this machine can do for the studio: the native addon (what it was built with), the CUDA
 * devices, TensorRT (or the exact way to get it), Nsight Systems, and on request the measured ceilings.
 */
import { deviceCeilingsFromMeasured } from '../../../native/ceilings';
import {
  requireNative,
  type NativeCapabilities,
  type NativeCeilings,
  type CeilingsProgress,
} from '../../../native/index';
import type { DeviceCeilings } from '../model/types';
import { findNsys, NSYS_MISSING } from './nsys-capture';
import { listBackends, type BackendStatus } from './registry';
import { tensorrtAvailability } from './tensorrt-availability';

export interface DoctorReport {
  native: NativeCapabilities;
  tensorrt: { available: boolean; version?: string; reason?: string; howToGet?: string };
  /** Every backend the studio knows, with why not and how to get it where unavailable. */
  backends: BackendStatus[];
  nsys: { path?: string; message: string };
  /** Present when asked for; `error` says why nothing could be measured. */
  ceilings?: { device: number; measured?: NativeCeilings; roofline?: DeviceCeilings; error?: string };
}

export interface DoctorOptions {
  /** Measure the ceilings of this device (takes seconds). */
  measureDevice?: number;
  onProgress?: (event: CeilingsProgress) => void;
}

export async function doctorReport(options: DoctorOptions = {}): Promise<DoctorReport> {
  const trt = await tensorrtAvailability();
  const nsysPath = findNsys();
  const report: DoctorReport = {
    native: trt.native,
    tensorrt: {
      available: trt.available,
      ...(trt.version ? { version: trt.version } : {}),
      ...(trt.why ? { reason: trt.why } : {}),
      ...(trt.howToGet ? { howToGet: trt.howToGet } : {}),
    },
    backends: await listBackends(),
    nsys: nsysPath ? { path: nsysPath, message: `nsys found at ${nsysPath}` } : { message: NSYS_MISSING },
  };
  if (options.measureDevice !== undefined)
    report.ceilings = await measure(options.measureDevice, trt.native, options.onProgress);
  return report;
}

async function measure(
  device: number,
  native: NativeCapabilities,
  onProgress?: (event: CeilingsProgress) => void,
): Promise<NonNullable<DoctorReport['ceilings']>> {
  if (!native.loaded) return { device, error: native.loadError ?? 'the native addon is not loaded' };
  try {
    const measured = await requireNative().measureCeilings({ device }, onProgress);
    return { device, measured, roofline: deviceCeilingsFromMeasured(measured) };
  } catch (error) {
    return { device, error: error instanceof Error ? error.message : String(error) };
  }
}
