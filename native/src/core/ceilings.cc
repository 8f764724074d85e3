#include "core/build_config.h"
#include "core/ceilings.h"

#include "core/native_error.h"

#if HAVE_CUDA
#include "core/ceiling_kernels.h"
#include "core/event_timing.h"
#endif
#if HAVE_CUBLAS
#include "core/cublas_gemm.h"
#endif

namespace studio {

const Measurement* Ceilings::find(const std::string& id) const {
  for (const Measurement& m : measurements)
    if (m.id == id) return &m;
  return nullptr;
}

#if HAVE_CUDA

namespace {

using kernels::TensorOp;

// Iterations chosen so each launch runs 2-20 ms on an H200 (0.15 ms launches of the Tensor Core loops
// measured 10-15% low in a first run: too short for the clocks and the launch ramp).
constexpr int kCudaCoreIterations = 16384;
constexpr int kMmaIterations = 8192;
constexpr int kWgmmaIterations = 4096;
constexpr int kGemmSize = 8192;

struct Plan {
  std::string id;
  std::function<Measurement()> run;
};

Measurement rate(const std::string& id, const std::string& unit, double operations, const EventTimes& times,
                 double scale, std::string note) {
  Measurement m;
  m.id = id;
  m.unit = unit;
  m.medianMs = times.medianMs;
  m.repetitions = static_cast<int>(times.samplesMs.size());
  m.value = times.medianMs > 0 ? operations / (times.medianMs * 1e-3) / scale : 0;
  m.best = times.bestMs > 0 ? operations / (times.bestMs * 1e-3) / scale : 0;
  m.available = m.value > 0;
  m.note = std::move(note);
  return m;
}

Measurement unavailable(const std::string& id, const std::string& unit, std::string note) {
  Measurement m;
  m.id = id;
  m.unit = unit;
  m.note = std::move(note);
  return m;
}

const char* opName(TensorOp op) { return op == TensorOp::kFp16 ? "fp16" : op == TensorOp::kBf16 ? "bf16" : "int8"; }

// A Tensor Core kernel whose instruction is absent from the code this device runs sets no flag.
template <typename Launch>
Measurement tensorRate(const std::string& id, TensorOp op, const char* instruction, int reps, int* ran, Launch launch) {
  const char* unit = op == TensorOp::kInt8 ? "TOP/s" : "TFLOP/s";
  STUDIO_CUDA(cudaMemset(ran, 0, sizeof(int)));
  double operations = 0;
  EventTimes times = timeWithEvents([&] { operations = launch(); }, reps);
  int flag = 0;
  STUDIO_CUDA(cudaMemcpy(&flag, ran, sizeof flag, cudaMemcpyDeviceToHost));
  if (!flag) return unavailable(id, unit, std::string(instruction) + " is not in the code compiled for this device");
  return rate(id, unit, operations, times, 1e12,
              std::string(instruction) + " " + opName(op) + " loop on registers/shared memory, no DRAM traffic");
}

std::vector<Plan> plans(const CeilingsOptions& options, const DeviceInfo& device, float* sink, int* ran) {
  const int sms = device.smCount;
  const int reps = options.repetitions;
  std::vector<Plan> list;
  list.push_back({"dram-copy-kernel", [=] {
                    DeviceBuffer src(options.bandwidthBytes), dst(options.bandwidthBytes);
                    kernels::fillRandomFloat(src.get<float>(), options.bandwidthBytes / 4, 7, nullptr);
                    double bytes = 0;
                    EventTimes t = timeWithEvents(
                        [&] { bytes = kernels::launchCopy(src.get(), dst.get(), options.bandwidthBytes, sms, nullptr); }, reps);
                    return rate("dram-copy-kernel", "GB/s", bytes, t, 1e9,
                                "16-byte vector copy kernel, bytes read + written, buffers of " +
                                    std::to_string(options.bandwidthBytes >> 20) + " MiB");
                  }});
  list.push_back({"dram-memcpy-d2d", [=] {
                    DeviceBuffer src(options.bandwidthBytes), dst(options.bandwidthBytes);
                    kernels::fillRandomFloat(src.get<float>(), options.bandwidthBytes / 4, 9, nullptr);
                    EventTimes t = timeWithEvents(
                        [&] {
                          STUDIO_CUDA(cudaMemcpyAsync(dst.get(), src.get(), options.bandwidthBytes, cudaMemcpyDeviceToDevice, nullptr));
                        },
                        reps);
                    return rate("dram-memcpy-d2d", "GB/s", 2.0 * double(options.bandwidthBytes), t, 1e9,
                                "cudaMemcpyAsync device-to-device, bytes read + written");
                  }});
  list.push_back({"fp32-fma", [=] {
                    double ops = 0;
                    EventTimes t = timeWithEvents([&] { ops = kernels::launchFp32Fma(sms, kCudaCoreIterations, sink, nullptr); }, reps);
                    return rate("fp32-fma", "TFLOP/s", ops, t, 1e12, "8 independent FFMA chains per thread");
                  }});
  list.push_back({"fp16-hfma2", [=] {
                    double ops = 0;
                    EventTimes t = timeWithEvents([&] { ops = kernels::launchFp16Hfma2(sms, kCudaCoreIterations, sink, nullptr); }, reps);
                    return rate("fp16-hfma2", "TFLOP/s", ops, t, 1e12, "8 independent HFMA2 chains per thread (CUDA cores)");
                  }});
  for (TensorOp op : {TensorOp::kFp16, TensorOp::kBf16, TensorOp::kInt8}) {
    std::string id = std::string("tc-") + opName(op) + "-mma-sync";
    list.push_back({id, [=] {
                      return tensorRate(id, op, "mma.sync", reps, ran,
                                        [&] { return kernels::launchMmaSync(op, sms, kMmaIterations, ran, sink, nullptr); });
                    }});
  }
#if HAVE_CUBLAS
  if (options.includeCublas) {
    for (TensorOp op : {TensorOp::kFp16, TensorOp::kBf16, TensorOp::kInt8}) {
      std::string id = std::string("cublas-") + opName(op);
      list.push_back({id, [=] { return measureCublasGemm(op, kGemmSize, reps); }});
    }
  }
#endif
  // wgmma last: a fault in it would leave the CUDA context unusable for what follows.
  if (options.includeWgmma && device.computeCapabilityMajor == 9) {
    for (TensorOp op : {TensorOp::kFp16, TensorOp::kBf16, TensorOp::kInt8}) {
      std::string id = std::string("tc-") + opName(op) + "-wgmma";
      list.push_back({id, [=] {
                        return tensorRate(id, op, "wgmma", reps, ran,
                                          [&] { return kernels::launchWgmma(op, sms, kWgmmaIterations, ran, sink, nullptr); });
                      }});
    }
  }
  return list;
}

double best(const Ceilings& c, std::initializer_list<const char*> ids) {
  double value = 0;
  for (const char* id : ids)
    if (const Measurement* m = c.find(id)) value = std::max(value, m->value);
  return value;
}

}  // namespace

Ceilings measureCeilings(const CeilingsOptions& options, const CeilingsProgress& progress) {
  if (options.repetitions < 1) throw NativeError(ErrorKind::kArgument, "repetitions must be at least 1");
  if (options.bandwidthBytes < (1 << 20) || options.bandwidthBytes % 16 != 0)
    throw NativeError(ErrorKind::kArgument, "bandwidthBytes must be a multiple of 16 and at least 1 MiB");
  Ceilings ceilings;
  ceilings.device = deviceInfo(options.device);
  STUDIO_CUDA(cudaSetDevice(options.device));
  DeviceBuffer sink(64), ran(sizeof(int));
  std::vector<Plan> list = plans(options, ceilings.device, sink.get<float>(), ran.get<int>());
  for (size_t i = 0; i < list.size(); ++i) {
    if (progress) progress(list[i].id, static_cast<int>(i), static_cast<int>(list.size()));
    try {
      ceilings.measurements.push_back(list[i].run());
    } catch (const NativeError& error) {
      // One failed measurement (e.g. cuBLAS without a handle) is reported, not fatal, unless the
      // context is gone, which the next call would find anyway.
      ceilings.measurements.push_back(unavailable(list[i].id, "", error.what()));
      if (cudaDeviceSynchronize() != cudaSuccess) break;
    }
  }
  if (progress) progress("done", static_cast<int>(list.size()), static_cast<int>(list.size()));
  ceilings.dramGBps = best(ceilings, {"dram-copy-kernel", "dram-memcpy-d2d"});
  ceilings.fp32Tflops = best(ceilings, {"fp32-fma"});
  ceilings.fp16Tflops = best(ceilings, {"tc-fp16-mma-sync", "tc-fp16-wgmma", "cublas-fp16"});
  ceilings.bf16Tflops = best(ceilings, {"tc-bf16-mma-sync", "tc-bf16-wgmma", "cublas-bf16"});
  ceilings.int8Tops = best(ceilings, {"tc-int8-mma-sync", "tc-int8-wgmma", "cublas-int8"});
  return ceilings;
}

#else

Ceilings measureCeilings(const CeilingsOptions&, const CeilingsProgress&) {
  throw NativeError(ErrorKind::kNotCompiled, std::string("CUDA not compiled: ") + TRT_STUDIO_CUDA_REASON);
}

#endif

}  // namespace studio
