// On a GPU: every ceiling is measured, available where the device supports it, and inside a sane range
// (a fraction of the device's own peak, and of the H100/H200 datasheet where it is one of those).
#include "check.h"
#include "core/ceilings.h"
#include "sane_ranges.h"

namespace {

void within(const studio::Ceilings& c, const char* id, double low, double high) {
  const studio::Measurement* m = c.find(id);
  if (!m) return check::fail(__FILE__, __LINE__, std::string(id) + " was not measured");
  const bool ok = m->available && m->value >= low && m->value <= high;
  std::printf("%-20s %10.1f %-7s  sane range [%.0f, %.0f]  %s\n", id, m->value, m->unit.c_str(), low, high, ok ? "ok" : "OUT");
  CHECK_MSG(ok, std::string(id) + ": " + std::to_string(m->value) + " " + m->note);
}

}  // namespace

int main() {
  const studio::DeviceList list = studio::listDevices();
  if (list.devices.empty()) check::skip(list.reason);
  studio::CeilingsOptions options;
  options.repetitions = 7;
  options.bandwidthBytes = size_t(512) << 20;
  const studio::Ceilings c = studio::measureCeilings(options, [](const std::string& id, int index, int total) {
    std::printf("[%d/%d] %s\n", index, total, id.c_str());
  });
  const studio::DeviceInfo& d = c.device;
  CHECK(c.measurements.size() >= 7);
  for (const studio::Measurement& m : c.measurements)
    std::printf("  %-20s %10.1f %-7s (best %.1f, median %.3f ms x %d) %s%s\n", m.id.c_str(), m.value, m.unit.c_str(), m.best,
                m.medianMs, m.repetitions, m.available ? "" : "UNAVAILABLE: ", m.note.c_str());

  // Generic: against the device's own theoretical numbers.
  within(c, "dram-copy-kernel", 0.5 * d.theoreticalDramGBps, 1.05 * d.theoreticalDramGBps);
  within(c, "dram-memcpy-d2d", 0.4 * d.theoreticalDramGBps, 1.05 * d.theoreticalDramGBps);
  within(c, "fp32-fma", 0.5 * sane::fp32PeakTflops(d), 1.05 * sane::fp32PeakTflops(d));
  if (d.computeCapabilityMajor >= 8) {
    CHECK(c.find("tc-fp16-mma-sync") && c.find("tc-fp16-mma-sync")->available);
    CHECK(c.fp16Tflops > 4 * c.fp32Tflops);  // Tensor Cores beat CUDA cores by far on every sm_80+ part
    CHECK(c.int8Tops > c.fp16Tflops);
  }
  const sane::Datasheet sheet = sane::datasheetFor(d);
  if (sheet.known) {
    std::printf("against the %s:\n", sheet.source);
    within(c, "dram-copy-kernel", 0.70 * sheet.dramGBps, 1.0 * sheet.dramGBps);
    within(c, "fp32-fma", 0.70 * sheet.fp32Tflops, 1.05 * sheet.fp32Tflops);
    within(c, "fp16-hfma2", 0.50 * sheet.fp16Tflops, 1.05 * sheet.fp16Tflops);
    within(c, "tc-fp16-mma-sync", 0.30 * sheet.tensorFp16Tflops, 1.0 * sheet.tensorFp16Tflops);
    within(c, "tc-fp16-wgmma", 0.50 * sheet.tensorFp16Tflops, 1.0 * sheet.tensorFp16Tflops);
    within(c, "tc-bf16-wgmma", 0.50 * sheet.tensorFp16Tflops, 1.0 * sheet.tensorFp16Tflops);
    within(c, "tc-int8-wgmma", 0.50 * sheet.tensorInt8Tops, 1.0 * sheet.tensorInt8Tops);
  }
  return check::finish();
}
