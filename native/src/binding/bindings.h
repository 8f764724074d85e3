// Each binding file registers its functions and classes on the module's exports.
#pragma once

#include <napi.h>

namespace studio::binding {

void initCapabilities(Napi::Env env, Napi::Object exports);
void initCeilings(Napi::Env env, Napi::Object exports);
void initTracer(Napi::Env env, Napi::Object exports);
void initTensorrt(Napi::Env env, Napi::Object exports);

}  // namespace studio::binding
