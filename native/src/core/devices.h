// The CUDA devices of this machine and their properties (what cudaGetDeviceProperties and the device
// attributes say; nothing measured here, see ceilings.h for that).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace studio {

struct DeviceInfo {
  int ordinal = 0;
  std::string name;
  int computeCapabilityMajor = 0;
  int computeCapabilityMinor = 0;
  int smCount = 0;
  /** Peak SM clock and memory clock, kHz. */
  int smClockKHz = 0;
  int memoryClockKHz = 0;
  int memoryBusWidthBits = 0;
  uint64_t memoryBytes = 0;
  int l2CacheBytes = 0;
  int sharedMemoryPerSmBytes = 0;
  int maxThreadsPerSm = 0;
  std::string pciBusId;
  /** DRAM bandwidth from the memory clock and bus width (DDR: 2 transfers a clock), GB/s. */
  double theoreticalDramGBps = 0;
};

struct DeviceList {
  std::vector<DeviceInfo> devices;
  /** Why the list is empty (no driver, no device, CUDA not compiled); empty otherwise. */
  std::string reason;
  /** Versions as "13.0"; empty when unknown (no driver). */
  std::string driverVersion;
  std::string runtimeVersion;
};

/** Never throws: a machine without a GPU or a driver gives an empty list and a reason. */
DeviceList listDevices();

/** Throws NativeError(kNoDevice) when `ordinal` is not a device of this machine. */
DeviceInfo deviceInfo(int ordinal);

}  // namespace studio
