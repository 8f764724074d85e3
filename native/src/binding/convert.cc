#include "binding/convert.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace studio::binding {

Napi::Error toJsError(Napi::Env env, const std::string& message, const char* code) {
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("code", Napi::String::New(env, code));
  return error;
}

Napi::Object requireObject(const Napi::CallbackInfo& info, size_t index, const char* what) {
  if (info.Length() <= index || !info[index].IsObject() || info[index].IsArray())
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be an object");
  return info[index].As<Napi::Object>();
}

Napi::Function optionalFunction(const Napi::CallbackInfo& info, size_t index, const char* what) {
  if (info.Length() <= index || info[index].IsUndefined() || info[index].IsNull()) return Napi::Function();
  if (!info[index].IsFunction()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a function");
  return info[index].As<Napi::Function>();
}

std::string requireString(const Napi::Object& object, const char* key) {
  Napi::Value value = object.Get(key);
  if (!value.IsString() || value.As<Napi::String>().Utf8Value().empty())
    throw Napi::TypeError::New(object.Env(), std::string(key) + " must be a non-empty string");
  return value.As<Napi::String>().Utf8Value();
}

std::string optionalString(const Napi::Object& object, const char* key, const std::string& fallback) {
  Napi::Value value = object.Get(key);
  if (value.IsUndefined() || value.IsNull()) return fallback;
  if (!value.IsString()) throw Napi::TypeError::New(object.Env(), std::string(key) + " must be a string");
  return value.As<Napi::String>().Utf8Value();
}

double optionalNumber(const Napi::Object& object, const char* key, double fallback) {
  Napi::Value value = object.Get(key);
  if (value.IsUndefined() || value.IsNull()) return fallback;
  if (!value.IsNumber() || !std::isfinite(value.As<Napi::Number>().DoubleValue()))
    throw Napi::TypeError::New(object.Env(), std::string(key) + " must be a finite number");
  return value.As<Napi::Number>().DoubleValue();
}

int optionalInt(const Napi::Object& object, const char* key, int fallback, int min, int max) {
  double value = optionalNumber(object, key, fallback);
  if (value != std::floor(value) || value < min || value > max)
    throw Napi::RangeError::New(object.Env(), std::string(key) + " must be an integer in " + std::to_string(min) + ".." +
                                                  std::to_string(max));
  return static_cast<int>(value);
}

bool optionalBool(const Napi::Object& object, const char* key, bool fallback) {
  Napi::Value value = object.Get(key);
  if (value.IsUndefined() || value.IsNull()) return fallback;
  if (!value.IsBoolean()) throw Napi::TypeError::New(object.Env(), std::string(key) + " must be a boolean");
  return value.As<Napi::Boolean>().Value();
}

std::vector<int64_t> requireDims(const Napi::Value& value, const std::string& what) {
  if (!value.IsArray()) throw Napi::TypeError::New(value.Env(), what + " must be an array of integers");
  Napi::Array array = value.As<Napi::Array>();
  std::vector<int64_t> dims;
  for (uint32_t i = 0; i < array.Length(); ++i) {
    Napi::Value d = array.Get(i);
    if (!d.IsNumber()) throw Napi::TypeError::New(value.Env(), what + " must be an array of integers");
    double v = d.As<Napi::Number>().DoubleValue();
    if (v != std::floor(v) || v < 0 || v > double(std::numeric_limits<int32_t>::max()))
      throw Napi::RangeError::New(value.Env(), what + " must hold non-negative integers");
    dims.push_back(static_cast<int64_t>(v));
  }
  return dims;
}

static Napi::Object part(Napi::Env env, const PartInfo& p) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("compiled", p.compiled);
  if (!p.version.empty()) o.Set("version", p.version);
  if (!p.reason.empty()) o.Set("reason", p.reason);
  return o;
}

