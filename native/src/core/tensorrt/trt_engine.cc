// A loaded TensorRT engine: I/O description, IEngineInspector layer JSON, per-layer times through
// IProfiler, end-to-end times with CUDA events (H2D / compute / D2H), and plain inference.
#include <NvInfer.h>
#include <cuda_runtime_api.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <sstream>

#include "core/cuda_check.h"
#include "core/event_timing.h"
#include "core/tensorrt/trt_common.h"

namespace studio::trt {

namespace {

std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

double median(std::vector<float> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (double(values[n / 2 - 1]) + values[n / 2]);
}

// Collects every reportLayerTime call, keeping layers in their first-seen (execution) order.
class LayerProfiler : public nvinfer1::IProfiler {
 public:
  void reportLayerTime(const char* layerName, float ms) noexcept override {
    try {
      const std::string name = layerName ? layerName : "";
      auto found = index_.find(name);
      if (found == index_.end()) {
        found = index_.emplace(name, names_.size()).first;
        names_.push_back(name);
        samples_.emplace_back();
      }
      samples_[found->second].push_back(ms);
    } catch (...) {
    }
  }
  void clear() {
    index_.clear();
    names_.clear();
    samples_.clear();
  }
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<std::vector<float>>& samples() const { return samples_; }

 private:
  std::map<std::string, size_t> index_;
  std::vector<std::string> names_;
  std::vector<std::vector<float>> samples_;
};

uint16_t floatToHalf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  const uint32_t sign = (bits >> 16) & 0x8000;
  const int32_t exponent = int32_t((bits >> 23) & 0xff) - 127 + 15;
  const uint32_t mantissa = bits & 0x7fffff;
  if (exponent <= 0) return static_cast<uint16_t>(sign);
  if (exponent >= 31) return static_cast<uint16_t>(sign | 0x7c00);
  return static_cast<uint16_t>(sign | (exponent << 10) | (mantissa >> 13));
}

// Random values of the tensor's type: uniform [-1, 1) for floats, 0/1 for integers and booleans (safe
// as indices and masks).
void fillRandom(std::vector<uint8_t>& bytes, DType dtype, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  const size_t size = dtypeBytes(dtype);
  const size_t count = size ? bytes.size() / size : 0;
  for (size_t i = 0; i < count; ++i) {
    const float f = uniform(rng);
    uint8_t* at = bytes.data() + i * size;
    switch (dtype) {
      case DType::kFloat32: std::memcpy(at, &f, 4); break;
      case DType::kFloat16: {
        uint16_t h = floatToHalf(f);
        std::memcpy(at, &h, 2);
        break;
      }
      case DType::kBFloat16: {
        uint32_t bits;
        std::memcpy(&bits, &f, 4);
        uint16_t b = static_cast<uint16_t>(bits >> 16);
        std::memcpy(at, &b, 2);
        break;
      }
      case DType::kInt32: {
        int32_t v = f > 0;
        std::memcpy(at, &v, 4);
        break;
      }
      case DType::kInt64: {
        int64_t v = f > 0;
        std::memcpy(at, &v, 8);
        break;
      }
      default: *at = static_cast<uint8_t>(f > 0); break;
    }
  }
}

struct Binding {
  IoTensor info;
  std::vector<int64_t> shape;
  size_t bytes = 0;
  void* device = nullptr;
  void* host = nullptr;  // pinned
};

}  // namespace

struct Engine::Impl {
  int device = 0;
  std::string planPath;
  Logger logger;
  Owned<nvinfer1::IRuntime> runtime;
  Owned<nvinfer1::ICudaEngine> engine;
  Owned<nvinfer1::IExecutionContext> context;
  cudaStream_t stream = nullptr;
  std::vector<Binding> bindings;
  std::vector<std::string> preparedFor;

  ~Impl() {
    releaseBuffers();
    context.reset();
    engine.reset();
    runtime.reset();
    if (stream) cudaStreamDestroy(stream);
  }

  void releaseBuffers() {
    for (Binding& b : bindings) {
      if (b.device) cudaFree(b.device);
      if (b.host) cudaFreeHost(b.host);
      b.device = b.host = nullptr;
    }
  }

