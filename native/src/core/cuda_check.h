// checkCuda: turns a CUDA runtime status into a NativeError naming the call, the CUDA error name and
// its message. "No device" and "out of memory" get their own kinds so callers can tell them apart.
#pragma once

#include <cuda_runtime_api.h>

#include <string>

#include "core/native_error.h"

namespace studio {

inline ErrorKind errorKindOf(cudaError_t status) {
  switch (status) {
    case cudaErrorNoDevice:
    case cudaErrorInsufficientDriver:
    case cudaErrorInvalidDevice:
      return ErrorKind::kNoDevice;
    case cudaErrorMemoryAllocation:
      return ErrorKind::kOutOfMemory;
    default:
      return ErrorKind::kCuda;
  }
}

inline void checkCuda(cudaError_t status, const char* call) {
  if (status == cudaSuccess) return;
  throw NativeError(errorKindOf(status), std::string(call) + " failed: " + cudaGetErrorName(status) + " (" +
                                             cudaGetErrorString(status) + ")");
}

#define STUDIO_CUDA(call) ::studio::checkCuda((call), #call)

}  // namespace studio
