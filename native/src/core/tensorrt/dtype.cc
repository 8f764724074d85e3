// Names and sizes of the element types crossing the TensorRT boundary (compiled with or without TensorRT).
#include "core/tensorrt/trt_engine.h"

namespace studio::trt {

const char* dtypeName(DType dtype) {
  switch (dtype) {
    case DType::kFloat32: return "float32";
    case DType::kFloat16: return "float16";
    case DType::kBFloat16: return "bfloat16";
    case DType::kInt8: return "int8";
    case DType::kUInt8: return "uint8";
    case DType::kInt32: return "int32";
    case DType::kInt64: return "int64";
    case DType::kBool: return "bool";
    case DType::kFp8: return "float8e4m3fn";
    case DType::kInt4: return "int4";
    case DType::kUnknown: break;
  }
  return "unknown";
}

size_t dtypeBytes(DType dtype) {
  switch (dtype) {
    case DType::kFloat32:
    case DType::kInt32: return 4;
    case DType::kFloat16:
    case DType::kBFloat16: return 2;
    case DType::kInt64: return 8;
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kBool:
    case DType::kFp8: return 1;
    case DType::kInt4:
    case DType::kUnknown: break;
  }
  return 0;
}

}  // namespace studio::trt
