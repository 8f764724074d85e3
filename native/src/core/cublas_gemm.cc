#include "core/cublas_gemm.h"

#include <cublas_v2.h>

#include <string>

#include "core/event_timing.h"

namespace studio {

namespace {

void checkCublas(cublasStatus_t status, const char* call) {
  if (status == CUBLAS_STATUS_SUCCESS) return;
  throw NativeError(status == CUBLAS_STATUS_ALLOC_FAILED ? ErrorKind::kOutOfMemory : ErrorKind::kCuda,
                    std::string(call) + " failed: " + cublasGetStatusName(status) + " (" + cublasGetStatusString(status) + ")");
}

#define STUDIO_CUBLAS(call) checkCublas((call), #call)

class CublasHandle {
 public:
  CublasHandle() { STUDIO_CUBLAS(cublasCreate(&handle_)); }
  ~CublasHandle() { cublasDestroy(handle_); }
  CublasHandle(const CublasHandle&) = delete;
  CublasHandle& operator=(const CublasHandle&) = delete;
  cublasHandle_t get() const { return handle_; }

 private:
  cublasHandle_t handle_ = nullptr;
};

}  // namespace

Measurement measureCublasGemm(kernels::TensorOp op, int n, int repetitions) {
  using kernels::TensorOp;
  const bool int8 = op == TensorOp::kInt8;
  const size_t elements = size_t(n) * n;
  const size_t inBytes = int8 ? 1 : 2;
  DeviceBuffer a(elements * inBytes), b(elements * inBytes), c(elements * 4);
  switch (op) {
    case TensorOp::kFp16:
      kernels::fillRandomHalf(a.get(), elements, 1, nullptr);
      kernels::fillRandomHalf(b.get(), elements, 2, nullptr);
      break;
    case TensorOp::kBf16:
      kernels::fillRandomBf16(a.get(), elements, 1, nullptr);
      kernels::fillRandomBf16(b.get(), elements, 2, nullptr);
      break;
    case TensorOp::kInt8:
      kernels::fillRandomInt8(a.get(), elements, 1, nullptr);
      kernels::fillRandomInt8(b.get(), elements, 2, nullptr);
      break;
  }
  CublasHandle handle;
  const cudaDataType inType = op == TensorOp::kFp16 ? CUDA_R_16F : op == TensorOp::kBf16 ? CUDA_R_16BF : CUDA_R_8I;
  const cudaDataType outType = int8 ? CUDA_R_32I : CUDA_R_32F;
  const cublasComputeType_t compute = int8 ? CUBLAS_COMPUTE_32I : CUBLAS_COMPUTE_32F;
  const float alphaF = 1, betaF = 0;
  const int32_t alphaI = 1, betaI = 0;
  const void* alpha = int8 ? static_cast<const void*>(&alphaI) : &alphaF;
  const void* beta = int8 ? static_cast<const void*>(&betaI) : &betaF;
  auto gemm = [&] {
    STUDIO_CUBLAS(cublasGemmEx(handle.get(), CUBLAS_OP_T, CUBLAS_OP_N, n, n, n, alpha, a.get(), inType, n, b.get(), inType,
                               n, beta, c.get(), outType, n, compute, CUBLAS_GEMM_DEFAULT));
  };
  EventTimes times = timeWithEvents(gemm, repetitions);
  Measurement m;
  const char* name = op == TensorOp::kFp16 ? "fp16" : op == TensorOp::kBf16 ? "bf16" : "int8";
  m.id = std::string("cublas-") + name;
  m.unit = int8 ? "TOP/s" : "TFLOP/s";
  const double operations = 2.0 * n * double(n) * n;
  m.medianMs = times.medianMs;
  m.repetitions = repetitions;
  m.value = operations / (times.medianMs * 1e-3) / 1e12;
  m.best = operations / (times.bestMs * 1e-3) / 1e12;
  m.available = true;
  m.note = "cublasGemmEx " + std::to_string(n) + "^3 TN, " + name + (int8 ? " in, int32 accumulate" : " in, fp32 accumulate") +
           ", random data";
  return m;
}

}  // namespace studio
