// Micro-kernels that measure a device's ceilings: a vectorized copy (DRAM bandwidth), FP32 FMA and
// FP16 HFMA2 chains (CUDA-core rates), and Tensor Core loops through mma.sync (sm_80+) and wgmma
// (sm_90a). Each launcher enqueues one launch on `stream` and returns the operations it performs
// (FLOPs, multiply-add = 2; bytes for the copy). Tensor kernels set *ran = 1 only when the instruction
// exists in the code the device runs, so "not supported here" is told apart from a slow result.
#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

namespace studio::kernels {

enum class TensorOp { kFp16, kBf16, kInt8 };

/** Copies `bytes` (a multiple of 16) from src to dst; returns bytes read + written. */
double launchCopy(const void* src, void* dst, size_t bytes, int smCount, cudaStream_t stream);
double launchFp32Fma(int smCount, int iterations, float* sink, cudaStream_t stream);
double launchFp16Hfma2(int smCount, int iterations, float* sink, cudaStream_t stream);
double launchMmaSync(TensorOp op, int smCount, int iterations, int* ran, float* sink, cudaStream_t stream);
double launchWgmma(TensorOp op, int smCount, int iterations, int* ran, float* sink, cudaStream_t stream);

/** Fills device memory with reproducible pseudo-random values of the type (never zeros, no NaN). */
void fillRandomHalf(void* data, size_t count, uint32_t seed, cudaStream_t stream);
void fillRandomBf16(void* data, size_t count, uint32_t seed, cudaStream_t stream);
void fillRandomInt8(void* data, size_t count, uint32_t seed, cudaStream_t stream);
void fillRandomFloat(float* data, size_t count, uint32_t seed, cudaStream_t stream);

}  // namespace studio::kernels
