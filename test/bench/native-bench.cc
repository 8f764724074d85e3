// GPU bench of the native library (built by native/CMakeLists.txt as `native_bench`, run on a GPU
// machine; prints figures and ratios, asserts nothing):
//   * measured ceilings vs the datasheet (H100/H200) and vs cuBLAS in the same run:
//     bandwidth target >= 90% of a device-to-device cudaMemcpy, Tensor Core FP16 >= 70% of cuBLAS;
//   * CUPTI tracer overhead on a launch-bound workload (many tiny kernels), target <= 5%.
// Usage: native_bench [tiny-kernel-count]          ceilings, then the tracer overhead with its defaults
//        native_bench tracer-variants [count] [i,j,...]   tracer overhead for each CUPTI knob (or the listed
//                                                         variants), one process per knob
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iterator>
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

// ---------------------------------------------------------------- tracer overhead
// Launch-bound workload: `count` back-to-back async launches on one stream, timed by the host clock around
// the batch plus one final synchronization. Untraced and traced batches are interleaved in every round.
// "warm": a trace already running, whose first launches (CUPTI's buffer set-up) were a warm-up batch;
// "cold": the batch right after startTracing(), first-launch costs included (the earlier runs' figure).
using Workload = std::function<studio::LaunchTimes(int count)>;

struct TracedBatch {
  const char* kernel;  // the name every record of the batch must carry
  int launches;
};

// Every kernel record is one of the batch's `expected` launches of `kernel`, with a sane time span (the tiny
// kernel also with grid 1 x 32); the other records are the one buffer memset each batch makes.
bool recordsMatch(const studio::TraceColumns& t, const TracedBatch& batch, int expected, int batches) {
  int matching = 0, memsets = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t.kind[i] == uint8_t(studio::ActivityKind::kMemset)) ++memsets;
    if (t.kind[i] != uint8_t(studio::ActivityKind::kKernel) || t.names[t.name[i]] != batch.kernel) continue;
    if (t.endNs[i] < t.startNs[i] || t.startNs[i] < 0) continue;
    if (std::string(batch.kernel) == "studio_tiny_kernel" && (t.gridX[i] != 1 || t.blockX[i] != 32)) continue;
    ++matching;
  }
  const bool memsetsOk = memsets == batches || memsets == 0;  // 0 in the kernels-only diagnostic
  return matching == expected && t.size() == size_t(expected + memsets) && memsetsOk && t.droppedRecords == 0;
}

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

struct Overhead {
  double plainMs = 0, warmMs = 0, coldMs = 0, plainEnqueueMs = 0, warmEnqueueMs = 0, startMs = 0, stopMs = 0;
  bool recordsOk = true;
  double warmPercent() const { return 100.0 * (warmMs - plainMs) / plainMs; }
  double coldPercent() const { return 100.0 * (coldMs - plainMs) / plainMs; }
};

Overhead measureOverhead(const Workload& run, const TracedBatch& batch, int rounds) {
  const int warmup = std::max(1, batch.launches / 10);
  run(batch.launches);  // untraced warm-up: module load, first launches
  std::vector<double> plain, warm, cold, plainEnqueue, warmEnqueue, starts, stops;
  Overhead o;
  for (int r = 0; r < rounds; ++r) {
    studio::LaunchTimes p = run(batch.launches);
    plain.push_back(p.totalMs);
    plainEnqueue.push_back(p.enqueueMs);

    auto clock = std::chrono::steady_clock::now();
    studio::startTracing();
    starts.push_back(msSince(clock));
    run(warmup);
    const studio::LaunchTimes w = run(batch.launches);
    clock = std::chrono::steady_clock::now();
    const studio::TraceColumns trace = studio::stopTracing();
    stops.push_back(msSince(clock));
    o.recordsOk = recordsMatch(trace, batch, warmup + batch.launches, 2) && o.recordsOk;
    warm.push_back(w.totalMs);
    warmEnqueue.push_back(w.enqueueMs);

    studio::startTracing();
    cold.push_back(run(batch.launches).totalMs);
    o.recordsOk = recordsMatch(studio::stopTracing(), batch, batch.launches, 1) && o.recordsOk;

    p = run(batch.launches);
    plain.push_back(p.totalMs);
    plainEnqueue.push_back(p.enqueueMs);
  }
  o.plainMs = median(plain);
  o.warmMs = median(warm);
  o.coldMs = median(cold);
  o.plainEnqueueMs = median(plainEnqueue);
  o.warmEnqueueMs = median(warmEnqueue);
  o.startMs = median(starts);
  o.stopMs = median(stops);
  return o;
}

