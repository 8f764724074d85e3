#include "core/tensorrt/trt_common.h"

#include <NvInfer.h>

#include <fstream>
#include <sstream>

namespace studio::trt {

std::string compiledTensorrtVersion() {
  return std::to_string(NV_TENSORRT_MAJOR) + "." + std::to_string(NV_TENSORRT_MINOR) + "." + std::to_string(NV_TENSORRT_PATCH);
}

std::string runtimeTensorrtVersion() {
  const int32_t v = getInferLibVersion();
  return std::to_string(v / 10000) + "." + std::to_string((v / 100) % 100) + "." + std::to_string(v % 100);
}

void Logger::log(Severity severity, const char* message) noexcept {
  try {
    const std::string text = message ? message : "";
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (severity <= Severity::kERROR) errors_.push_back(text);
      else if (severity == Severity::kWARNING) warnings_.push_back(text);
    }
    if (sink_) sink_(static_cast<int>(severity), text);
  } catch (...) {
    // A logger must not throw into TensorRT.
  }
}

std::string Logger::problems() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  for (const std::string& e : errors_) out += (out.empty() ? "" : "; ") + e;
  return out;
}

std::vector<std::string> Logger::warnings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return warnings_;
}

void failWithLog(const std::string& what, const Logger& logger) {
  const std::string log = logger.problems();
  const bool outOfMemory = log.find("out of memory") != std::string::npos || log.find("OutOfMemory") != std::string::npos;
  throw NativeError(outOfMemory ? ErrorKind::kOutOfMemory : ErrorKind::kTensorRT,
                    what + (log.empty() ? "" : ": " + log));
}

DType fromTensorrt(nvinfer1::DataType type) {
  using nvinfer1::DataType;
  switch (type) {
    case DataType::kFLOAT: return DType::kFloat32;
    case DataType::kHALF: return DType::kFloat16;
    case DataType::kBF16: return DType::kBFloat16;
    case DataType::kINT8: return DType::kInt8;
    case DataType::kUINT8: return DType::kUInt8;
    case DataType::kINT32: return DType::kInt32;
    case DataType::kINT64: return DType::kInt64;
    case DataType::kBOOL: return DType::kBool;
    case DataType::kFP8: return DType::kFp8;
    case DataType::kINT4: return DType::kInt4;
    default: return DType::kUnknown;
  }
}

std::vector<int64_t> fromDims(const nvinfer1::Dims& dims) {
  if (dims.nbDims < 0) return {};
  return std::vector<int64_t>(dims.d, dims.d + dims.nbDims);
}

nvinfer1::Dims toDims(const std::vector<int64_t>& values) {
  if (values.size() > static_cast<size_t>(nvinfer1::Dims::MAX_DIMS))
    throw NativeError(ErrorKind::kArgument, "shape " + shapeText(values) + " has more than " +
                                                std::to_string(nvinfer1::Dims::MAX_DIMS) + " dimensions");
  nvinfer1::Dims dims{};
  dims.nbDims = static_cast<int32_t>(values.size());
  for (size_t i = 0; i < values.size(); ++i) dims.d[i] = values[i];
  return dims;
}

int64_t volume(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d < 0 ? 0 : d;
  return n;
}

std::string shapeText(const std::vector<int64_t>& dims) {
  std::ostringstream out;
  out << "[";
  for (size_t i = 0; i < dims.size(); ++i) out << (i ? "," : "") << dims[i];
  out << "]";
  return out.str();
}

std::vector<char> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw NativeError(ErrorKind::kIo, path + ": cannot open");
  const std::streamsize size = in.tellg();
  in.seekg(0);
  std::vector<char> data(static_cast<size_t>(size));
  if (size > 0 && !in.read(data.data(), size)) throw NativeError(ErrorKind::kIo, path + ": cannot read");
  return data;
}

void writeFile(const std::string& path, const void* data, size_t size) {
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size)))
      throw NativeError(ErrorKind::kIo, path + ": cannot write");
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) throw NativeError(ErrorKind::kIo, path + ": cannot rename from .partial");
}

}  // namespace studio::trt
