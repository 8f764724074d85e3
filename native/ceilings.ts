/** Measured ceilings -> the DeviceCeilings the roofline uses. */
import type { DeviceCeilings } from '../electron/core/model/types';
import type { NativeCeilings } from './index';

export function deviceCeilingsFromMeasured(measured: NativeCeilings): DeviceCeilings {
  return {
    name: measured.device.name,
    source: 'measured',
    fp32Tflops: measured.fp32Tflops,
    // The roofline's FP16 roof is the Tensor Core rate (best of mma.sync, wgmma and cuBLAS).
    fp16Tflops: measured.fp16Tflops,
    int8Tops: measured.int8Tops,
    dramGBps: measured.dramGBps,
  };
}
