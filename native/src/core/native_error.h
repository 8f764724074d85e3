// NativeError: every failure of the native library (bad argument, no GPU, CUDA/CUPTI/TensorRT error,
// out of memory) is thrown as one of these, with the library's own message, and never aborts the
// process. The binding turns it into a JS Error whose `code` is kindName().
#pragma once

#include <stdexcept>
#include <string>

namespace studio {

enum class ErrorKind { kArgument, kNoDevice, kNotCompiled, kCuda, kCupti, kTensorRT, kOutOfMemory, kIo, kCancelled, kBusy };

class NativeError : public std::runtime_error {
 public:
  NativeError(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }
  const char* kindName() const;

 private:
  ErrorKind kind_;
};

inline const char* NativeError::kindName() const {
  switch (kind_) {
    case ErrorKind::kArgument: return "ERR_ARGUMENT";
    case ErrorKind::kNoDevice: return "ERR_NO_DEVICE";
    case ErrorKind::kNotCompiled: return "ERR_NOT_COMPILED";
    case ErrorKind::kCuda: return "ERR_CUDA";
    case ErrorKind::kCupti: return "ERR_CUPTI";
    case ErrorKind::kTensorRT: return "ERR_TENSORRT";
    case ErrorKind::kOutOfMemory: return "ERR_OUT_OF_MEMORY";
    case ErrorKind::kIo: return "ERR_IO";
    case ErrorKind::kCancelled: return "ERR_CANCELLED";
    case ErrorKind::kBusy: return "ERR_BUSY";
  }
  return "ERR_NATIVE";
}

}  // namespace studio
