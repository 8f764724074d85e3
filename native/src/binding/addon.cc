// Module entry: registers every binding. Node-API 8, so one binary serves Node and Electron.
#include <napi.h>

#include "binding/bindings.h"

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  studio::binding::initCapabilities(env, exports);
  studio::binding::initCeilings(env, exports);
  studio::binding::initTracer(env, exports);
  studio::binding::initTensorrt(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(trt_studio_native, Init)
