// measureCeilings(options, onProgress?) and runKnownWorkload(spec): GPU work on the thread pool.
#include <memory>

#include "binding/bindings.h"
#include "binding/progress_channel.h"
#include "binding/promise_worker.h"
#include "core/known_workload.h"

namespace studio::binding {

namespace {

struct CeilingsEvent {
  std::string id;
  int index = 0;
  int total = 0;
};

CeilingsOptions ceilingsOptions(const Napi::CallbackInfo& info) {
  CeilingsOptions options;
  if (info.Length() == 0 || info[0].IsUndefined()) return options;
  Napi::Object o = requireObject(info, 0, "options");
  options.device = optionalInt(o, "device", 0, 0, 1024);
  options.bandwidthBytes = size_t(optionalNumber(o, "bandwidthMiB", 1024)) << 20;
  options.repetitions = optionalInt(o, "repetitions", options.repetitions, 1, 1000);
  options.includeCublas = optionalBool(o, "includeCublas", true);
  options.includeWgmma = optionalBool(o, "includeWgmma", true);
  return options;
}

Napi::Value MeasureCeilingsJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CeilingsOptions options = ceilingsOptions(info);
  Napi::Function callback = optionalFunction(info, 1, "onProgress");
  auto channel = std::make_shared<ProgressChannel<CeilingsEvent>>(env, callback, [](Napi::Env e, const CeilingsEvent& ev) {
    Napi::Object o = Napi::Object::New(e);
    o.Set("id", ev.id);
    o.Set("index", ev.index);
    o.Set("total", ev.total);
    return std::vector<napi_value>{o};
  });
  return PromiseWorker<Ceilings>::start(
      env,
      [options, channel] {
        return measureCeilings(options, [channel](const std::string& id, int index, int total) { channel->post({id, index, total}); });
      },
      [](Napi::Env e, Ceilings& c) { return toJs(e, c); }, [channel] { channel->close(); });
}

Napi::Value RunKnownWorkloadJs(const Napi::CallbackInfo& info) {
  Napi::Object o = requireObject(info, 0, "workload");
  KnownWorkload w;
  w.device = optionalInt(o, "device", 0, 0, 1024);
  w.tinyKernels = optionalInt(o, "tinyKernels", w.tinyKernels, 0, 10000000);
  w.scaleKernels = optionalInt(o, "scaleKernels", w.scaleKernels, 0, 10000000);
  w.copies = optionalInt(o, "copies", w.copies, 0, 100000);
  w.copyBytes = size_t(optionalInt(o, "copyBytes", int(w.copyBytes), 16, 1 << 30));
  w.memsets = optionalInt(o, "memsets", w.memsets, 0, 100000);
  return PromiseWorker<Nothing>::start(
      info.Env(), [w] { runKnownWorkload(w); return Nothing{}; }, [](Napi::Env e, Nothing&) { return e.Undefined(); });
}

}  // namespace

void initCeilings(Napi::Env env, Napi::Object exports) {
  exports.Set("measureCeilings", Napi::Function::New(env, MeasureCeilingsJs, "measureCeilings"));
  exports.Set("runKnownWorkload", Napi::Function::New(env, RunKnownWorkloadJs, "runKnownWorkload"));
}

}  // namespace studio::binding
