// KernelTracer: the process-wide CUPTI tracer as a JS class. start() and stop() return promises (CUDA
// initialization and CUPTI's flush can take a while); one tracer runs at a time per process.
#include "binding/bindings.h"
#include "binding/promise_worker.h"
#include "core/profiler_range.h"

namespace studio::binding {

namespace {

class KernelTracer : public Napi::ObjectWrap<KernelTracer> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "KernelTracer",
                       {InstanceMethod<&KernelTracer::Start>("start"), InstanceMethod<&KernelTracer::Stop>("stop"),
                        InstanceAccessor<&KernelTracer::Running>("running")});
  }
  explicit KernelTracer(const Napi::CallbackInfo& info) : Napi::ObjectWrap<KernelTracer>(info) {}

 private:
  Napi::Value Start(const Napi::CallbackInfo& info) {
    return PromiseWorker<Nothing>::start(
        info.Env(), [] { startTracing(); return Nothing{}; }, [](Napi::Env e, Nothing&) { return e.Undefined(); });
  }
  Napi::Value Stop(const Napi::CallbackInfo& info) {
    return PromiseWorker<TraceColumns>::start(
        info.Env(), [] { return stopTracing(); }, [](Napi::Env e, TraceColumns& t) { return toJs(e, t); });
  }
  Napi::Value Running(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), isTracing()); }
};

// cudaProfilerStart/Stop: the capture range of `nsys profile --capture-range=cudaProfilerApi`.
template <void (*call)()>
Napi::Value profilerCall(const Napi::CallbackInfo& info) {
  try {
    call();
  } catch (const NativeError& error) {
    throw toJsError(info.Env(), error.what(), error.kindName());
  }
  return info.Env().Undefined();
}

}  // namespace

void initTracer(Napi::Env env, Napi::Object exports) {
  exports.Set("KernelTracer", KernelTracer::define(env));
  exports.Set("profilerStart", Napi::Function::New(env, profilerCall<profilerStart>, "profilerStart"));
  exports.Set("profilerStop", Napi::Function::New(env, profilerCall<profilerStop>, "profilerStop"));
}

}  // namespace studio::binding