void printOverheadHeader() {
  std::printf("%-26s %-6s %8s %8s %8s %8s %8s %9s %9s %7s %7s %7s\n", "variant", "load", "plain", "warm", "cold", "warm%",
              "cold%", "enq.plain", "enq.warm", "start", "stop", "records");
  std::printf("%-26s %-6s %8s %8s %8s %8s %8s %9s %9s %7s %7s %7s\n", "", "", "us/l", "us/l", "us/l", "", "", "us/l", "us/l",
              "ms", "ms", "");
}

void printOverheadRow(const char* variant, const char* load, const Overhead& o, int launches) {
  const double perLaunch = 1e3 / launches;
  std::printf("%-26s %-6s %8.3f %8.3f %8.3f %7.2f%% %7.2f%% %9.3f %9.3f %7.1f %7.1f %7s\n", variant, load, o.plainMs * perLaunch,
              o.warmMs * perLaunch, o.coldMs * perLaunch, o.warmPercent(), o.coldPercent(), o.plainEnqueueMs * perLaunch,
              o.warmEnqueueMs * perLaunch, o.startMs, o.stopMs, o.recordsOk ? "ok" : "WRONG");
  std::fflush(stdout);
}

void tracerOverheads(const char* variant, int launches, int rounds) {
  const Overhead tiny = measureOverhead([](int n) { return studio::runTinyKernels(0, n); },
                                        {"studio_tiny_kernel", launches}, rounds);
  printOverheadRow(variant, "tiny", tiny, launches);
  const int small = launches / 4;
  const Overhead elementwise = measureOverhead([](int n) { return studio::runSmallKernels(0, n, 1 << 20); },
                                               {"studio_scale_kernel", small}, rounds);
  printOverheadRow(variant, "1M", elementwise, small);
}

// Each variant runs in a fresh process: several knobs apply only before CUDA starts.
struct Variant {
  const char* name;
  void (*adjust)(studio::TracerSettings&);
};

const Variant kVariants[] = {
    {"defaults", [](studio::TracerSettings&) {}},
    {"cupti-zeroes-buffers", [](studio::TracerSettings& k) { k.preZeroedBuffers = false; }},
    {"host-buffers-1MiB", [](studio::TracerSettings& k) { k.hostBufferBytes = 1 << 20; }},
    {"host-buffers-32MiB", [](studio::TracerSettings& k) { k.hostBufferBytes = 32 << 20; }},
    {"per-thread-buffers-off", [](studio::TracerSettings& k) { k.perThreadBuffers = false; }},
    {"device-buffers-32MB-x8", [](studio::TracerSettings& k) { k.deviceBufferBytes = 32 << 20; k.deviceBuffersPreallocated = 8; }},
    {"device-buffers-pinned-host", [](studio::TracerSettings& k) { k.deviceBuffersInPinnedHost = true; }},
    {"flush-period-10ms", [](studio::TracerSettings& k) { k.flushPeriodMs = 10; }},
    {"flush-period-500ms", [](studio::TracerSettings& k) { k.flushPeriodMs = 500; }},
    {"kernels-only (diagnostic)", [](studio::TracerSettings& k) { k.kernelsOnly = true; }},
    {"launch-attributes-on", [](studio::TracerSettings& k) { k.launchAttributes = true; }},
    {"defaults (again)", [](studio::TracerSettings&) {}},
    // Last: on the H200 this process printed nothing in 390 s (far slower launches, or a hang).
    {"latency-timestamps-on", [](studio::TracerSettings& k) { k.latencyTimestamps = true; }},
};
constexpr int kVariantRounds = 7;

