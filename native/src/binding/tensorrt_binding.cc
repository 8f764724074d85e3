// EngineBuild (ONNX -> plan on the thread pool, progress and log to a JS callback, cancel()) and
// TrtEngine (a loaded plan: inspect, per-layer profile, CUDA-event timing, run). In a build without
// TensorRT every call rejects with ERR_NOT_COMPILED and says how to get TensorRT.
#include <atomic>
#include <memory>

#include "binding/bindings.h"
#include "binding/progress_channel.h"
#include "binding/promise_worker.h"

namespace studio::binding {

namespace {

std::vector<trt::ShapeRange> shapeRanges(const Napi::Object& options) {
  std::vector<trt::ShapeRange> ranges;
  Napi::Value shapes = options.Get("shapes");
  if (shapes.IsUndefined() || shapes.IsNull()) return ranges;
  if (!shapes.IsObject() || shapes.IsArray()) throw Napi::TypeError::New(options.Env(), "shapes must be an object of input name -> dims");
  Napi::Object map = shapes.As<Napi::Object>();
  Napi::Array names = map.GetPropertyNames();
  for (uint32_t i = 0; i < names.Length(); ++i) {
    const std::string name = names.Get(i).As<Napi::String>().Utf8Value();
    Napi::Value entry = map.Get(name);
    trt::ShapeRange range;
    range.input = name;
    if (entry.IsArray()) {  // one shape: min = opt = max
      range.opt = requireDims(entry, "shapes." + name);
      range.min = range.max = range.opt;
    } else if (entry.IsObject()) {
      Napi::Object r = entry.As<Napi::Object>();
      range.min = requireDims(r.Get("min"), "shapes." + name + ".min");
      range.opt = requireDims(r.Get("opt"), "shapes." + name + ".opt");
      range.max = requireDims(r.Get("max"), "shapes." + name + ".max");
    } else {
      throw Napi::TypeError::New(options.Env(), "shapes." + name + " must be dims or {min, opt, max}");
    }
    ranges.push_back(std::move(range));
  }
  return ranges;
}

trt::BuildOptions buildOptions(const Napi::Object& o) {
  trt::BuildOptions options;
  options.onnxPath = requireString(o, "onnxPath");
  options.planPath = requireString(o, "planPath");
  options.device = optionalInt(o, "device", 0, 0, 1024);
  const double workspaceMiB = optionalNumber(o, "workspaceMiB", 0);
  if (workspaceMiB < 0) throw Napi::RangeError::New(o.Env(), "workspaceMiB must not be negative");
  options.workspaceBytes = static_cast<uint64_t>(workspaceMiB * 1048576.0);
  options.optimizationLevel = optionalInt(o, "optimizationLevel", -1, -1, 5);
  options.timingCachePath = optionalString(o, "timingCachePath", "");
  options.stronglyTyped = optionalBool(o, "stronglyTyped", true);
  options.fp16Flag = optionalBool(o, "fp16", false);
  options.int8Flag = optionalBool(o, "int8", false);
  options.shapes = shapeRanges(o);
  return options;
}

std::vector<napi_value> buildEventToJs(Napi::Env env, const trt::BuildEvent& e) {
  static const char* kinds[] = {"phase-start", "step", "phase-finish", "log"};
  Napi::Object o = Napi::Object::New(env);
  o.Set("kind", kinds[static_cast<int>(e.kind)]);
  if (e.kind == trt::BuildEvent::Kind::kLog) {
    o.Set("severity", e.severity);
    o.Set("message", e.message);
  } else {
    o.Set("phase", e.phase);
    if (!e.parentPhase.empty()) o.Set("parentPhase", e.parentPhase);
    if (e.kind == trt::BuildEvent::Kind::kPhaseStart) o.Set("steps", e.steps);
    if (e.kind == trt::BuildEvent::Kind::kStep) o.Set("step", e.step);
  }
  return {o};
}

class EngineBuild : public Napi::ObjectWrap<EngineBuild> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "EngineBuild",
                       {InstanceMethod<&EngineBuild::Start>("start"), InstanceMethod<&EngineBuild::Cancel>("cancel")});
  }

  explicit EngineBuild(const Napi::CallbackInfo& info) : Napi::ObjectWrap<EngineBuild>(info) {
    options_ = buildOptions(requireObject(info, 0, "options"));
    Napi::Function callback = optionalFunction(info, 1, "onEvent");
    if (!callback.IsEmpty()) callback_ = Napi::Persistent(callback);
  }

 private:
  Napi::Value Start(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (started_) throw toJsError(env, "this build was already started", "ERR_BUSY");
    started_ = true;
    auto channel = std::make_shared<ProgressChannel<trt::BuildEvent>>(
        env, callback_.IsEmpty() ? Napi::Function() : callback_.Value(), buildEventToJs);
    auto cancelled = cancelled_;
    trt::BuildOptions options = options_;
    return PromiseWorker<trt::BuildResult>::start(
        env,
        [options, channel, cancelled] {
          trt::BuildCallbacks callbacks;
          callbacks.onEvent = [channel](const trt::BuildEvent& e) {
            // Verbose TensorRT messages (severity 4) would flood the JS thread.
            if (e.kind != trt::BuildEvent::Kind::kLog || e.severity <= 3) channel->post(e);
          };
          callbacks.cancelled = [cancelled] { return cancelled->load(); };
          return trt::buildEngine(options, callbacks);
        },
        [](Napi::Env e, trt::BuildResult& r) {
          Napi::Object o = Napi::Object::New(e);
          o.Set("planPath", r.planPath);
          o.Set("planBytes", double(r.planBytes));
          o.Set("buildMs", r.buildMs);
          o.Set("tensorrtVersion", r.tensorrtVersion);
          Napi::Array warnings = Napi::Array::New(e, r.warnings.size());
          for (size_t i = 0; i < r.warnings.size(); ++i) warnings.Set(uint32_t(i), r.warnings[i]);
          o.Set("warnings", warnings);
          return o;
        },
        [channel] { channel->close(); });
  }

  Napi::Value Cancel(const Napi::CallbackInfo& info) {
    cancelled_->store(true);
    return info.Env().Undefined();
  }

  trt::BuildOptions options_;
  Napi::FunctionReference callback_;
  std::shared_ptr<std::atomic<bool>> cancelled_ = std::make_shared<std::atomic<bool>>(false);
  bool started_ = false;
};

