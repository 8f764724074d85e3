// Times GPU work with CUDA events: one warm-up launch, then `repetitions` launches each between its own
// pair of events; returns the median and the best time in milliseconds.
#pragma once

#include <cuda_runtime_api.h>

#include <algorithm>
#include <vector>

#include "core/cuda_check.h"

namespace studio {

struct EventTimes {
  double medianMs = 0;
  double bestMs = 0;
  std::vector<double> samplesMs;
};

class EventPair {
 public:
  EventPair() {
    STUDIO_CUDA(cudaEventCreate(&start_));
    STUDIO_CUDA(cudaEventCreate(&stop_));
  }
  ~EventPair() {
    cudaEventDestroy(start_);
    cudaEventDestroy(stop_);
  }
  EventPair(const EventPair&) = delete;
  EventPair& operator=(const EventPair&) = delete;
  cudaEvent_t start() const { return start_; }
  cudaEvent_t stop() const { return stop_; }
  double elapsedMs() const {
    float ms = 0;
    STUDIO_CUDA(cudaEventElapsedTime(&ms, start_, stop_));
    return ms;
  }

 private:
  cudaEvent_t start_ = nullptr;
  cudaEvent_t stop_ = nullptr;
};

template <typename Launch>
EventTimes timeWithEvents(Launch&& launch, int repetitions, cudaStream_t stream = nullptr) {
  launch();  // warm-up: module load, clocks up
  STUDIO_CUDA(cudaStreamSynchronize(stream));
  EventTimes times;
  EventPair events;
  for (int i = 0; i < repetitions; ++i) {
    STUDIO_CUDA(cudaEventRecord(events.start(), stream));
    launch();
    STUDIO_CUDA(cudaEventRecord(events.stop(), stream));
    STUDIO_CUDA(cudaEventSynchronize(events.stop()));
    times.samplesMs.push_back(events.elapsedMs());
  }
  std::vector<double> sorted = times.samplesMs;
  std::sort(sorted.begin(), sorted.end());
  if (!sorted.empty()) {
    times.medianMs = sorted[sorted.size() / 2];
    times.bestMs = sorted.front();
  }
  return times;
}

/** Device memory freed on scope exit. */
class DeviceBuffer {
 public:
  explicit DeviceBuffer(size_t bytes) { STUDIO_CUDA(cudaMalloc(&data_, bytes)); }
  ~DeviceBuffer() { cudaFree(data_); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  template <typename T = void>
  T* get() const { return static_cast<T*>(data_); }

 private:
  void* data_ = nullptr;
};

}  // namespace studio
