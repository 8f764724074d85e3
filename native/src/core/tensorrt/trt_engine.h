// The TensorRT backend of the native library: build an engine from ONNX, load a plan, inspect its
// layers, time it per layer and end to end, and run it. TensorRT's own types stay inside the .cc
// files (this header compiles without TensorRT); a build without TensorRT implements every call by
// throwing NativeError(kNotCompiled) with the reason (trt_unavailable.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace studio::trt {

/** Version the library was compiled against ("10.16.0"); empty without TensorRT. */
std::string compiledTensorrtVersion();
/** Version of the libnvinfer loaded at run time. */
std::string runtimeTensorrtVersion();

enum class DType : uint8_t { kFloat32, kFloat16, kBFloat16, kInt8, kUInt8, kInt32, kInt64, kBool, kFp8, kInt4, kUnknown };
const char* dtypeName(DType dtype);
size_t dtypeBytes(DType dtype);

/** min/opt/max shapes of one dynamic input (an optimization profile entry). */
struct ShapeRange {
  std::string input;
  std::vector<int64_t> min, opt, max;
};

struct BuildOptions {
  std::string onnxPath;
  std::string planPath;
  int device = 0;
  /** Workspace pool limit in bytes; 0 = TensorRT's default. */
  uint64_t workspaceBytes = 0;
  /** Builder optimization level 0..5; -1 = TensorRT's default (3). */
  int optimizationLevel = -1;
  /** Read before the build when it exists, written after. Empty = no timing cache. */
  std::string timingCachePath;
  /** Strongly typed network: precisions come from the ONNX (FP16 and Q/DQ variants). Always on with TensorRT 11. */
  bool stronglyTyped = true;
  /** TensorRT 10.x builder-flag route (weakly typed network): allow FP16 / INT8 kernels. */
  bool fp16Flag = false;
  bool int8Flag = false;
  /** One optimization profile from these ranges (inputs with dynamic dims need one). */
  std::vector<ShapeRange> shapes;
};

struct BuildEvent {
  enum class Kind { kPhaseStart, kStep, kPhaseFinish, kLog } kind = Kind::kLog;
  std::string phase;
  std::string parentPhase;
  int step = 0;
  int steps = 0;
  /** For logs: 0 internal error, 1 error, 2 warning, 3 info, 4 verbose (TensorRT's ILogger::Severity). */
  int severity = 3;
  std::string message;
};

struct BuildCallbacks {
  /** Called from the build thread; must not block long. */
  std::function<void(const BuildEvent&)> onEvent;
  /** Polled between build steps; true stops the build (NativeError kCancelled). */
  std::function<bool()> cancelled;
};

struct BuildResult {
  std::string planPath;
  uint64_t planBytes = 0;
  double buildMs = 0;
  std::string tensorrtVersion;
  std::vector<std::string> warnings;
};

BuildResult buildEngine(const BuildOptions& options, const BuildCallbacks& callbacks);

struct IoTensor {
  std::string name;
  bool isInput = false;
  DType dtype = DType::kUnknown;
  /** -1 for a dynamic dimension. */
  std::vector<int64_t> dims;
  std::string format;
};

struct HostTensor {
  std::string name;
  DType dtype = DType::kUnknown;
  std::vector<int64_t> dims;
  std::vector<uint8_t> bytes;
};

/** Per-layer times over the profiled iterations, in execution order; `json` is trtexec --exportProfile. */
struct LayerTimes {
  int iterations = 0;
  std::vector<std::string> names;
  /** samplesMs[layer][iteration]. */
  std::vector<std::vector<float>> samplesMs;
  std::string json;
};

/** Per-inference times from CUDA events, as trtexec --exportTimes (json holds that file's shape). */
struct InferenceTimes {
  std::vector<double> h2dMs, computeMs, d2hMs, latencyMs, enqueueMs;
  std::string json;
};

struct RunOptions {
  int warmupIterations = 10;
  int iterations = 100;
  /** Inputs by name; missing inputs get random values of their type. */
  std::vector<HostTensor> inputs;
};

class Engine {
 public:
  /** Deserializes a plan. A corrupt plan or one from another TensorRT version throws kTensorRT with its log. */
  static std::unique_ptr<Engine> load(const std::string& planPath, int device);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  std::vector<IoTensor> ioTensors() const;
  /** IEngineInspector JSON, the same document as trtexec --exportLayerInfo. */
  std::string layerInformationJson() const;
  LayerTimes profileLayers(const RunOptions& options);
  InferenceTimes timeInference(const RunOptions& options);
  /** One inference with the given inputs; checks names, dtypes and shapes first (kArgument). */
  std::vector<HostTensor> run(const std::vector<HostTensor>& inputs);

  struct Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace studio::trt
