// Sane ranges for measured ceilings: generic ones from the device's own properties, and the H100/H200
// SXM datasheet figures (dense, no sparsity) where the device is one of those.
#pragma once

#include <string>

#include "core/devices.h"

namespace sane {

/** FP32 lanes per SM: 64 on compute capability 8.0 (A100), 128 on 8.6+ and 9.0. */
inline int fp32LanesPerSm(const studio::DeviceInfo& d) {
  return d.computeCapabilityMajor == 8 && d.computeCapabilityMinor == 0 ? 64 : 128;
}

/** FP32 FMA peak at the reported maximum SM clock, TFLOP/s. */
inline double fp32PeakTflops(const studio::DeviceInfo& d) {
  return 2.0 * fp32LanesPerSm(d) * d.smCount * (d.smClockKHz * 1e3) / 1e12;
}

struct Datasheet {
  bool known = false;
  const char* source = "";
  double dramGBps = 0, fp32Tflops = 0, fp16Tflops = 0, tensorFp16Tflops = 0, tensorInt8Tops = 0;
};

/** NVIDIA H100/H200 SXM datasheets: HBM3 3350 / HBM3e 4800 GB/s, FP32 67, FP16 Tensor 989.4, INT8 1978.9. */
inline Datasheet datasheetFor(const studio::DeviceInfo& d) {
  Datasheet s;
  const bool h200 = d.name.find("H200") != std::string::npos;
  const bool h100 = d.name.find("H100") != std::string::npos && d.smCount == 132;
  if (!h200 && !h100) return s;
  s.known = true;
  s.source = h200 ? "NVIDIA H200 SXM datasheet" : "NVIDIA H100 SXM datasheet";
  s.dramGBps = h200 ? 4800 : 3350;
  s.fp32Tflops = 66.9;
  s.fp16Tflops = 133.8;  // CUDA-core FP16 (HFMA2), 2x FP32 (H100 whitepaper)
  s.tensorFp16Tflops = 989.4;
  s.tensorInt8Tops = 1978.9;
  return s;
}

}  // namespace sane
