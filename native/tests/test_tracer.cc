// On a GPU: the CUPTI tracer records exactly the activities of a known workload, with their names,
// launch configurations, bytes and copy directions; misuse (double start, stop without start) is an error.
#include <map>

#include "check.h"
#include "core/cupti_tracer.h"
#include "core/devices.h"
#include "core/known_workload.h"

using studio::ActivityKind;
using studio::ErrorKind;

int main() {
  EXPECT_THROWS(studio::stopTracing(), ErrorKind::kArgument);
  const studio::DeviceList list = studio::listDevices();
  if (list.devices.empty()) {
    EXPECT_THROWS(studio::startTracing(), ErrorKind::kNoDevice);
    check::skip(list.reason);
  }
  studio::KnownWorkload w;
  w.tinyKernels = 100;
  w.scaleKernels = 7;
  w.copies = 3;
  w.copyBytes = 1 << 20;
  w.memsets = 2;
  studio::runKnownWorkload(w);  // warm-up outside the trace: module load, context creation

  studio::startTracing();
  CHECK(studio::isTracing());
  EXPECT_THROWS(studio::startTracing(), ErrorKind::kBusy);
  EXPECT_THROWS(studio::configureTracer(studio::TracerSettings()), ErrorKind::kBusy);
  studio::runKnownWorkload(w);
  const studio::TraceColumns t = studio::stopTracing();
  CHECK(!studio::isTracing());
  // CUPTI's knobs are fixed for the process once tracing has started.
  EXPECT_THROWS(studio::configureTracer(studio::TracerSettings()), ErrorKind::kBusy);

  std::map<std::string, int> kernels;
  int htod = 0, dtoh = 0, memsets = 0, scaleConfigOk = 0, tinyConfigOk = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    CHECK(t.endNs[i] >= t.startNs[i]);
    CHECK(t.startNs[i] >= 0);
    const std::string& name = t.names[t.name[i]];
    switch (static_cast<ActivityKind>(t.kind[i])) {
      case ActivityKind::kKernel:
        ++kernels[name];
        if (name == "studio_scale_kernel" && t.gridX[i] == 13 && t.gridY[i] == 2 && t.gridZ[i] == 1 && t.blockX[i] == 64 &&
            t.blockY[i] == 2 && t.blockZ[i] == 1 && t.sharedMemoryBytes[i] == 1024 && t.registersPerThread[i] > 0)
          ++scaleConfigOk;
        if (name == "studio_tiny_kernel" && t.gridX[i] == 1 && t.blockX[i] == 32) ++tinyConfigOk;
        break;
      case ActivityKind::kMemcpy:
        CHECK(t.bytes[i] == double(w.copyBytes));
        if (t.copyKind[i] == 1) ++htod;
        if (t.copyKind[i] == 2) ++dtoh;
        break;
      case ActivityKind::kMemset:
        CHECK(t.bytes[i] == double(w.copyBytes));
        ++memsets;
        break;
    }
  }
  for (const auto& [name, count] : kernels) std::printf("kernel %-24s x %d\n", name.c_str(), count);
  std::printf("memcpy HtoD x %d, DtoH x %d, memset x %d, total %zu records, dropped %llu\n", htod, dtoh, memsets, t.size(),
              static_cast<unsigned long long>(t.droppedRecords));
  CHECK(kernels["studio_tiny_kernel"] == w.tinyKernels);
  CHECK(kernels["studio_scale_kernel"] == w.scaleKernels);
  CHECK(tinyConfigOk == w.tinyKernels);
  CHECK(scaleConfigOk == w.scaleKernels);
  CHECK(htod == w.copies);
  CHECK(dtoh == w.copies);
  CHECK(memsets == w.memsets);
  CHECK(t.size() == size_t(w.tinyKernels + w.scaleKernels + 2 * w.copies + w.memsets));
  CHECK(t.droppedRecords == 0);
  CHECK(t.originUnixNs > 1.6e18);

  // A second session starts clean.
  studio::startTracing();
  const studio::TraceColumns empty = studio::stopTracing();
  CHECK(empty.size() == 0);
  return check::finish();
}
