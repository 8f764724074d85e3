#include <chrono>
#include <vector>

#include "core/cuda_check.h"
#include "core/event_timing.h"
#include "core/known_workload.h"

// Outside any namespace so the traced kernel names are exactly `studio_tiny_kernel` and `studio_scale_kernel`.
extern "C" __global__ void studio_tiny_kernel(float* data) { data[threadIdx.x] += 1.0f; }

extern "C" __global__ void studio_scale_kernel(float* data, int count) {
  extern __shared__ float staging[];
  const int block = blockIdx.y * gridDim.x + blockIdx.x;
  const int thread = threadIdx.y * blockDim.x + threadIdx.x;
  const int i = block * blockDim.x * blockDim.y + thread;
  staging[thread] = i < count ? data[i] : 0.0f;
  __syncthreads();
  if (i < count) data[i] = staging[thread] * 2.0f;
}

namespace studio {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// Ends a batch of launches begun at `start`: one synchronization, never one per launch.
LaunchTimes finishBatch(Clock::time_point start) {
  LaunchTimes times;
  times.enqueueMs = msSince(start);
  STUDIO_CUDA(cudaGetLastError());
  STUDIO_CUDA(cudaDeviceSynchronize());
  times.totalMs = msSince(start);
  return times;
}

}  // namespace

void runKnownWorkload(const KnownWorkload& workload) {
  if (workload.tinyKernels < 0 || workload.scaleKernels < 0 || workload.copies < 0 || workload.memsets < 0)
    throw NativeError(ErrorKind::kArgument, "workload counts must not be negative");
  STUDIO_CUDA(cudaSetDevice(workload.device));
  const size_t bytes = workload.copyBytes < 64 * 1024 ? 64 * 1024 : workload.copyBytes;
  DeviceBuffer device(bytes);
  std::vector<unsigned char> host(bytes, 1);
  STUDIO_CUDA(cudaDeviceSynchronize());
  for (int i = 0; i < workload.tinyKernels; ++i) studio_tiny_kernel<<<1, 32>>>(device.get<float>());
  STUDIO_CUDA(cudaGetLastError());
  const dim3 grid(13, 2, 1), block(64, 2, 1);
  const int count = 13 * 2 * 64 * 2;
  for (int i = 0; i < workload.scaleKernels; ++i)
    studio_scale_kernel<<<grid, block, 64 * 2 * sizeof(float) * 2>>>(device.get<float>(), count);
  STUDIO_CUDA(cudaGetLastError());
  for (int i = 0; i < workload.copies; ++i) {
    STUDIO_CUDA(cudaMemcpy(device.get(), host.data(), workload.copyBytes, cudaMemcpyHostToDevice));
    STUDIO_CUDA(cudaMemcpy(host.data(), device.get(), workload.copyBytes, cudaMemcpyDeviceToHost));
  }
  for (int i = 0; i < workload.memsets; ++i) STUDIO_CUDA(cudaMemset(device.get(), 0, workload.copyBytes));
  STUDIO_CUDA(cudaDeviceSynchronize());
}

LaunchTimes runTinyKernels(int device, int count) {
  STUDIO_CUDA(cudaSetDevice(device));
  DeviceBuffer buffer(32 * sizeof(float));
  STUDIO_CUDA(cudaMemset(buffer.get(), 0, 32 * sizeof(float)));
  STUDIO_CUDA(cudaDeviceSynchronize());
  const auto start = Clock::now();
  for (int i = 0; i < count; ++i) studio_tiny_kernel<<<1, 32>>>(buffer.get<float>());
  return finishBatch(start);
}

LaunchTimes runSmallKernels(int device, int count, int elements) {
  if (elements < 256) throw NativeError(ErrorKind::kArgument, "elements must be at least 256");
  STUDIO_CUDA(cudaSetDevice(device));
  DeviceBuffer buffer(size_t(elements) * sizeof(float));
  STUDIO_CUDA(cudaMemset(buffer.get(), 0, size_t(elements) * sizeof(float)));
  STUDIO_CUDA(cudaDeviceSynchronize());
  const dim3 block(128, 2, 1), grid((elements + 255) / 256, 1, 1);
  const auto start = Clock::now();
  for (int i = 0; i < count; ++i) studio_scale_kernel<<<grid, block, 256 * sizeof(float)>>>(buffer.get<float>(), elements);
  return finishBatch(start);
}

}  // namespace studio
