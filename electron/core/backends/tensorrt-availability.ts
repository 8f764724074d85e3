/**
 * Whether the TensorRT backend can run here, and if not, why and how to get it: the native addon
 * must be built, with TensorRT compiled in, and a CUDA device must be present.
 */
import { capabilities as nativeCapabilities, type NativeCapabilities } from '../../../native/index';

/** The exact steps to get TensorRT into the studio; the CLI (`doctor`) and the UI print this. */
export const TENSORRT_HOW_TO =
  'install TensorRT 10.x or 11.x (the tar package or the libnvinfer-dev and libnvonnxparser-dev packages), ' +
  'set TENSORRT_ROOT to its folder (the one holding include/NvInfer.h and lib/libnvinfer.so), ' +
  'then rebuild the addon with `npm run build:native`';

export interface TensorrtAvailability {
  available: boolean;
  /** Why not, with how to get it. */
  reason?: string;
  version?: string;
  native: NativeCapabilities;
}

export async function tensorrtAvailability(): Promise<TensorrtAvailability> {
  const native = await nativeCapabilities();
  if (!native.loaded)
    return { available: false, reason: native.loadError ?? 'native addon not loaded', native };
  const trt = native.build?.tensorrt;
  if (!trt?.compiled) {
    return {
      available: false,
      reason: `TensorRT is not compiled into the native addon (${trt?.reason ?? 'unknown reason'}); to get it: ${TENSORRT_HOW_TO}`,
      native,
    };
  }
  if (native.devices.length === 0) {
    return {
      available: false,
      reason: `TensorRT ${trt.version ?? ''} is compiled in, but there is no CUDA device: ${native.devicesReason ?? 'none found'}`,
      version: trt.version,
      native,
    };
  }
  return { available: true, version: trt.version, native };
}