trt::RunOptions runOptions(const Napi::CallbackInfo& info) {
  trt::RunOptions options;
  if (info.Length() == 0 || info[0].IsUndefined()) return options;
  Napi::Object o = requireObject(info, 0, "options");
  options.warmupIterations = optionalInt(o, "warmupIterations", options.warmupIterations, 0, 1000000);
  options.iterations = optionalInt(o, "iterations", options.iterations, 1, 1000000);
  Napi::Value inputs = o.Get("inputs");
  if (!inputs.IsUndefined() && !inputs.IsNull()) {
    if (!inputs.IsObject()) throw Napi::TypeError::New(info.Env(), "inputs must be an object of name -> tensor");
    Napi::Object map = inputs.As<Napi::Object>();
    Napi::Array names = map.GetPropertyNames();
    for (uint32_t i = 0; i < names.Length(); ++i) {
      const std::string name = names.Get(i).As<Napi::String>().Utf8Value();
      options.inputs.push_back(hostTensorFromJs(map.Get(name), name));
    }
  }
  return options;
}

Napi::Float64Array float64(Napi::Env env, const std::vector<double>& values) {
  Napi::Float64Array array = Napi::Float64Array::New(env, values.size());
  for (size_t i = 0; i < values.size(); ++i) array[i] = values[i];
  return array;
}

class TrtEngine : public Napi::ObjectWrap<TrtEngine> {
 public:
  static Napi::Function define(Napi::Env env) {
    Napi::Function ctor = DefineClass(
        env, "TrtEngine",
        {StaticMethod<&TrtEngine::Load>("load"), InstanceMethod<&TrtEngine::IoTensors>("ioTensors"),
         InstanceMethod<&TrtEngine::LayerInformation>("layerInformation"),
         InstanceMethod<&TrtEngine::ProfileLayers>("profileLayers"), InstanceMethod<&TrtEngine::TimeInference>("timeInference"),
         InstanceMethod<&TrtEngine::Run>("run"), InstanceMethod<&TrtEngine::Dispose>("dispose")});
    env.SetInstanceData<Napi::FunctionReference>(new Napi::FunctionReference(Napi::Persistent(ctor)));
    return ctor;
  }

