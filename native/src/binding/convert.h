// Conversions between the native library's structs and JS values, argument checks that throw
// TypeError (never crash), and NativeError -> JS Error with a `code`.
#pragma once

#include <napi.h>

#include <string>
#include <vector>

#include "core/build_info.h"
#include "core/ceilings.h"
#include "core/cupti_tracer.h"
#include "core/devices.h"
#include "core/native_error.h"
#include "core/tensorrt/trt_engine.h"

namespace studio::binding {

/** A JS Error carrying the native error's message and `code` (ERR_NO_DEVICE, ERR_TENSORRT, ...). */
Napi::Error toJsError(Napi::Env env, const std::string& message, const char* code);

// Argument checks: each throws Napi::TypeError naming the argument.
Napi::Object requireObject(const Napi::CallbackInfo& info, size_t index, const char* what);
Napi::Function optionalFunction(const Napi::CallbackInfo& info, size_t index, const char* what);
std::string requireString(const Napi::Object& object, const char* key);
std::string optionalString(const Napi::Object& object, const char* key, const std::string& fallback);
double optionalNumber(const Napi::Object& object, const char* key, double fallback);
int optionalInt(const Napi::Object& object, const char* key, int fallback, int min, int max);
bool optionalBool(const Napi::Object& object, const char* key, bool fallback);
std::vector<int64_t> requireDims(const Napi::Value& value, const std::string& what);

Napi::Object toJs(Napi::Env env, const BuildInfo& info);
Napi::Object toJs(Napi::Env env, const DeviceInfo& device);
Napi::Object toJs(Napi::Env env, const DeviceList& list);
Napi::Object toJs(Napi::Env env, const Ceilings& ceilings);
Napi::Object toJs(Napi::Env env, const TraceColumns& trace);
Napi::Object toJs(Napi::Env env, const trt::IoTensor& tensor);
Napi::Object toJs(Napi::Env env, const trt::HostTensor& tensor);

/** {name, dtype, dims, data: TypedArray} -> HostTensor (copied; the JS buffer may go away). */
trt::HostTensor hostTensorFromJs(const Napi::Value& value, const std::string& name);
trt::DType dtypeFromName(const std::string& name);

}  // namespace studio::binding