// Child process: configure CUPTI before any CUDA call, check the known workload's records, time both loads.
int runVariant(int index, int launches) {
  const Variant& v = kVariants[index];
  studio::TracerSettings settings;
  v.adjust(settings);
  studio::KnownWorkload known;
  try {
    studio::configureTracer(settings);
  } catch (const studio::NativeError& error) {  // a knob CUPTI takes only once CUDA runs: start CUDA, retry
    std::printf("%-26s (before CUDA started: %s; set again after)\n", v.name, error.what());
    studio::runKnownWorkload(known);
    studio::configureTracer(settings);
  }
  studio::runKnownWorkload(known);
  studio::startTracing();
  studio::runKnownWorkload(known);
  const size_t records = studio::stopTracing().size();
  const size_t expected = size_t(known.tinyKernels + known.scaleKernels) +
                          (settings.kernelsOnly ? 0 : size_t(2 * known.copies + known.memsets));
  if (records != expected) std::printf("%-26s known workload: %zu records, expected %zu\n", v.name, records, expected);
  tracerOverheads(v.name, launches, kVariantRounds);
  return records == expected ? 0 : 2;
}

// `only`: comma-separated variant numbers (repeats allowed), or empty for all.
std::vector<size_t> chosenVariants(const std::string& only) {
  std::vector<size_t> chosen;
  if (only.empty()) {
    for (size_t i = 0; i < std::size(kVariants); ++i) chosen.push_back(i);
    return chosen;
  }
  size_t from = 0;
  while (from <= only.size()) {
    const size_t comma = std::min(only.find(',', from), only.size());
    const size_t index = size_t(std::atoi(only.substr(from, comma - from).c_str()));
    if (index < std::size(kVariants)) chosen.push_back(index);
    from = comma + 1;
  }
  return chosen;
}

int runAllVariants(const char* self, int launches, const std::string& only) {
  std::printf("tracer overhead by CUPTI knob: %d tiny launches (grid 1 x 32) and %d elementwise launches over 1M floats,\n"
              "medians of %d rounds, each variant in its own process; us/l = microseconds per launch\n\n",
              launches, launches / 4, kVariantRounds);
  printOverheadHeader();
  int failures = 0;
  for (size_t i : chosenVariants(only)) {
    std::fflush(stdout);
    const std::string command = std::string(self) + " tracer-variant " + std::to_string(i) + " " + std::to_string(launches);
    const int status = std::system(command.c_str());
    if (status != 0) {
      std::printf("%-26s failed (status %d)\n", kVariants[i].name, status);
      ++failures;
    }
  }
  return failures ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  try {
    if (mode == "tracer-variants") return runAllVariants(argv[0], argc > 2 ? std::atoi(argv[2]) : 20000, argc > 3 ? argv[3] : "");
    if (mode == "tracer-variant" && argc > 3) {
      const int index = std::atoi(argv[2]);
      if (index < 0 || size_t(index) >= std::size(kVariants)) return 1;
      return runVariant(index, std::atoi(argv[3]));
    }
  } catch (const studio::NativeError& error) {
    std::printf("native_bench: %s: %s\n", error.kindName(), error.what());
    return 1;
  }
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
    std::printf("\ntracer overhead (defaults; %d tiny launches, %d over 1M floats; medians of 9 rounds; us/l = us per launch):\n",
                launches, launches / 4);
    printOverheadHeader();
    tracerOverheads("defaults", launches, 9);
    std::printf("target: tracer overhead <= 5%%\n");
  } catch (const studio::NativeError& error) {
    std::fprintf(stderr, "native_bench: %s: %s\n", error.kindName(), error.what());
    return 1;
  }
  return 0;
}
