// Builds a TensorRT engine from an ONNX file: ONNX parser, builder configuration (workspace, optimization
// level, timing cache, detailed profiling verbosity, optimization profile), progress through
// IProgressMonitor, log through ILogger, and the serialized plan written to a file.
#include <NvInfer.h>
#include <NvOnnxParser.h>
#include <cuda_runtime_api.h>

#include <chrono>
#include <fstream>

#include "core/cuda_check.h"
#include "core/tensorrt/trt_common.h"

namespace studio::trt {

namespace {

// Forwards TensorRT's build phases to the callbacks; returning false from stepComplete cancels the build.
class ProgressMonitor : public nvinfer1::IProgressMonitor {
 public:
  explicit ProgressMonitor(const BuildCallbacks& callbacks) : callbacks_(callbacks) {}

  void phaseStart(const char* phase, const char* parent, int32_t steps) noexcept override {
    emit(BuildEvent::Kind::kPhaseStart, phase, parent, 0, steps);
  }
  bool stepComplete(const char* phase, int32_t step) noexcept override {
    emit(BuildEvent::Kind::kStep, phase, nullptr, step + 1, 0);
    try {
      if (callbacks_.cancelled && callbacks_.cancelled()) cancelled_ = true;
    } catch (...) {
    }
    return !cancelled_;
  }
  void phaseFinish(const char* phase) noexcept override { emit(BuildEvent::Kind::kPhaseFinish, phase, nullptr, 0, 0); }
  bool cancelled() const { return cancelled_; }

