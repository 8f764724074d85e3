#include "core/build_config.h"
#include "core/native_error.h"
#include "core/profiler_range.h"

#if HAVE_CUDA
#include <cuda_profiler_api.h>

#include "core/cuda_check.h"
#endif

namespace studio {

#if HAVE_CUDA
void profilerStart() { STUDIO_CUDA(cudaProfilerStart()); }
void profilerStop() { STUDIO_CUDA(cudaProfilerStop()); }
#else
void profilerStart() { throw NativeError(ErrorKind::kNotCompiled, std::string("CUDA not compiled: ") + TRT_STUDIO_CUDA_REASON); }
void profilerStop() { profilerStart(); }
#endif

}  // namespace studio
