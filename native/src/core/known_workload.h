// A workload whose GPU activity is known in advance, for checking the tracer (counts, names, launch
// configuration, bytes) and for timing its overhead on many small launches.
#pragma once

#include <cstddef>
#include <cstdint>

namespace studio {

struct KnownWorkload {
  int device = 0;
  /** Launches of `studio_tiny_kernel` (grid 1, block 32): launch-bound work. */
  int tinyKernels = 100;
  /** Launches of `studio_scale_kernel` with grid (13, 2, 1), block (64, 2, 1) and 1 KiB dynamic shared memory. */
  int scaleKernels = 7;
  /** Host-to-device, then device-to-host copies of `copyBytes` each. */
  int copies = 3;
  size_t copyBytes = 1 << 20;
  /** cudaMemset calls of `copyBytes` each. */
  int memsets = 2;
};

/** Runs the workload on its device, synchronously. Throws NativeError. */
void runKnownWorkload(const KnownWorkload& workload);

/** Host wall time of a batch of launches: until the last launch returned, and until the GPU finished. */
struct LaunchTimes {
  double enqueueMs = 0;
  double totalMs = 0;
};

/** Launches `count` tiny kernels back to back on one stream, then synchronizes once. */
LaunchTimes runTinyKernels(int device, int count);

/** Launches `count` elementwise kernels over `elements` floats each (small layers), then synchronizes once. */
LaunchTimes runSmallKernels(int device, int count, int elements);

}  // namespace studio