Napi::Object toJs(Napi::Env env, const BuildInfo& info) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("cuda", part(env, info.cuda));
  o.Set("cupti", part(env, info.cupti));
  o.Set("cublas", part(env, info.cublas));
  o.Set("tensorrt", part(env, info.tensorrt));
  o.Set("cudaTargets", info.cudaTargets);
  o.Set("napiVersion", NAPI_VERSION);
  return o;
}

Napi::Object toJs(Napi::Env env, const DeviceInfo& d) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("ordinal", d.ordinal);
  o.Set("name", d.name);
  o.Set("computeCapability", std::to_string(d.computeCapabilityMajor) + "." + std::to_string(d.computeCapabilityMinor));
  o.Set("smCount", d.smCount);
  o.Set("smClockMHz", d.smClockKHz / 1000.0);
  o.Set("memoryClockMHz", d.memoryClockKHz / 1000.0);
  o.Set("memoryBusWidthBits", d.memoryBusWidthBits);
  o.Set("memoryBytes", double(d.memoryBytes));
  o.Set("l2CacheBytes", d.l2CacheBytes);
  o.Set("sharedMemoryPerSmBytes", d.sharedMemoryPerSmBytes);
  o.Set("maxThreadsPerSm", d.maxThreadsPerSm);
  o.Set("pciBusId", d.pciBusId);
  o.Set("theoreticalDramGBps", d.theoreticalDramGBps);
  return o;
}

Napi::Object toJs(Napi::Env env, const DeviceList& list) {
  Napi::Object o = Napi::Object::New(env);
  Napi::Array devices = Napi::Array::New(env, list.devices.size());
  for (size_t i = 0; i < list.devices.size(); ++i) devices.Set(uint32_t(i), toJs(env, list.devices[i]));
  o.Set("devices", devices);
  if (!list.reason.empty()) o.Set("reason", list.reason);
  if (!list.driverVersion.empty()) o.Set("driverVersion", list.driverVersion);
  if (!list.runtimeVersion.empty()) o.Set("runtimeVersion", list.runtimeVersion);
  return o;
}

Napi::Object toJs(Napi::Env env, const Ceilings& c) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("device", toJs(env, c.device));
  Napi::Array list = Napi::Array::New(env, c.measurements.size());
  for (size_t i = 0; i < c.measurements.size(); ++i) {
    const Measurement& m = c.measurements[i];
    Napi::Object item = Napi::Object::New(env);
    item.Set("id", m.id);
    item.Set("unit", m.unit);
    item.Set("value", m.value);
    item.Set("best", m.best);
    item.Set("medianMs", m.medianMs);
    item.Set("repetitions", m.repetitions);
    item.Set("available", m.available);
    item.Set("note", m.note);
    list.Set(uint32_t(i), item);
  }
  o.Set("measurements", list);
  o.Set("dramGBps", c.dramGBps);
  o.Set("fp32Tflops", c.fp32Tflops);
  o.Set("fp16Tflops", c.fp16Tflops);
  o.Set("bf16Tflops", c.bf16Tflops);
  o.Set("int8Tops", c.int8Tops);
  return o;
}

template <typename Typed, typename T>
static Typed typedArray(Napi::Env env, const std::vector<T>& values) {
  Typed array = Typed::New(env, values.size());
  if (!values.empty()) std::memcpy(array.Data(), values.data(), values.size() * sizeof(T));
  return array;
}

