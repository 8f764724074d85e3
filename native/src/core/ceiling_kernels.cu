#include "core/ceiling_kernels.h"

#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <type_traits>

#include "core/cuda_check.h"

namespace studio::kernels {

namespace {

constexpr int kThreads = 256;

// ------------------------------------------------------------------------------------- bandwidth

// Grid-stride copy of 16-byte vectors, four loads in flight per thread before the first store.
__global__ void copyKernel(const int4* __restrict__ src, int4* __restrict__ dst, size_t count) {
  const size_t stride = size_t(gridDim.x) * blockDim.x;
  size_t i = size_t(blockIdx.x) * blockDim.x + threadIdx.x;
  for (; i + 3 * stride < count; i += 4 * stride) {
    int4 a = src[i], b = src[i + stride], c = src[i + 2 * stride], d = src[i + 3 * stride];
    dst[i] = a;
    dst[i + stride] = b;
    dst[i + 2 * stride] = c;
    dst[i + 3 * stride] = d;
  }
  for (; i < count; i += stride) dst[i] = src[i];
}

// ------------------------------------------------------------------------------------- CUDA cores

constexpr int kChains = 8;

// Eight independent FMA chains per thread keep every FP32 lane busy; the result is stored only when it
// equals a value it cannot reach, so the compiler keeps the work and the memory traffic is nil.
__global__ void fp32FmaKernel(int iterations, float a, float b, float* sink) {
  float x[kChains];
#pragma unroll
  for (int j = 0; j < kChains; ++j) x[j] = float(threadIdx.x + j) * 1e-3f;
  for (int it = 0; it < iterations; ++it) {
#pragma unroll
    for (int u = 0; u < 16; ++u) {
#pragma unroll
      for (int j = 0; j < kChains; ++j) x[j] = fmaf(x[j], a, b);
    }
  }
  float sum = 0;
#pragma unroll
  for (int j = 0; j < kChains; ++j) sum += x[j];
  if (sum == -1.2345f) sink[0] = sum;
}

__global__ void fp16Hfma2Kernel(int iterations, __half2 a, __half2 b, float* sink) {
  __half2 x[kChains];
#pragma unroll
  for (int j = 0; j < kChains; ++j) x[j] = __floats2half2_rn(float(threadIdx.x % 7 + j) * 0.01f, 0.5f);
  for (int it = 0; it < iterations; ++it) {
#pragma unroll
    for (int u = 0; u < 16; ++u) {
#pragma unroll
      for (int j = 0; j < kChains; ++j) x[j] = __hfma2(x[j], a, b);
    }
  }
  float sum = 0;
#pragma unroll
  for (int j = 0; j < kChains; ++j) sum += __low2float(x[j]) + __high2float(x[j]);
  if (sum == -1.2345f) sink[0] = sum;
}

// ------------------------------------------------------------------------------------- mma.sync

constexpr int kMmaAccumulators = 8;

// Accumulators are f32 for the float types and s32 for int8.
template <TensorOp op>
using Accumulator = std::conditional_t<op == TensorOp::kInt8, int, float>;

template <TensorOp op>
__device__ __forceinline__ void mmaStep(Accumulator<op> (&acc)[4], const uint32_t (&a)[4], const uint32_t (&b)[2]) {
  if constexpr (op == TensorOp::kFp16) {
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
                 : "+f"(acc[0]), "+f"(acc[1]), "+f"(acc[2]), "+f"(acc[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
  } else if constexpr (op == TensorOp::kBf16) {
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
                 : "+f"(acc[0]), "+f"(acc[1]), "+f"(acc[2]), "+f"(acc[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
  } else {
    asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
                 : "+r"(acc[0]), "+r"(acc[1]), "+r"(acc[2]), "+r"(acc[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
  }
}

template <TensorOp op>
__global__ void mmaSyncKernel(int iterations, int* ran, float* sink) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
  uint32_t a[4], b[2];
#pragma unroll
  for (int j = 0; j < 4; ++j) a[j] = 0x3c003c00u ^ ((threadIdx.x * 2654435761u + j) & 0x00ff00ffu);
  b[0] = a[1] ^ 0x00010001u;
  b[1] = a[2] ^ 0x00020002u;
  Accumulator<op> acc[kMmaAccumulators][4] = {};
  for (int it = 0; it < iterations; ++it) {
#pragma unroll
    for (int k = 0; k < kMmaAccumulators; ++k) mmaStep<op>(acc[k], a, b);
  }
  float sum = 0;
#pragma unroll
  for (int k = 0; k < kMmaAccumulators; ++k) sum += float(acc[k][0] + acc[k][1] + acc[k][2] + acc[k][3]);
  if (sum == -1.2345f) sink[0] = sum;
  if (blockIdx.x == 0 && threadIdx.x == 0) *ran = 1;
#endif
}

// ------------------------------------------------------------------------------------- wgmma (sm_90a)

#if defined(__CUDA_ARCH__) && defined(__CUDA_ARCH_FEAT_SM90_ALL)
#define STUDIO_HAS_WGMMA 1
#endif

constexpr int kWgmmaPerGroup = 4;

#define STUDIO_OP8(C, b) C(d[b + 0]), C(d[b + 1]), C(d[b + 2]), C(d[b + 3]), C(d[b + 4]), C(d[b + 5]), C(d[b + 6]), C(d[b + 7])
#define STUDIO_OP64(C) STUDIO_OP8(C, 0), STUDIO_OP8(C, 8), STUDIO_OP8(C, 16), STUDIO_OP8(C, 24), STUDIO_OP8(C, 32), STUDIO_OP8(C, 40), STUDIO_OP8(C, 48), STUDIO_OP8(C, 56)
#define STUDIO_ACC64 "{%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63}"

#ifdef STUDIO_HAS_WGMMA
constexpr int kWgmmaTileBytes = 8192;

// Shared-memory matrix descriptor, no swizzle: start address, leading and stride byte offsets (all >> 4).
__device__ __forceinline__ uint64_t matrixDescriptor(uint32_t address, uint32_t leadingBytes, uint32_t strideBytes) {
  return uint64_t((address >> 4) & 0x3fff) | (uint64_t((leadingBytes >> 4) & 0x3fff) << 16) |
         (uint64_t((strideBytes >> 4) & 0x3fff) << 32);
}
#endif

template <TensorOp op>
__device__ __forceinline__ void wgmmaStep(Accumulator<op> (&d)[64], uint64_t descA, uint64_t descB) {
#ifdef STUDIO_HAS_WGMMA
  if constexpr (op == TensorOp::kFp16) {
    asm volatile("{\n .reg .pred p;\n setp.ne.b32 p, 1, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16 " STUDIO_ACC64 ", %64, %65, p, 1, 1, 0, 0;\n}"
                 : STUDIO_OP64("+f") : "l"(descA), "l"(descB));
  } else if constexpr (op == TensorOp::kBf16) {
    asm volatile("{\n .reg .pred p;\n setp.ne.b32 p, 1, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 " STUDIO_ACC64 ", %64, %65, p, 1, 1, 0, 0;\n}"
                 : STUDIO_OP64("+f") : "l"(descA), "l"(descB));
  } else {
    asm volatile("{\n .reg .pred p;\n setp.ne.b32 p, 1, 0;\n"
                 "wgmma.mma_async.sync.aligned.m64n128k32.s32.s8.s8 " STUDIO_ACC64 ", %64, %65, p;\n}"
                 : STUDIO_OP64("+r") : "l"(descA), "l"(descB));
  }
#endif
}

// Each warpgroup (128 threads) multiplies a 64x16 (k32 for int8) A tile by a 16x128 B tile held in
// shared memory, over and over into its 64 accumulator registers: the Tensor Core rate without DRAM.
template <TensorOp op>
__global__ void __launch_bounds__(kThreads) wgmmaKernel(int iterations, int* ran, float* sink) {
#ifdef STUDIO_HAS_WGMMA
  __shared__ __align__(128) uint32_t tiles[kWgmmaTileBytes / 4];
  for (int i = threadIdx.x; i < kWgmmaTileBytes / 4; i += blockDim.x)
    tiles[i] = 0x3c003c00u ^ ((i * 2654435761u) & 0x00ff00ffu);
  asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory");
  __syncthreads();
  const uint32_t base = static_cast<uint32_t>(__cvta_generic_to_shared(tiles));
  // Core matrices of 8 rows x 16 bytes: 128 bytes apart along K, 256 bytes apart along M (or N).
  const uint64_t descA = matrixDescriptor(base, 128, 256);
  const uint64_t descB = matrixDescriptor(base + 2048, 128, 256);
  Accumulator<op> d[64];
#pragma unroll
  for (int i = 0; i < 64; ++i) d[i] = 0;
  asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory");
  for (int it = 0; it < iterations; ++it) {
#pragma unroll
    for (int k = 0; k < kWgmmaPerGroup; ++k) wgmmaStep<op>(d, descA, descB);
    asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory");
    asm volatile("wgmma.wait_group.sync.aligned 1;\n" ::: "memory");
  }
  asm volatile("wgmma.wait_group.sync.aligned 0;\n" ::: "memory");
  float sum = 0;
#pragma unroll
  for (int i = 0; i < 64; ++i) sum += float(d[i]);
  if (sum == -1.2345f) sink[0] = sum;
  if (blockIdx.x == 0 && threadIdx.x == 0) *ran = 1;
#endif
}

// ------------------------------------------------------------------------------------- random fill

__device__ __forceinline__ uint32_t hash32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

// Uniform in [-1, 1), never exactly 0.
__device__ __forceinline__ float uniform(size_t i, uint32_t seed) {
  uint32_t h = hash32(static_cast<uint32_t>(i) * 0x9e3779b9u ^ seed ^ static_cast<uint32_t>(i >> 32));
  return (float(h >> 8) + 0.5f) * (2.0f / 16777216.0f) - 1.0f;
}

template <typename T>
__global__ void fillKernel(T* data, size_t count, uint32_t seed) {
  for (size_t i = size_t(blockIdx.x) * blockDim.x + threadIdx.x; i < count; i += size_t(gridDim.x) * blockDim.x) {
    float v = uniform(i, seed);
    if constexpr (std::is_same_v<T, __half>) data[i] = __float2half(v);
    else if constexpr (std::is_same_v<T, __nv_bfloat16>) data[i] = __float2bfloat16(v);
    else if constexpr (std::is_same_v<T, int8_t>) data[i] = static_cast<int8_t>(v * 127.0f) | 1;
    else data[i] = v;
  }
}

template <typename T>
void fill(void* data, size_t count, uint32_t seed, cudaStream_t stream) {
  fillKernel<T><<<1024, kThreads, 0, stream>>>(static_cast<T*>(data), count, seed);
  STUDIO_CUDA(cudaGetLastError());
}

int residentBlocks(const void* kernel, int smCount) {
  int perSm = 0;
  STUDIO_CUDA(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, kernel, kThreads, 0));
  if (perSm <= 0) throw NativeError(ErrorKind::kCuda, "kernel cannot be resident on this device");
  return perSm * smCount;
}

}  // namespace

double launchCopy(const void* src, void* dst, size_t bytes, int smCount, cudaStream_t stream) {
  if (bytes % 16 != 0) throw NativeError(ErrorKind::kArgument, "copy size must be a multiple of 16 bytes");
  int blocks = residentBlocks(reinterpret_cast<const void*>(copyKernel), smCount);
  copyKernel<<<blocks, kThreads, 0, stream>>>(static_cast<const int4*>(src), static_cast<int4*>(dst), bytes / 16);
  STUDIO_CUDA(cudaGetLastError());
  return 2.0 * double(bytes);
}

double launchFp32Fma(int smCount, int iterations, float* sink, cudaStream_t stream) {
  int blocks = residentBlocks(reinterpret_cast<const void*>(fp32FmaKernel), smCount);
  fp32FmaKernel<<<blocks, kThreads, 0, stream>>>(iterations, 0.999f, 0.001f, sink);
  STUDIO_CUDA(cudaGetLastError());
  return 2.0 * kChains * 16 * double(iterations) * blocks * kThreads;
}

double launchFp16Hfma2(int smCount, int iterations, float* sink, cudaStream_t stream) {
  int blocks = residentBlocks(reinterpret_cast<const void*>(fp16Hfma2Kernel), smCount);
  fp16Hfma2Kernel<<<blocks, kThreads, 0, stream>>>(iterations, __floats2half2_rn(0.999f, 0.999f),
                                                    __floats2half2_rn(0.001f, 0.001f), sink);
  STUDIO_CUDA(cudaGetLastError());
  return 4.0 * kChains * 16 * double(iterations) * blocks * kThreads;
}

template <TensorOp op>
static double mmaSync(int smCount, int iterations, int* ran, float* sink, cudaStream_t stream) {
  int blocks = residentBlocks(reinterpret_cast<const void*>(mmaSyncKernel<op>), smCount);
  mmaSyncKernel<op><<<blocks, kThreads, 0, stream>>>(iterations, ran, sink);
  STUDIO_CUDA(cudaGetLastError());
  const double perMma = op == TensorOp::kInt8 ? 2.0 * 16 * 8 * 32 : 2.0 * 16 * 8 * 16;
  return perMma * kMmaAccumulators * double(iterations) * blocks * (kThreads / 32);
}

double launchMmaSync(TensorOp op, int smCount, int iterations, int* ran, float* sink, cudaStream_t stream) {
  switch (op) {
    case TensorOp::kFp16: return mmaSync<TensorOp::kFp16>(smCount, iterations, ran, sink, stream);
    case TensorOp::kBf16: return mmaSync<TensorOp::kBf16>(smCount, iterations, ran, sink, stream);
    default: return mmaSync<TensorOp::kInt8>(smCount, iterations, ran, sink, stream);
  }
}

template <TensorOp op>
static double wgmma(int smCount, int iterations, int* ran, float* sink, cudaStream_t stream) {
  int blocks = residentBlocks(reinterpret_cast<const void*>(wgmmaKernel<op>), smCount);
  wgmmaKernel<op><<<blocks, kThreads, 0, stream>>>(iterations, ran, sink);
  STUDIO_CUDA(cudaGetLastError());
  const double perWgmma = op == TensorOp::kInt8 ? 2.0 * 64 * 128 * 32 : 2.0 * 64 * 128 * 16;
  return perWgmma * kWgmmaPerGroup * double(iterations) * blocks * (kThreads / 128);
}

double launchWgmma(TensorOp op, int smCount, int iterations, int* ran, float* sink, cudaStream_t stream) {
  switch (op) {
    case TensorOp::kFp16: return wgmma<TensorOp::kFp16>(smCount, iterations, ran, sink, stream);
    case TensorOp::kBf16: return wgmma<TensorOp::kBf16>(smCount, iterations, ran, sink, stream);
    default: return wgmma<TensorOp::kInt8>(smCount, iterations, ran, sink, stream);
  }
}

void fillRandomHalf(void* data, size_t count, uint32_t seed, cudaStream_t stream) { fill<__half>(data, count, seed, stream); }
void fillRandomBf16(void* data, size_t count, uint32_t seed, cudaStream_t stream) { fill<__nv_bfloat16>(data, count, seed, stream); }
void fillRandomInt8(void* data, size_t count, uint32_t seed, cudaStream_t stream) { fill<int8_t>(data, count, seed, stream); }
void fillRandomFloat(float* data, size_t count, uint32_t seed, cudaStream_t stream) { fill<float>(data, count, seed, stream); }

}  // namespace studio::kernels
