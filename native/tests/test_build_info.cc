// What the build reports about itself matches what CMake compiled (runs anywhere, no GPU needed).
#include "check.h"
#include "core/build_config.h"
#include "core/build_info.h"
#include "core/tensorrt/trt_engine.h"

int main() {
  const studio::BuildInfo info = studio::buildInfo();
  CHECK(info.cuda.compiled == bool(HAVE_CUDA));
  CHECK(info.cupti.compiled == bool(HAVE_CUPTI));
  CHECK(info.cublas.compiled == bool(HAVE_CUBLAS));
  CHECK(info.tensorrt.compiled == bool(HAVE_TENSORRT));
  for (const studio::PartInfo* part : {&info.cuda, &info.cupti, &info.cublas, &info.tensorrt}) {
    CHECK_MSG(part->compiled ? !part->version.empty() && part->reason.empty() : !part->reason.empty(), part->reason);
  }
  CHECK(studio::formatCudaVersion(13000) == "13.0");
  CHECK(studio::formatCudaVersion(12080) == "12.8");
  CHECK(studio::formatCudaVersion(0).empty());
  CHECK(std::string(studio::trt::dtypeName(studio::trt::DType::kFloat16)) == "float16");
  CHECK(studio::trt::dtypeBytes(studio::trt::DType::kInt64) == 8);
  std::printf("cuda=%d (%s) cupti=%d (%s) cublas=%d tensorrt=%d (%s)\n", info.cuda.compiled, info.cuda.version.c_str(),
              info.cupti.compiled, info.cupti.version.c_str(), info.cublas.compiled, info.tensorrt.compiled,
              info.tensorrt.compiled ? info.tensorrt.version.c_str() : info.tensorrt.reason.c_str());
  return check::finish();
}
