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

const ADDON_HOW_TO = 'build the native addon with `npm run build:native` (CMake and a C++ compiler needed)';
const DEVICE_HOW_TO = 'run on a machine with an NVIDIA GPU and its driver (check with `nvidia-smi`)';

export interface TensorrtAvailability {
  available: boolean;
  /** Why not, in one sentence. */
  why?: string;
  /** The steps that would make it available. */
  howToGet?: string;
  /** Why not, with how to get it (why and howToGet in one line). */
  reason?: string;
  version?: string;
  native: NativeCapabilities;
}

function unavailable(
  why: string,
  howToGet: string,
  native: NativeCapabilities,
  version?: string,
): TensorrtAvailability {
  return {
    available: false,
    why,
    howToGet,
    reason: `${why}; to get it: ${howToGet}`,
    ...(version ? { version } : {}),
    native,
  };
}

export async function tensorrtAvailability(): Promise<TensorrtAvailability> {
  const native = await nativeCapabilities();
  if (!native.loaded) return unavailable(native.loadError ?? 'native addon not loaded', ADDON_HOW_TO, native);
  const trt = native.build?.tensorrt;
  if (!trt?.compiled) {
    return unavailable(
      `TensorRT is not compiled into the native addon (${trt?.reason ?? 'unknown reason'})`,
      TENSORRT_HOW_TO,
      native,
    );
  }
  if (native.devices.length === 0) {
    return unavailable(
      `TensorRT ${trt.version ?? ''} is compiled in, but there is no CUDA device: ${native.devicesReason ?? 'none found'}`,
      DEVICE_HOW_TO,
      native,
      trt.version,
    );
  }
  return { available: true, version: trt.version, native };
}