  std::vector<IoTensor> describe() const {
    std::vector<IoTensor> out;
    for (int32_t i = 0; i < engine->getNbIOTensors(); ++i) {
      const char* name = engine->getIOTensorName(i);
      IoTensor t;
      t.name = name;
      t.isInput = engine->getTensorIOMode(name) == nvinfer1::TensorIOMode::kINPUT;
      t.dtype = fromTensorrt(engine->getTensorDataType(name));
      t.dims = fromDims(engine->getTensorShape(name));
      const char* format = engine->getTensorFormatDesc(name);
      t.format = format ? format : "";
      out.push_back(t);
    }
    return out;
  }

  const HostTensor* findGiven(const std::vector<HostTensor>& given, const std::string& name) const {
    for (const HostTensor& t : given)
      if (t.name == name) return &t;
    return nullptr;
  }

  void checkGiven(const std::vector<HostTensor>& given, const std::vector<IoTensor>& io) const {
    std::string inputs;
    for (const IoTensor& t : io)
      if (t.isInput) inputs += (inputs.empty() ? "" : ", ") + t.name;
    for (const HostTensor& g : given) {
      auto found = std::find_if(io.begin(), io.end(), [&](const IoTensor& t) { return t.isInput && t.name == g.name; });
      if (found == io.end())
        throw NativeError(ErrorKind::kArgument, "the engine has no input named '" + g.name + "' (inputs: " + inputs + ")");
      if (found->dtype != g.dtype)
        throw NativeError(ErrorKind::kArgument, "input '" + g.name + "' is " + dtypeName(found->dtype) + ", got " + dtypeName(g.dtype));
      if (found->dims.size() != g.dims.size())
        throw NativeError(ErrorKind::kArgument, "input '" + g.name + "' has shape " + shapeText(found->dims) + ", got " + shapeText(g.dims));
      for (size_t i = 0; i < g.dims.size(); ++i)
        if (found->dims[i] >= 0 && found->dims[i] != g.dims[i])
          throw NativeError(ErrorKind::kArgument, "input '" + g.name + "' has shape " + shapeText(found->dims) + ", got " + shapeText(g.dims));
      const size_t expected = size_t(volume(g.dims)) * dtypeBytes(g.dtype);
      if (g.bytes.size() != expected)
        throw NativeError(ErrorKind::kArgument, "input '" + g.name + "': " + std::to_string(g.bytes.size()) + " bytes for shape " +
                                                    shapeText(g.dims) + " of " + dtypeName(g.dtype) + " (need " + std::to_string(expected) + ")");
    }
  }

  // Sets input shapes, allocates device and pinned host buffers, and copies the given (or random) input
  // values into the pinned buffers.
  void prepare(const std::vector<HostTensor>& given) {
    const std::vector<IoTensor> io = describe();
    checkGiven(given, io);
    STUDIO_CUDA(cudaSetDevice(device));
    releaseBuffers();
    bindings.clear();
    for (const IoTensor& t : io) {
      if (!t.isInput) continue;
      const HostTensor* g = findGiven(given, t.name);
      std::vector<int64_t> shape = g ? g->dims : t.dims;
      if (std::any_of(shape.begin(), shape.end(), [](int64_t d) { return d < 0; }))
        throw NativeError(ErrorKind::kArgument, "input '" + t.name + "' has dynamic shape " + shapeText(t.dims) + ": give a value for it");
      if (!context->setInputShape(t.name.c_str(), toDims(shape)))
        failWithLog("input '" + t.name + "': shape " + shapeText(shape) + " is outside the engine's optimization profile", logger);
    }
    for (const IoTensor& t : io) {
      Binding b;
      b.info = t;
      b.shape = fromDims(context->getTensorShape(t.name.c_str()));
      if (std::any_of(b.shape.begin(), b.shape.end(), [](int64_t d) { return d < 0; }))
        throw NativeError(ErrorKind::kTensorRT, "output '" + t.name + "' has a data-dependent shape, which this backend does not run");
      b.bytes = std::max<size_t>(size_t(volume(b.shape)) * dtypeBytes(t.dtype), 1);
      STUDIO_CUDA(cudaMalloc(&b.device, b.bytes));
      STUDIO_CUDA(cudaMallocHost(&b.host, b.bytes));
      if (!context->setTensorAddress(t.name.c_str(), b.device)) failWithLog("cannot bind tensor '" + t.name + "'", logger);
      if (t.isInput) {
        const HostTensor* g = findGiven(given, t.name);
        if (g) {
          std::memcpy(b.host, g->bytes.data(), b.bytes);
        } else {
          std::vector<uint8_t> random(b.bytes);
          fillRandom(random, t.dtype, static_cast<uint32_t>(std::hash<std::string>()(t.name)));
          std::memcpy(b.host, random.data(), b.bytes);
        }
      }
      bindings.push_back(std::move(b));
    }
  }

