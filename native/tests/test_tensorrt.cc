// Without TensorRT: every TensorRT call fails with kNotCompiled and says how to get it. With TensorRT
// and a GPU: a corrupt plan and a missing ONNX are errors with TensorRT's message, never an abort.
#include <cstdio>
#include <fstream>

#include "check.h"
#include "core/build_config.h"
#include "core/devices.h"
#include "core/tensorrt/trt_engine.h"

using studio::ErrorKind;

int main() {
  studio::trt::BuildOptions options;
  options.onnxPath = "does-not-exist.onnx";
  options.planPath = "out.plan";
#if !HAVE_TENSORRT
  EXPECT_THROWS(studio::trt::buildEngine(options, {}), ErrorKind::kNotCompiled);
  EXPECT_THROWS(studio::trt::Engine::load("x.plan", 0), ErrorKind::kNotCompiled);
  try {
    studio::trt::buildEngine(options, {});
  } catch (const studio::NativeError& error) {
    CHECK(std::string(error.what()).find("TENSORRT_ROOT") != std::string::npos);
  }
  return check::finish();
#else
  if (studio::listDevices().devices.empty()) check::skip("no CUDA device");
  EXPECT_THROWS(studio::trt::buildEngine(options, {}), ErrorKind::kIo);
  options.optimizationLevel = 9;
  EXPECT_THROWS(studio::trt::buildEngine(options, {}), ErrorKind::kArgument);
  {
    std::ofstream plan("corrupt.plan", std::ios::binary);
    plan << "this is not a TensorRT plan";
  }
  EXPECT_THROWS(studio::trt::Engine::load("corrupt.plan", 0), ErrorKind::kTensorRT);
  std::remove("corrupt.plan");
  return check::finish();
#endif
}
