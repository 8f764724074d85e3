#include "core/build_config.h"
#include "core/devices.h"

#include "core/build_info.h"
#include "core/native_error.h"

#if HAVE_CUDA
#include <cuda_runtime_api.h>

#include "core/cuda_check.h"
#endif

namespace studio {

#if HAVE_CUDA

static int attribute(cudaDeviceAttr which, int ordinal) {
  int value = 0;
  STUDIO_CUDA(cudaDeviceGetAttribute(&value, which, ordinal));
  return value;
}

DeviceInfo deviceInfo(int ordinal) {
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    cudaGetLastError();  // clear the sticky "no device" status for later calls
    throw NativeError(ErrorKind::kNoDevice, std::string("no CUDA device: ") + cudaGetErrorString(status));
  }
  if (ordinal < 0 || ordinal >= count)
    throw NativeError(ErrorKind::kNoDevice,
                      "no CUDA device " + std::to_string(ordinal) + " (this machine has " + std::to_string(count) + ")");
  cudaDeviceProp props{};
  STUDIO_CUDA(cudaGetDeviceProperties(&props, ordinal));
  DeviceInfo info;
  info.ordinal = ordinal;
  info.name = props.name;
  info.computeCapabilityMajor = props.major;
  info.computeCapabilityMinor = props.minor;
  info.smCount = props.multiProcessorCount;
  info.smClockKHz = attribute(cudaDevAttrClockRate, ordinal);
  info.memoryClockKHz = attribute(cudaDevAttrMemoryClockRate, ordinal);
  info.memoryBusWidthBits = props.memoryBusWidth;
  info.memoryBytes = props.totalGlobalMem;
  info.l2CacheBytes = props.l2CacheSize;
  info.sharedMemoryPerSmBytes = static_cast<int>(props.sharedMemPerMultiprocessor);
  info.maxThreadsPerSm = props.maxThreadsPerMultiProcessor;
  char bus[32] = {0};
  if (cudaDeviceGetPCIBusId(bus, sizeof bus, ordinal) == cudaSuccess) info.pciBusId = bus;
  info.theoreticalDramGBps = 2.0 * info.memoryClockKHz * 1e3 * (info.memoryBusWidthBits / 8.0) / 1e9;
  return info;
}

DeviceList listDevices() {
  DeviceList list;
  int version = 0;
  if (cudaRuntimeGetVersion(&version) == cudaSuccess) list.runtimeVersion = formatCudaVersion(version);
  version = 0;
  if (cudaDriverGetVersion(&version) == cudaSuccess) list.driverVersion = formatCudaVersion(version);
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    cudaGetLastError();
    list.reason = std::string("no CUDA device: ") + cudaGetErrorName(status) + " (" + cudaGetErrorString(status) + ")";
    return list;
  }
  for (int i = 0; i < count; ++i) {
    try {
      list.devices.push_back(deviceInfo(i));
    } catch (const NativeError& error) {
      list.reason += std::string(list.reason.empty() ? "" : "; ") + error.what();
    }
  }
  if (count == 0) list.reason = "no CUDA device";
  return list;
}

#else

DeviceInfo deviceInfo(int) { throw NativeError(ErrorKind::kNotCompiled, std::string("CUDA not compiled: ") + TRT_STUDIO_CUDA_REASON); }

DeviceList listDevices() {
  DeviceList list;
  list.reason = std::string("CUDA not compiled: ") + TRT_STUDIO_CUDA_REASON;
  return list;
}

#endif

}  // namespace studio
