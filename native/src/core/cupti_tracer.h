// Process-wide CUDA activity tracer through CUPTI's Activity API: start() before any workload in this
// process, stop() after it; every kernel, memcpy and memset that ran in between comes back as flat
// columns (one entry per activity) that the TypeScript side turns into the canonical Trace.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace studio {

enum class ActivityKind : uint8_t { kKernel = 0, kMemcpy = 1, kMemset = 2 };

struct TraceColumns {
  std::vector<uint8_t> kind;
  /** Nanoseconds since start() (CUPTI's clock). */
  std::vector<double> startNs;
  std::vector<double> endNs;
  /** Index into `names` (kernel name, demangled; "Memcpy HtoD" etc. for copies). */
  std::vector<uint32_t> name;
  std::vector<uint32_t> deviceId;
  std::vector<uint32_t> streamId;
  std::vector<uint32_t> correlationId;
  std::vector<uint32_t> gridX, gridY, gridZ, blockX, blockY, blockZ;
  std::vector<uint16_t> registersPerThread;
  /** Static + dynamic shared memory per block. */
  std::vector<uint32_t> sharedMemoryBytes;
  /** Bytes copied or set; 0 for kernels. */
  std::vector<double> bytes;
  /** CUPTI memcpy kind, which uses the same numbers as Nsight Systems' copyKind (1 = HtoD, 2 = DtoH, 8 = DtoD). */
  std::vector<uint8_t> copyKind;
  std::vector<std::string> names;
  /** Wall clock (ns since the Unix epoch) of time 0. */
  double originUnixNs = 0;
  /** Records CUPTI dropped for lack of buffer space. */
  uint64_t droppedRecords = 0;

  size_t size() const { return kind.size(); }
};

/**
 * CUPTI's knobs for the tracer. The defaults are what startTracing() uses when configureTracer() was never
 * called; the other values exist so the bench can measure each knob (native/GPU-RESULTS.md has the figures).
 */
struct TracerSettings {
  /** Size of each host activity buffer handed to CUPTI (fewer, larger buffers: fewer request/complete callbacks). */
  size_t hostBufferBytes = 8 << 20;
  /**
   * Hand CUPTI buffers zeroed in advance (CUPTI_ACTIVITY_ATTR_ZEROED_OUT_ACTIVITY_BUFFER = 1; re-zeroed on
   * CUPTI's completion thread) instead of letting CUPTI zero them on the launching thread.
   */
  bool preZeroedBuffers = true;
  /** CUPTI_ACTIVITY_ATTR_PER_THREAD_ACTIVITY_BUFFER (CUPTI's default: on). */
  bool perThreadBuffers = true;
  /** CUPTI_ACTIVITY_ATTR_DEVICE_BUFFER_SIZE in bytes; 0 keeps CUPTI's default (3.2 MB). New contexts only. */
  size_t deviceBufferBytes = 0;
  /** CUPTI_ACTIVITY_ATTR_DEVICE_BUFFER_PRE_ALLOCATE_VALUE; 0 keeps CUPTI's default (3). New contexts only. */
  size_t deviceBuffersPreallocated = 0;
  /** CUPTI_ACTIVITY_ATTR_MEM_ALLOCATION_TYPE_HOST_PINNED: timestamp buffers in pinned host memory, not on the device. */
  bool deviceBuffersInPinnedHost = false;
  /** cuptiActivityFlushPeriod in ms; 0 keeps CUPTI's own heuristics. */
  uint32_t flushPeriodMs = 0;
  /** cuptiActivityEnableLatencyTimestamps (queued/submitted times; CUPTI's default: off). Before CUDA starts only. */
  bool latencyTimestamps = false;
  /** cuptiActivityEnableLaunchAttributes (CUPTI's default: off). */
  bool launchAttributes = false;
  /** Diagnostic only: record kernels alone (memcpy and memset off), to see what those kinds cost. */
  bool kernelsOnly = false;
};

/**
 * Sets CUPTI's knobs for this process. Call before the first startTracing() (and, for the device-buffer and
 * latency knobs, before CUDA starts). Throws kBusy once tracing has started in this process, kCupti when
 * CUPTI refuses a knob.
 */
void configureTracer(const TracerSettings& settings);

/** Throws NativeError: kBusy when already tracing, kNoDevice without a GPU, kCupti on a CUPTI error. */
void startTracing();
/** Flushes and returns everything recorded since startTracing(). Throws kArgument when not tracing. */
TraceColumns stopTracing();
bool isTracing();

}  // namespace studio