 private:
  void emit(BuildEvent::Kind kind, const char* phase, const char* parent, int step, int steps) noexcept {
    if (!callbacks_.onEvent) return;
    try {
      BuildEvent event;
      event.kind = kind;
      event.phase = phase ? phase : "";
      event.parentPhase = parent ? parent : "";
      event.step = step;
      event.steps = steps;
      callbacks_.onEvent(event);
    } catch (...) {
    }
  }
  const BuildCallbacks& callbacks_;
  bool cancelled_ = false;
};

void validate(const BuildOptions& options) {
  if (options.onnxPath.empty()) throw NativeError(ErrorKind::kArgument, "onnxPath is required");
  if (options.planPath.empty()) throw NativeError(ErrorKind::kArgument, "planPath is required");
  if (options.optimizationLevel < -1 || options.optimizationLevel > 5)
    throw NativeError(ErrorKind::kArgument, "optimizationLevel must be 0..5");
#if NV_TENSORRT_MAJOR >= 11
  if (options.fp16Flag || options.int8Flag)
    throw NativeError(ErrorKind::kArgument,
                      "TensorRT " + compiledTensorrtVersion() +
                          " builds strongly typed networks only: use an FP16 or Q/DQ ONNX variant instead of builder flags");
#endif
  if (options.stronglyTyped && (options.fp16Flag || options.int8Flag))
    throw NativeError(ErrorKind::kArgument, "builder precision flags need stronglyTyped = false");
  for (const ShapeRange& range : options.shapes) {
    if (range.min.size() != range.opt.size() || range.opt.size() != range.max.size())
      throw NativeError(ErrorKind::kArgument, "shapes of input '" + range.input + "': min, opt and max must have the same rank");
    for (size_t i = 0; i < range.min.size(); ++i)
      if (range.min[i] < 1 || range.min[i] > range.opt[i] || range.opt[i] > range.max[i])
        throw NativeError(ErrorKind::kArgument, "shapes of input '" + range.input + "': need 1 <= min <= opt <= max");
  }
}

uint32_t networkFlags(const BuildOptions& options) {
#if NV_TENSORRT_MAJOR >= 11
  (void)options;
  return 0;  // strongly typed is the only mode
#else
  return options.stronglyTyped ? 1U << static_cast<uint32_t>(nvinfer1::NetworkDefinitionCreationFlag::kSTRONGLY_TYPED) : 0U;
#endif
}

void setPrecisionFlags(nvinfer1::IBuilderConfig& config, const BuildOptions& options) {
#if NV_TENSORRT_MAJOR < 11
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  if (options.fp16Flag) config.setFlag(nvinfer1::BuilderFlag::kFP16);
  if (options.int8Flag) config.setFlag(nvinfer1::BuilderFlag::kINT8);
#pragma GCC diagnostic pop
#else
  (void)config;
  (void)options;
#endif
}

std::string parserErrors(const nvonnxparser::IParser& parser) {
  std::string out;
  for (int32_t i = 0; i < parser.getNbErrors(); ++i) {
    const nvonnxparser::IParserError* error = parser.getError(i);
    out += (out.empty() ? "" : "; ") + std::string(error->desc());
    if (error->node() >= 0) out += " (node " + std::to_string(error->node()) + ")";
  }
  return out;
}

void addProfile(nvinfer1::IBuilder& builder, nvinfer1::IBuilderConfig& config, nvinfer1::INetworkDefinition& network,
                const BuildOptions& options) {
  bool dynamic = false;
  for (int32_t i = 0; i < network.getNbInputs(); ++i)
    for (int64_t d : fromDims(network.getInput(i)->getDimensions())) dynamic = dynamic || d < 0;
  if (!dynamic && options.shapes.empty()) return;
  nvinfer1::IOptimizationProfile* profile = builder.createOptimizationProfile();
  for (int32_t i = 0; i < network.getNbInputs(); ++i) {
    nvinfer1::ITensor* input = network.getInput(i);
    const std::string name = input->getName();
    const std::vector<int64_t> dims = fromDims(input->getDimensions());
    const ShapeRange* range = nullptr;
    for (const ShapeRange& r : options.shapes)
      if (r.input == name) range = &r;
    bool inputDynamic = false;
    for (int64_t d : dims) inputDynamic = inputDynamic || d < 0;
    if (!range) {
      if (inputDynamic)
        throw NativeError(ErrorKind::kArgument, "input '" + name + "' has dynamic shape " + shapeText(dims) +
                                                    ": give its shape (e.g. shapes: {" + name + ": [...]})");
      continue;
    }
    if (range->opt.size() != dims.size())
      throw NativeError(ErrorKind::kArgument, "input '" + name + "' has rank " + std::to_string(dims.size()) +
                                                  ", the given shape " + shapeText(range->opt) + " has rank " +
                                                  std::to_string(range->opt.size()));
    profile->setDimensions(name.c_str(), nvinfer1::OptProfileSelector::kMIN, toDims(range->min));
    profile->setDimensions(name.c_str(), nvinfer1::OptProfileSelector::kOPT, toDims(range->opt));
    profile->setDimensions(name.c_str(), nvinfer1::OptProfileSelector::kMAX, toDims(range->max));
  }
  if (config.addOptimizationProfile(profile) < 0)
    throw NativeError(ErrorKind::kArgument, "TensorRT rejected the optimization profile built from the given shapes");
}

Owned<nvinfer1::ITimingCache> loadTimingCache(nvinfer1::IBuilderConfig& config, const std::string& path) {
  std::vector<char> blob;
  if (!path.empty()) {
    std::ifstream probe(path, std::ios::binary);
    if (probe.good()) blob = readFile(path);
  }
  Owned<nvinfer1::ITimingCache> cache(config.createTimingCache(blob.data(), blob.size()));
  if (cache) config.setTimingCache(*cache, false);
  return cache;
}

}  // namespace

BuildResult buildEngine(const BuildOptions& options, const BuildCallbacks& callbacks) {
  validate(options);
  STUDIO_CUDA(cudaSetDevice(options.device));
  const auto started = std::chrono::steady_clock::now();
  Logger logger([&](int severity, const std::string& message) {
    if (!callbacks.onEvent) return;
    BuildEvent event;
    event.kind = BuildEvent::Kind::kLog;
    event.severity = severity;
    event.message = message;
    callbacks.onEvent(event);
  });
  Owned<nvinfer1::IBuilder> builder(nvinfer1::createInferBuilder(logger));
  if (!builder) failWithLog("cannot create the TensorRT builder", logger);
  Owned<nvinfer1::INetworkDefinition> network(builder->createNetworkV2(networkFlags(options)));
  if (!network) failWithLog("cannot create a network definition", logger);
  Owned<nvonnxparser::IParser> parser(nvonnxparser::createParser(*network, logger));
  if (!parser) failWithLog("cannot create the ONNX parser", logger);
  readFile(options.onnxPath);  // a clear kIo error for a missing file before the parser's own message
  if (!parser->parseFromFile(options.onnxPath.c_str(), static_cast<int>(nvinfer1::ILogger::Severity::kWARNING)))
    throw NativeError(ErrorKind::kTensorRT, options.onnxPath + ": the TensorRT ONNX parser rejected the model: " + parserErrors(*parser));

  Owned<nvinfer1::IBuilderConfig> config(builder->createBuilderConfig());
  if (!config) failWithLog("cannot create a builder configuration", logger);
  if (options.workspaceBytes > 0) config->setMemoryPoolLimit(nvinfer1::MemoryPoolType::kWORKSPACE, options.workspaceBytes);
  if (options.optimizationLevel >= 0) config->setBuilderOptimizationLevel(options.optimizationLevel);
  config->setProfilingVerbosity(nvinfer1::ProfilingVerbosity::kDETAILED);
  setPrecisionFlags(*config, options);
  addProfile(*builder, *config, *network, options);
  Owned<nvinfer1::ITimingCache> cache = loadTimingCache(*config, options.timingCachePath);
  ProgressMonitor monitor(callbacks);
  config->setProgressMonitor(&monitor);

  Owned<nvinfer1::IHostMemory> plan(builder->buildSerializedNetwork(*network, *config));
  if (monitor.cancelled()) throw NativeError(ErrorKind::kCancelled, "engine build cancelled");
  if (!plan || plan->size() == 0) failWithLog(options.onnxPath + ": TensorRT could not build an engine", logger);
  writeFile(options.planPath, plan->data(), plan->size());
  if (!options.timingCachePath.empty()) {
    if (const nvinfer1::ITimingCache* used = config->getTimingCache()) {
      Owned<nvinfer1::IHostMemory> blob(used->serialize());
      if (blob) writeFile(options.timingCachePath, blob->data(), blob->size());
    }
  }
  BuildResult result;
  result.planPath = options.planPath;
  result.planBytes = plan->size();
  result.buildMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  result.tensorrtVersion = runtimeTensorrtVersion();
  result.warnings = logger.warnings();
  return result;
}

}  // namespace studio::trt
