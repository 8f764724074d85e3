// buildInfo() (what was compiled; cheap, synchronous) and listDevices() (asks the CUDA driver, so it
// runs off the JS thread).
#include "binding/bindings.h"
#include "binding/promise_worker.h"

namespace studio::binding {

static Napi::Value BuildInfoJs(const Napi::CallbackInfo& info) { return toJs(info.Env(), buildInfo()); }

static Napi::Value ListDevicesJs(const Napi::CallbackInfo& info) {
  return PromiseWorker<DeviceList>::start(info.Env(), [] { return listDevices(); },
                                          [](Napi::Env env, DeviceList& list) { return toJs(env, list); });
}

void initCapabilities(Napi::Env env, Napi::Object exports) {
  exports.Set("buildInfo", Napi::Function::New(env, BuildInfoJs, "buildInfo"));
  exports.Set("listDevices", Napi::Function::New(env, ListDevicesJs, "listDevices"));
}

}  // namespace studio::binding
