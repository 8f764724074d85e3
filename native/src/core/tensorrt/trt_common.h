// Pieces shared by the TensorRT build and engine code: a logger that keeps TensorRT's messages (so an
// error carries TensorRT's own words), owning pointers, dtype and shape conversion.
#pragma once

#include <NvInfer.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/native_error.h"
#include "core/tensorrt/trt_engine.h"

namespace studio::trt {

class Logger : public nvinfer1::ILogger {
 public:
  using Sink = std::function<void(int severity, const std::string& message)>;
  explicit Logger(Sink sink = nullptr) : sink_(std::move(sink)) {}
  void log(Severity severity, const char* message) noexcept override;
  /** Errors and warnings seen so far, one per line. */
  std::string problems() const;
  std::vector<std::string> warnings() const;

 private:
  Sink sink_;
  mutable std::mutex mutex_;
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
};

/** TensorRT objects are released with delete since 10.0. */
template <typename T>
using Owned = std::unique_ptr<T>;

/** Throws NativeError(kTensorRT) with `what` and the logger's errors. */
[[noreturn]] void failWithLog(const std::string& what, const Logger& logger);

DType fromTensorrt(nvinfer1::DataType type);
std::vector<int64_t> fromDims(const nvinfer1::Dims& dims);
nvinfer1::Dims toDims(const std::vector<int64_t>& values);
int64_t volume(const std::vector<int64_t>& dims);
std::string shapeText(const std::vector<int64_t>& dims);

/** Reads a whole file; throws kIo naming the file. */
std::vector<char> readFile(const std::string& path);
void writeFile(const std::string& path, const void* data, size_t size);

}  // namespace studio::trt
