// Defaults for the build switches CMake passes (HAVE_CUDA, the reasons a part was left out), so a file
// compiled on its own (the TensorRT header check) still sees every name.
#pragma once

#if __has_include("build_reasons.h")
#include "build_reasons.h"
#endif

#ifndef HAVE_CUDA
#define HAVE_CUDA 0
#endif
#ifndef HAVE_CUPTI
#define HAVE_CUPTI 0
#endif
#ifndef HAVE_CUBLAS
#define HAVE_CUBLAS 0
#endif
#ifndef HAVE_TENSORRT
#define HAVE_TENSORRT 0
#endif
#ifndef TRT_STUDIO_CUDA_REASON
#define TRT_STUDIO_CUDA_REASON "CUDA was not configured for this build"
#endif
#ifndef TRT_STUDIO_CUPTI_REASON
#define TRT_STUDIO_CUPTI_REASON "CUPTI was not configured for this build"
#endif
#ifndef TRT_STUDIO_CUBLAS_REASON
#define TRT_STUDIO_CUBLAS_REASON "cuBLAS was not configured for this build"
#endif
#ifndef TRT_STUDIO_TENSORRT_REASON
#define TRT_STUDIO_TENSORRT_REASON "TensorRT was not configured for this build"
#endif
