// Measured ceilings of one CUDA device: what the roofline uses instead of datasheet numbers when a GPU
// is present. Every rate is timed with CUDA events (median of repetitions after a warm-up) and reported
// with how it was measured, so a figure can be checked against the datasheet and against cuBLAS.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/devices.h"

namespace studio {

struct Measurement {
  /** Stable id: dram-copy-kernel, dram-memcpy-d2d, fp32-fma, fp16-hfma2, tc-fp16-mma-sync, tc-fp16-wgmma,
   *  tc-bf16-..., tc-int8-..., cublas-fp16, cublas-bf16, cublas-int8. */
  std::string id;
  /** "GB/s" for bandwidth, "TFLOP/s" for float rates, "TOP/s" for int8. */
  std::string unit;
  /** Median rate; 0 when not available. */
  double value = 0;
  /** Best repetition. */
  double best = 0;
  double medianMs = 0;
  int repetitions = 0;
  bool available = false;
  /** How it was measured, or why it is not available. */
  std::string note;
};

struct CeilingsOptions {
  int device = 0;
  /** Size of each of the two copy buffers (several times the L2). */
  size_t bandwidthBytes = size_t(1) << 30;
  int repetitions = 15;
  /** Run cuBLAS GEMMs (when compiled) for comparison. */
  bool includeCublas = true;
  /** Run the wgmma kernels (Hopper only). */
  bool includeWgmma = true;
};

struct Ceilings {
  DeviceInfo device;
  std::vector<Measurement> measurements;
  /** Summary: the best achieved rate per roof (what DeviceCeilings takes). */
  double dramGBps = 0;
  double fp32Tflops = 0;
  double fp16Tflops = 0;
  double bf16Tflops = 0;
  double int8Tops = 0;
  const Measurement* find(const std::string& id) const;
};

/** Called before each measurement: its id, its index and the number of measurements. */
using CeilingsProgress = std::function<void(const std::string& id, int index, int total)>;

/** Throws NativeError (kNoDevice without a GPU, kNotCompiled without CUDA, kCuda/kOutOfMemory). */
Ceilings measureCeilings(const CeilingsOptions& options, const CeilingsProgress& progress = nullptr);

}  // namespace studio