  void copyInputs() {
    for (Binding& b : bindings)
      if (b.info.isInput) STUDIO_CUDA(cudaMemcpyAsync(b.device, b.host, b.bytes, cudaMemcpyHostToDevice, stream));
  }

  void copyOutputs() {
    for (Binding& b : bindings)
      if (!b.info.isInput) STUDIO_CUDA(cudaMemcpyAsync(b.host, b.device, b.bytes, cudaMemcpyDeviceToHost, stream));
  }

  void enqueue() {
    if (!context->enqueueV3(stream)) failWithLog("enqueueV3 failed", logger);
  }
};

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

std::unique_ptr<Engine> Engine::load(const std::string& planPath, int device) {
  auto impl = std::make_unique<Impl>();
  impl->device = device;
  impl->planPath = planPath;
  const std::vector<char> plan = readFile(planPath);
  STUDIO_CUDA(cudaSetDevice(device));
  impl->runtime.reset(nvinfer1::createInferRuntime(impl->logger));
  if (!impl->runtime) failWithLog("cannot create the TensorRT runtime", impl->logger);
  impl->engine.reset(impl->runtime->deserializeCudaEngine(plan.data(), plan.size()));
  if (!impl->engine)
    failWithLog(planPath + ": not a plan this TensorRT " + runtimeTensorrtVersion() +
                    " can load (corrupt, or built by another TensorRT version or for another GPU)",
                impl->logger);
  impl->context.reset(impl->engine->createExecutionContext());
  if (!impl->context) failWithLog(planPath + ": cannot create an execution context", impl->logger);
  STUDIO_CUDA(cudaStreamCreateWithFlags(&impl->stream, cudaStreamNonBlocking));
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

std::vector<IoTensor> Engine::ioTensors() const { return impl_->describe(); }

std::string Engine::layerInformationJson() const {
  Owned<nvinfer1::IEngineInspector> inspector(impl_->engine->createEngineInspector());
  if (!inspector) failWithLog("cannot create an engine inspector", impl_->logger);
  inspector->setExecutionContext(impl_->context.get());
  const char* json = inspector->getEngineInformation(nvinfer1::LayerInformationFormat::kJSON);
  if (!json) failWithLog("the engine inspector returned no layer information", impl_->logger);
  return json;
}

static void checkRunOptions(const RunOptions& options) {
  if (options.iterations < 1) throw NativeError(ErrorKind::kArgument, "iterations must be at least 1");
  if (options.warmupIterations < 0) throw NativeError(ErrorKind::kArgument, "warmupIterations must not be negative");
}

LayerTimes Engine::profileLayers(const RunOptions& options) {
  checkRunOptions(options);
  Impl& impl = *impl_;
  impl.prepare(options.inputs);
  impl.copyInputs();
  LayerProfiler profiler;
  impl.context->setProfiler(&profiler);
  try {
    for (int i = 0; i < options.warmupIterations; ++i) impl.enqueue();
    STUDIO_CUDA(cudaStreamSynchronize(impl.stream));
    profiler.clear();
    for (int i = 0; i < options.iterations; ++i) {
      impl.enqueue();
      STUDIO_CUDA(cudaStreamSynchronize(impl.stream));
    }
  } catch (...) {
    impl.context->setProfiler(nullptr);
    throw;
  }
  impl.context->setProfiler(nullptr);
  LayerTimes out;
  out.iterations = options.iterations;
  out.names = profiler.names();
  out.samplesMs = profiler.samples();
  double totalMs = 0;
  for (const auto& s : out.samplesMs)
    for (float v : s) totalMs += v;
  std::ostringstream json;
  json.precision(9);
  json << "[\n  { \"count\" : " << options.iterations << " }\n";
  for (size_t i = 0; i < out.names.size(); ++i) {
    double layerMs = 0;
    for (float v : out.samplesMs[i]) layerMs += v;
    json << ", { \"name\" : " << jsonString(out.names[i]) << ", \"timeMs\" : " << layerMs
         << ", \"averageMs\" : " << layerMs / std::max<size_t>(out.samplesMs[i].size(), 1)
         << ", \"medianMs\" : " << median(out.samplesMs[i]) << ", \"percentage\" : " << (totalMs > 0 ? layerMs / totalMs * 100 : 0)
         << " }\n";
  }
  json << "]\n";
  out.json = json.str();
  return out;
}

InferenceTimes Engine::timeInference(const RunOptions& options) {
  checkRunOptions(options);
  Impl& impl = *impl_;
  impl.prepare(options.inputs);
  for (int i = 0; i < options.warmupIterations; ++i) {
    impl.copyInputs();
    impl.enqueue();
    impl.copyOutputs();
  }
  STUDIO_CUDA(cudaStreamSynchronize(impl.stream));
  EventPair origin;
  STUDIO_CUDA(cudaEventRecord(origin.start(), impl.stream));
  STUDIO_CUDA(cudaEventSynchronize(origin.start()));
  const auto hostOrigin = std::chrono::steady_clock::now();
  auto hostMs = [&] { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - hostOrigin).count(); };
  InferenceTimes out;
  std::ostringstream json;
  json.precision(9);
  json << "[\n";
  EventPair h2d, compute;
  cudaEvent_t d2hEnd = nullptr;
  STUDIO_CUDA(cudaEventCreate(&d2hEnd));
  auto since = [&](cudaEvent_t e) {
    float ms = 0;
    STUDIO_CUDA(cudaEventElapsedTime(&ms, origin.start(), e));
    return double(ms);
  };
  try {
    for (int i = 0; i < options.iterations; ++i) {
      STUDIO_CUDA(cudaEventRecord(h2d.start(), impl.stream));
      impl.copyInputs();
      STUDIO_CUDA(cudaEventRecord(h2d.stop(), impl.stream));
      const double enqStart = hostMs();
      impl.enqueue();
      const double enqEnd = hostMs();
      STUDIO_CUDA(cudaEventRecord(compute.stop(), impl.stream));
      impl.copyOutputs();
      STUDIO_CUDA(cudaEventRecord(d2hEnd, impl.stream));
      STUDIO_CUDA(cudaEventSynchronize(d2hEnd));
      const double t0 = since(h2d.start()), t1 = since(h2d.stop()), t2 = since(compute.stop()), t3 = since(d2hEnd);
      out.h2dMs.push_back(t1 - t0);
      out.computeMs.push_back(t2 - t1);
      out.d2hMs.push_back(t3 - t2);
      out.latencyMs.push_back(t3 - t0);
      out.enqueueMs.push_back(enqEnd - enqStart);
      json << (i ? ", " : "  ") << "{ \"startEnqMs\" : " << enqStart << ", \"endEnqMs\" : " << enqEnd << ", \"startH2dMs\" : " << t0
           << ", \"endH2dMs\" : " << t1 << ", \"startComputeMs\" : " << t1 << ", \"endComputeMs\" : " << t2
           << ", \"startD2hMs\" : " << t2 << ", \"endD2hMs\" : " << t3 << ", \"h2dMs\" : " << t1 - t0
           << ", \"computeMs\" : " << t2 - t1 << ", \"d2hMs\" : " << t3 - t2 << ", \"latencyMs\" : " << t3 - t0 << " }\n";
    }
  } catch (...) {
    cudaEventDestroy(d2hEnd);
    throw;
  }
  cudaEventDestroy(d2hEnd);
  json << "]\n";
  out.json = json.str();
  return out;
}

std::vector<HostTensor> Engine::run(const std::vector<HostTensor>& inputs) {
  Impl& impl = *impl_;
  for (const IoTensor& t : impl.describe())
    if (t.isInput && !impl.findGiven(inputs, t.name))
      throw NativeError(ErrorKind::kArgument, "input '" + t.name + "' is missing");
  impl.prepare(inputs);
  impl.copyInputs();
  impl.enqueue();
  impl.copyOutputs();
  STUDIO_CUDA(cudaStreamSynchronize(impl.stream));
  std::vector<HostTensor> outputs;
  for (const Binding& b : impl.bindings) {
    if (b.info.isInput) continue;
    HostTensor t;
    t.name = b.info.name;
    t.dtype = b.info.dtype;
    t.dims = b.shape;
    const size_t bytes = size_t(volume(b.shape)) * dtypeBytes(b.info.dtype);
    t.bytes.assign(static_cast<uint8_t*>(b.host), static_cast<uint8_t*>(b.host) + bytes);
    outputs.push_back(std::move(t));
  }
  return outputs;
}

}  // namespace studio::trt