  explicit TrtEngine(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TrtEngine>(info) {}

 private:
  static Napi::Value Load(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(env, "planPath must be a string");
    const std::string path = info[0].As<Napi::String>().Utf8Value();
    int device = 0;
    if (info.Length() > 1 && !info[1].IsUndefined()) {
      if (!info[1].IsNumber()) throw Napi::TypeError::New(env, "device must be a number");
      device = info[1].As<Napi::Number>().Int32Value();
    }
    using Loaded = std::shared_ptr<trt::Engine>;
    return PromiseWorker<Loaded>::start(
        env, [path, device] { return Loaded(trt::Engine::load(path, device)); },
        [](Napi::Env e, Loaded& engine) {
          Napi::Object object = e.GetInstanceData<Napi::FunctionReference>()->New({});
          TrtEngine::Unwrap(object)->engine_ = engine;
          return object;
        });
  }

  std::shared_ptr<trt::Engine> acquire(Napi::Env env) {
    if (!engine_) throw toJsError(env, "this engine was disposed", "ERR_ARGUMENT");
    if (busy_->exchange(true)) throw toJsError(env, "this engine is busy with another call", "ERR_BUSY");
    return engine_;
  }

  template <typename Result>
  Napi::Value async(Napi::Env env, std::function<Result(trt::Engine&)> work, typename PromiseWorker<Result>::Convert convert) {
    std::shared_ptr<trt::Engine> engine = acquire(env);
    auto busy = busy_;
    return PromiseWorker<Result>::start(env, [engine, work] { return work(*engine); }, std::move(convert),
                                        [busy] { busy->store(false); });
  }

  Napi::Value IoTensors(const Napi::CallbackInfo& info) {
    if (!engine_) throw toJsError(info.Env(), "this engine was disposed", "ERR_ARGUMENT");
    std::vector<trt::IoTensor> io = engine_->ioTensors();
    Napi::Array out = Napi::Array::New(info.Env(), io.size());
    for (size_t i = 0; i < io.size(); ++i) out.Set(uint32_t(i), toJs(info.Env(), io[i]));
    return out;
  }

  Napi::Value LayerInformation(const Napi::CallbackInfo& info) {
    return async<std::string>(info.Env(), [](trt::Engine& e) { return e.layerInformationJson(); },
                              [](Napi::Env env, std::string& json) { return Napi::String::New(env, json); });
  }

  Napi::Value ProfileLayers(const Napi::CallbackInfo& info) {
    trt::RunOptions options = runOptions(info);
    return async<trt::LayerTimes>(
        info.Env(), [options](trt::Engine& e) { return e.profileLayers(options); },
        [](Napi::Env env, trt::LayerTimes& t) {
          Napi::Object o = Napi::Object::New(env);
          o.Set("iterations", t.iterations);
          Napi::Array names = Napi::Array::New(env, t.names.size());
          Napi::Array samples = Napi::Array::New(env, t.samplesMs.size());
          for (size_t i = 0; i < t.names.size(); ++i) {
            names.Set(uint32_t(i), t.names[i]);
            Napi::Float32Array s = Napi::Float32Array::New(env, t.samplesMs[i].size());
            for (size_t j = 0; j < t.samplesMs[i].size(); ++j) s[j] = t.samplesMs[i][j];
            samples.Set(uint32_t(i), s);
          }
          o.Set("names", names);
          o.Set("samplesMs", samples);
          o.Set("json", t.json);
          return o;
        });
  }

  Napi::Value TimeInference(const Napi::CallbackInfo& info) {
    trt::RunOptions options = runOptions(info);
    return async<trt::InferenceTimes>(
        info.Env(), [options](trt::Engine& e) { return e.timeInference(options); },
        [](Napi::Env env, trt::InferenceTimes& t) {
          Napi::Object o = Napi::Object::New(env);
          o.Set("h2dMs", float64(env, t.h2dMs));
          o.Set("computeMs", float64(env, t.computeMs));
          o.Set("d2hMs", float64(env, t.d2hMs));
          o.Set("latencyMs", float64(env, t.latencyMs));
          o.Set("enqueueMs", float64(env, t.enqueueMs));
          o.Set("json", t.json);
          return o;
        });
  }

  Napi::Value Run(const Napi::CallbackInfo& info) {
    Napi::Object map = requireObject(info, 0, "inputs");
    std::vector<trt::HostTensor> inputs;
    Napi::Array names = map.GetPropertyNames();
    for (uint32_t i = 0; i < names.Length(); ++i) {
      const std::string name = names.Get(i).As<Napi::String>().Utf8Value();
      inputs.push_back(hostTensorFromJs(map.Get(name), name));
    }
    using Outputs = std::vector<trt::HostTensor>;
    return async<Outputs>(
        info.Env(), [inputs](trt::Engine& e) { return e.run(inputs); },
        [](Napi::Env env, Outputs& outputs) {
          Napi::Object o = Napi::Object::New(env);
          for (const trt::HostTensor& t : outputs) o.Set(t.name, toJs(env, t));
          return o;
        });
  }

  Napi::Value Dispose(const Napi::CallbackInfo& info) {
    if (busy_->load()) throw toJsError(info.Env(), "cannot dispose an engine while a call on it runs", "ERR_BUSY");
    engine_.reset();
    return info.Env().Undefined();
  }

  std::shared_ptr<trt::Engine> engine_;
  std::shared_ptr<std::atomic<bool>> busy_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace

void initTensorrt(Napi::Env env, Napi::Object exports) {
  exports.Set("EngineBuild", EngineBuild::define(env));
  exports.Set("TrtEngine", TrtEngine::define(env));
}

}  // namespace studio::binding