Napi::Object toJs(Napi::Env env, const TraceColumns& t) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("count", double(t.size()));
  o.Set("kind", typedArray<Napi::Uint8Array>(env, t.kind));
  o.Set("startNs", typedArray<Napi::Float64Array>(env, t.startNs));
  o.Set("endNs", typedArray<Napi::Float64Array>(env, t.endNs));
  o.Set("name", typedArray<Napi::Uint32Array>(env, t.name));
  o.Set("deviceId", typedArray<Napi::Uint32Array>(env, t.deviceId));
  o.Set("streamId", typedArray<Napi::Uint32Array>(env, t.streamId));
  o.Set("correlationId", typedArray<Napi::Uint32Array>(env, t.correlationId));
  o.Set("gridX", typedArray<Napi::Uint32Array>(env, t.gridX));
  o.Set("gridY", typedArray<Napi::Uint32Array>(env, t.gridY));
  o.Set("gridZ", typedArray<Napi::Uint32Array>(env, t.gridZ));
  o.Set("blockX", typedArray<Napi::Uint32Array>(env, t.blockX));
  o.Set("blockY", typedArray<Napi::Uint32Array>(env, t.blockY));
  o.Set("blockZ", typedArray<Napi::Uint32Array>(env, t.blockZ));
  o.Set("registersPerThread", typedArray<Napi::Uint16Array>(env, t.registersPerThread));
  o.Set("sharedMemoryBytes", typedArray<Napi::Uint32Array>(env, t.sharedMemoryBytes));
  o.Set("bytes", typedArray<Napi::Float64Array>(env, t.bytes));
  o.Set("copyKind", typedArray<Napi::Uint8Array>(env, t.copyKind));
  Napi::Array names = Napi::Array::New(env, t.names.size());
  for (size_t i = 0; i < t.names.size(); ++i) names.Set(uint32_t(i), t.names[i]);
  o.Set("names", names);
  o.Set("originUnixNs", t.originUnixNs);
  o.Set("droppedRecords", double(t.droppedRecords));
  return o;
}

static Napi::Array dimsToJs(Napi::Env env, const std::vector<int64_t>& dims) {
  Napi::Array out = Napi::Array::New(env, dims.size());
  for (size_t i = 0; i < dims.size(); ++i) out.Set(uint32_t(i), double(dims[i]));
  return out;
}

Napi::Object toJs(Napi::Env env, const trt::IoTensor& t) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", t.name);
  o.Set("isInput", t.isInput);
  o.Set("dtype", trt::dtypeName(t.dtype));
  o.Set("dims", dimsToJs(env, t.dims));
  o.Set("format", t.format);
  return o;
}

Napi::Object toJs(Napi::Env env, const trt::HostTensor& t) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", t.name);
  o.Set("dtype", trt::dtypeName(t.dtype));
  o.Set("dims", dimsToJs(env, t.dims));
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, t.bytes.size());
  if (!t.bytes.empty()) std::memcpy(buffer.Data(), t.bytes.data(), t.bytes.size());
  o.Set("data", buffer);
  return o;
}

trt::DType dtypeFromName(const std::string& name) {
  using trt::DType;
  for (DType d : {DType::kFloat32, DType::kFloat16, DType::kBFloat16, DType::kInt8, DType::kUInt8, DType::kInt32, DType::kInt64,
                  DType::kBool, DType::kFp8})
    if (name == trt::dtypeName(d)) return d;
  return DType::kUnknown;
}

trt::HostTensor hostTensorFromJs(const Napi::Value& value, const std::string& name) {
  Napi::Env env = value.Env();
  if (!value.IsObject()) throw Napi::TypeError::New(env, "input '" + name + "' must be {dtype, dims, data}");
  Napi::Object o = value.As<Napi::Object>();
  trt::HostTensor t;
  t.name = name;
  const std::string dtype = requireString(o, "dtype");
  t.dtype = dtypeFromName(dtype);
  if (t.dtype == trt::DType::kUnknown) throw Napi::TypeError::New(env, "input '" + name + "': unknown dtype '" + dtype + "'");
  t.dims = requireDims(o.Get("dims"), "input '" + name + "' dims");
  Napi::Value data = o.Get("data");
  if (!data.IsTypedArray()) throw Napi::TypeError::New(env, "input '" + name + "': data must be a typed array");
  Napi::TypedArray array = data.As<Napi::TypedArray>();
  const uint8_t* bytes = static_cast<const uint8_t*>(array.ArrayBuffer().Data()) + array.ByteOffset();
  t.bytes.assign(bytes, bytes + array.ByteLength());
  return t;
}

}  // namespace studio::binding
