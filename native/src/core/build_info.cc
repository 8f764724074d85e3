#include "core/build_config.h"
#include "core/build_info.h"

#if HAVE_CUDA
#include <cuda_runtime_api.h>
#endif
#if HAVE_CUPTI
#include <cupti_version.h>
#endif
#if HAVE_CUBLAS
#include <cublas_api.h>
#endif

#include "core/tensorrt/trt_engine.h"

namespace studio {

std::string formatCudaVersion(int version) {
  if (version <= 0) return "";
  return std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10);
}

static PartInfo missing(const char* reason) {
  PartInfo part;
  part.reason = reason;
  return part;
}

static PartInfo present(std::string version) {
  PartInfo part;
  part.compiled = true;
  part.version = std::move(version);
  return part;
}

BuildInfo buildInfo() {
  BuildInfo info;
#if HAVE_CUDA
  info.cuda = present(formatCudaVersion(CUDART_VERSION));
  info.cudaTargets = "sm_80 sm_90a compute_90";
#else
  info.cuda = missing(TRT_STUDIO_CUDA_REASON);
#endif
#if HAVE_CUPTI
  info.cupti = present(std::to_string(CUPTI_API_VERSION));
#else
  info.cupti = missing(TRT_STUDIO_CUPTI_REASON);
#endif
#if HAVE_CUBLAS
  info.cublas = present(std::to_string(CUBLAS_VER_MAJOR) + "." + std::to_string(CUBLAS_VER_MINOR) + "." +
                        std::to_string(CUBLAS_VER_PATCH));
#else
  info.cublas = missing(TRT_STUDIO_CUBLAS_REASON);
#endif
#if HAVE_TENSORRT
  info.tensorrt = present(trt::compiledTensorrtVersion());
#else
  info.tensorrt = missing(TRT_STUDIO_TENSORRT_REASON);
#endif
  return info;
}

}  // namespace studio
