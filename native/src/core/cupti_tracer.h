// Process-wide CUDA activity tracer through CUPTI's Activity API: start() before any workload in this
// process, stop() after it; every kernel, memcpy and memset that ran in between comes back as flat
// columns (one entry per activity) that the TypeScript side turns into the canonical Trace.
#pragma once

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

/** Throws NativeError: kBusy when already tracing, kNoDevice without a GPU, kCupti on a CUPTI error. */
void startTracing();
/** Flushes and returns everything recorded since startTracing(). Throws kArgument when not tracing. */
TraceColumns stopTracing();
bool isTracing();

}  // namespace studio
