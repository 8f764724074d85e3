// Device listing never throws; without a GPU every call that needs one fails with kNoDevice (or
// kNotCompiled), never a crash; with a GPU the properties are plausible.
#include "check.h"
#include "core/build_config.h"
#include "core/ceilings.h"
#include "core/cupti_tracer.h"
#include "core/devices.h"
#include "core/known_workload.h"

using studio::ErrorKind;

int main() {
  const studio::DeviceList list = studio::listDevices();
  std::printf("devices: %zu, driver '%s', runtime '%s', reason '%s'\n", list.devices.size(), list.driverVersion.c_str(),
              list.runtimeVersion.c_str(), list.reason.c_str());
  if (list.devices.empty()) {
    CHECK(!list.reason.empty());
    const ErrorKind none = HAVE_CUDA ? ErrorKind::kNoDevice : ErrorKind::kNotCompiled;
    EXPECT_THROWS(studio::deviceInfo(0), none);
    EXPECT_THROWS(studio::measureCeilings(studio::CeilingsOptions()), none);
    EXPECT_THROWS(studio::startTracing(), HAVE_CUPTI ? ErrorKind::kNoDevice : ErrorKind::kNotCompiled);
    CHECK(!studio::isTracing());
    return check::finish();
  }
  for (const studio::DeviceInfo& d : list.devices) {
    std::printf("device %d: %s cc %d.%d, %d SMs, %.0f MHz, %.1f GiB, bus %d bits, L2 %d KiB, %.0f GB/s theoretical\n", d.ordinal,
                d.name.c_str(), d.computeCapabilityMajor, d.computeCapabilityMinor, d.smCount, d.smClockKHz / 1e3,
                double(d.memoryBytes) / (1 << 30), d.memoryBusWidthBits, d.l2CacheBytes / 1024, d.theoreticalDramGBps);
    CHECK(!d.name.empty());
    CHECK(d.computeCapabilityMajor >= 5);
    CHECK(d.smCount > 0);
    CHECK(d.memoryBytes > (uint64_t(1) << 30));
    CHECK(d.smClockKHz > 100000);
    CHECK(d.theoreticalDramGBps > 50);
  }
  EXPECT_THROWS(studio::deviceInfo(int(list.devices.size())), ErrorKind::kNoDevice);
  EXPECT_THROWS(studio::deviceInfo(-1), ErrorKind::kNoDevice);
  studio::CeilingsOptions bad;
  bad.repetitions = 0;
  EXPECT_THROWS(studio::measureCeilings(bad), ErrorKind::kArgument);
#if HAVE_CUDA
  studio::KnownWorkload negative;
  negative.tinyKernels = -1;
  EXPECT_THROWS(studio::runKnownWorkload(negative), ErrorKind::kArgument);
#endif
  return check::finish();
}
