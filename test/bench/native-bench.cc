// GPU bench of the native library (built by native/CMakeLists.txt as `native_bench`, run on a GPU
// machine; prints figures and ratios, asserts nothing):
//   * measured ceilings vs the datasheet (H100/H200) and vs cuBLAS in the same run:
//     bandwidth target >= 90% of a device-to-device cudaMemcpy, Tensor Core FP16 >= 70% of cuBLAS;
//   * CUPTI tracer overhead on a launch-bound workload (many tiny kernels), target <= 5%.
// Usage: native_bench [tiny-kernel-count]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/ceilings.h"
#include "core/native_error.h"
#include "core/cupti_tracer.h"
#include "core/known_workload.h"
#include "../../native/tests/sane_ranges.h"

namespace {

double valueOf(const studio::Ceilings& c, const char* id) {
  const studio::Measurement* m = c.find(id);
  return m && m->available ? m->value : 0;
}

void ratio(const char* what, double value, double reference, const char* target) {
  if (value <= 0 || reference <= 0) {
    std::printf("%-44s n/a\n", what);
    return;
  }
  std::printf("%-44s %6.1f%%   %s\n", what, 100.0 * value / reference, target);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <typename Workload>
void tracerOverhead(const char* what, int launches, Workload run) {
  const int rounds = 9;
  run();  // warm-up
  std::vector<double> plain, traced;
  size_t recorded = 0;
  for (int r = 0; r < rounds; ++r) {
    plain.push_back(run());
    studio::startTracing();
    traced.push_back(run());
    recorded = studio::stopTracing().size();
  }
  const double p = median(plain), t = median(traced);
  std::printf("\ntracer overhead, %d back-to-back %s, median of %d rounds:\n", launches, what, rounds);
  std::printf("  untraced %.2f ms (%.2f us/launch), traced %.2f ms (%.2f us/launch), %zu records\n", p, 1e3 * p / launches, t,
              1e3 * t / launches, recorded);
  std::printf("  overhead %.1f%%   target <= 5%%\n", 100.0 * (t - p) / p);
}

}  // namespace

int main(int argc, char** argv) {
  const int launches = argc > 1 ? std::atoi(argv[1]) : 20000;
  try {
    studio::CeilingsOptions options;
    options.repetitions = 20;
    const studio::Ceilings c = studio::measureCeilings(options);
    const studio::DeviceInfo& d = c.device;
    std::printf("device: %s, cc %d.%d, %d SMs at %.0f MHz, %.1f GiB, %d-bit bus at %.0f MHz (%.0f GB/s theoretical), L2 %d MiB\n\n",
                d.name.c_str(), d.computeCapabilityMajor, d.computeCapabilityMinor, d.smCount, d.smClockKHz / 1e3,
                double(d.memoryBytes) / (1 << 30), d.memoryBusWidthBits, d.memoryClockKHz / 1e3, d.theoreticalDramGBps,
                d.l2CacheBytes >> 20);
    const sane::Datasheet sheet = sane::datasheetFor(d);
    std::printf("%-20s %10s %-8s %10s %8s  %s\n", "measurement", "median", "unit", "best", "sheet%", "how");
    for (const studio::Measurement& m : c.measurements) {
      double peak = 0;
      if (m.unit == "GB/s") peak = sheet.dramGBps;
      else if (m.id == "fp32-fma") peak = sheet.fp32Tflops;
      else if (m.id == "fp16-hfma2") peak = sheet.fp16Tflops;
      else if (m.unit == "TOP/s") peak = sheet.tensorInt8Tops;
      else peak = sheet.tensorFp16Tflops;
      if (!m.available) {
        std::printf("%-20s %10s %-8s %10s %8s  %s\n", m.id.c_str(), "-", m.unit.c_str(), "-", "-", m.note.c_str());
        continue;
      }
      std::printf("%-20s %10.1f %-8s %10.1f %7.1f%%  %s\n", m.id.c_str(), m.value, m.unit.c_str(), m.best,
                  peak > 0 ? 100.0 * m.value / peak : 0.0, m.note.c_str());
    }
    if (sheet.known) std::printf("(sheet%%: of the %s, dense)\n", sheet.source);
    std::printf("\nratios in the same run:\n");
    ratio("copy kernel / cudaMemcpy DtoD", valueOf(c, "dram-copy-kernel"), valueOf(c, "dram-memcpy-d2d"), "target >= 90%");
    const double tcFp16 = std::max(valueOf(c, "tc-fp16-mma-sync"), valueOf(c, "tc-fp16-wgmma"));
    const double tcBf16 = std::max(valueOf(c, "tc-bf16-mma-sync"), valueOf(c, "tc-bf16-wgmma"));
    const double tcInt8 = std::max(valueOf(c, "tc-int8-mma-sync"), valueOf(c, "tc-int8-wgmma"));
    ratio("Tensor Core FP16 kernel / cuBLAS FP16", tcFp16, valueOf(c, "cublas-fp16"), "target >= 70%");
    ratio("  mma.sync FP16 / cuBLAS FP16", valueOf(c, "tc-fp16-mma-sync"), valueOf(c, "cublas-fp16"), "");
    ratio("  wgmma FP16 / cuBLAS FP16", valueOf(c, "tc-fp16-wgmma"), valueOf(c, "cublas-fp16"), "");
    ratio("Tensor Core BF16 kernel / cuBLAS BF16", tcBf16, valueOf(c, "cublas-bf16"), "");
    ratio("Tensor Core INT8 kernel / cuBLAS INT8", tcInt8, valueOf(c, "cublas-int8"), "");
    std::printf("\nroofline ceilings (best achieved): DRAM %.0f GB/s, FP32 %.1f TFLOP/s, FP16 %.0f TFLOP/s, BF16 %.0f TFLOP/s, INT8 %.0f TOP/s\n",
                c.dramGBps, c.fp32Tflops, c.fp16Tflops, c.bf16Tflops, c.int8Tops);
    tracerOverhead("tiny kernels (grid 1 x 32 threads: launch-bound)", launches, [&] { return studio::runTinyKernels(0, launches); });
    tracerOverhead("elementwise kernels over 1M floats (small layers)", launches / 4,
                   [&] { return studio::runSmallKernels(0, launches / 4, 1 << 20); });
  } catch (const studio::NativeError& error) {
    std::fprintf(stderr, "native_bench: %s: %s\n", error.kindName(), error.what());
    return 1;
  }
  return 0;
}
