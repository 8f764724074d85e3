#include <cuda_runtime_api.h>
#include <cupti.h>
#include <cxxabi.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/cuda_check.h"
#include "core/cupti_tracer.h"

namespace studio {

namespace {

constexpr size_t kBufferAlign = 8;

void checkCupti(CUptiResult status, const char* call) {
  if (status == CUPTI_SUCCESS) return;
  const char* text = nullptr;
  cuptiGetResultString(status, &text);
  ErrorKind kind = status == CUPTI_ERROR_INVALID_DEVICE ? ErrorKind::kNoDevice : ErrorKind::kCupti;
  throw NativeError(kind, std::string(call) + " failed: " + (text ? text : "unknown CUPTI error"));
}

#define STUDIO_CUPTI(call) checkCupti((call), #call)

const CUpti_ActivityKind kKinds[] = {CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL, CUPTI_ACTIVITY_KIND_MEMCPY,
                                     CUPTI_ACTIVITY_KIND_MEMSET};

// Everything the CUPTI callbacks touch, guarded by one mutex (they run on CUPTI's own thread).
struct TracerState {
  std::mutex mutex;
  bool tracing = false;
  uint64_t originCuptiNs = 0;
  TraceColumns columns;
  std::unordered_map<std::string, uint32_t> nameIndex;
};

TracerState& state() {
  static TracerState instance;
  return instance;
}

std::string demangle(const char* name) {
  if (!name) return "<unnamed kernel>";
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> out(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
  return status == 0 && out ? std::string(out.get()) : std::string(name);
}

const char* copyKindName(uint8_t kind) {
  switch (kind) {
    case CUPTI_ACTIVITY_MEMCPY_KIND_HTOD: return "Memcpy HtoD";
    case CUPTI_ACTIVITY_MEMCPY_KIND_DTOH: return "Memcpy DtoH";
    case CUPTI_ACTIVITY_MEMCPY_KIND_DTOD: return "Memcpy DtoD";
    case CUPTI_ACTIVITY_MEMCPY_KIND_HTOH: return "Memcpy HtoH";
    case CUPTI_ACTIVITY_MEMCPY_KIND_PTOP: return "Memcpy PtoP";
    default: return "Memcpy";
  }
}

uint32_t intern(TracerState& s, const std::string& text) {
  auto found = s.nameIndex.find(text);
  if (found != s.nameIndex.end()) return found->second;
  uint32_t index = static_cast<uint32_t>(s.columns.names.size());
  s.columns.names.push_back(text);
  s.nameIndex.emplace(text, index);
  return index;
}

struct Common {
  ActivityKind kind;
  uint64_t start, end;
  uint32_t device, stream, correlation;
  uint32_t name;
};

void append(TracerState& s, const Common& c) {
  TraceColumns& t = s.columns;
  t.kind.push_back(static_cast<uint8_t>(c.kind));
  t.startNs.push_back(double(int64_t(c.start - s.originCuptiNs)));
  t.endNs.push_back(double(int64_t(c.end - s.originCuptiNs)));
  t.name.push_back(c.name);
  t.deviceId.push_back(c.device);
  t.streamId.push_back(c.stream);
  t.correlationId.push_back(c.correlation);
  for (auto* column : {&t.gridX, &t.gridY, &t.gridZ, &t.blockX, &t.blockY, &t.blockZ, &t.sharedMemoryBytes}) column->push_back(0);
  t.registersPerThread.push_back(0);
  t.bytes.push_back(0);
  t.copyKind.push_back(0);
}

void record(TracerState& s, const CUpti_Activity* activity) {
  TraceColumns& t = s.columns;
  switch (activity->kind) {
    case CUPTI_ACTIVITY_KIND_KERNEL:
    case CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL: {
      auto* k = reinterpret_cast<const CUpti_ActivityKernel10*>(activity);
      append(s, {ActivityKind::kKernel, k->start, k->end, k->deviceId, k->streamId, k->correlationId,
                 intern(s, demangle(k->name))});
      t.gridX.back() = uint32_t(k->gridX);
      t.gridY.back() = uint32_t(k->gridY);
      t.gridZ.back() = uint32_t(k->gridZ);
      t.blockX.back() = uint32_t(k->blockX);
      t.blockY.back() = uint32_t(k->blockY);
      t.blockZ.back() = uint32_t(k->blockZ);
      t.registersPerThread.back() = k->registersPerThread;
      t.sharedMemoryBytes.back() = uint32_t(k->staticSharedMemory + k->dynamicSharedMemory);
      break;
    }
    case CUPTI_ACTIVITY_KIND_MEMCPY: {
      auto* m = reinterpret_cast<const CUpti_ActivityMemcpy6*>(activity);
      append(s, {ActivityKind::kMemcpy, m->start, m->end, m->deviceId, m->streamId, m->correlationId,
                 intern(s, copyKindName(m->copyKind))});
      t.bytes.back() = double(m->bytes);
      t.copyKind.back() = m->copyKind;
      break;
    }
    case CUPTI_ACTIVITY_KIND_MEMSET: {
      auto* m = reinterpret_cast<const CUpti_ActivityMemset4*>(activity);
      append(s, {ActivityKind::kMemset, m->start, m->end, m->deviceId, m->streamId, m->correlationId, intern(s, "Memset")});
      t.bytes.back() = double(m->bytes);
      break;
    }
    default:
      break;
  }
}

// The knobs in force for this process: fixed the first time they reach CUPTI (configureTracer() or the
// first startTracing()), since several of them only apply before CUPTI hands out its first buffer.
struct Setup {
  std::mutex mutex;
  bool applied = false;
  TracerSettings settings;
};

Setup& setup() {
  static Setup instance;
  return instance;
}

// Spare host buffers. With preZeroedBuffers they are zeroed ahead of time and re-zeroed on CUPTI's
// completion thread, so CUPTI neither zeroes nor waits for an allocation on the thread that launches work.
struct BufferPool {
  std::mutex mutex;
  std::vector<uint8_t*> free;
};

BufferPool& pool() {
  static BufferPool instance;
  return instance;
}

uint8_t* newBuffer() {
  const TracerSettings& settings = setup().settings;
  void* memory = std::aligned_alloc(kBufferAlign, settings.hostBufferBytes);
  if (memory && settings.preZeroedBuffers) std::memset(memory, 0, settings.hostBufferBytes);
  return static_cast<uint8_t*>(memory);
}

void CUPTIAPI bufferRequested(uint8_t** buffer, size_t* size, size_t* maxRecords) {
  {
    std::lock_guard<std::mutex> lock(pool().mutex);
    if (!pool().free.empty()) {
      *buffer = pool().free.back();
      pool().free.pop_back();
    } else {
      *buffer = nullptr;
    }
  }
  if (!*buffer) *buffer = newBuffer();
  *size = *buffer ? setup().settings.hostBufferBytes : 0;
  *maxRecords = 0;
}

void recycle(uint8_t* buffer) {
  if (setup().settings.preZeroedBuffers) std::memset(buffer, 0, setup().settings.hostBufferBytes);
  std::lock_guard<std::mutex> lock(pool().mutex);
  if (pool().free.size() < 4) pool().free.push_back(buffer);
  else std::free(buffer);
}

void CUPTIAPI bufferCompleted(CUcontext context, uint32_t streamId, uint8_t* buffer, size_t, size_t validSize) {
  TracerState& s = state();
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    CUpti_Activity* activity = nullptr;
    while (cuptiActivityGetNextRecord(buffer, validSize, &activity) == CUPTI_SUCCESS) {
      if (s.tracing) record(s, activity);
    }
    size_t dropped = 0;
    if (cuptiActivityGetNumDroppedRecords(context, streamId, &dropped) == CUPTI_SUCCESS) s.columns.droppedRecords += dropped;
  }
  recycle(buffer);
}

template <typename T>
void setAttribute(CUpti_ActivityAttribute attribute, T value, const char* name) {
  size_t size = sizeof value;
  checkCupti(cuptiActivitySetAttribute(attribute, &size, &value), name);
}

// Knobs left at CUPTI's documented default are not sent, so a CUPTI that rejects one after CUDA has started
// (latency timestamps, device buffers) cannot fail a plain startTracing().
void applyToCupti(const TracerSettings& k) {
  if (k.preZeroedBuffers) {
    // Not checked: a CUPTI that refuses it zeroes our (already zeroed) buffers itself, slower but never wrong.
    uint8_t zeroed = 1;
    size_t size = sizeof zeroed;
    cuptiActivitySetAttribute(CUPTI_ACTIVITY_ATTR_ZEROED_OUT_ACTIVITY_BUFFER, &size, &zeroed);
  }
  if (!k.perThreadBuffers) setAttribute<uint8_t>(CUPTI_ACTIVITY_ATTR_PER_THREAD_ACTIVITY_BUFFER, 0, "PER_THREAD_ACTIVITY_BUFFER");
  if (k.deviceBufferBytes) setAttribute<size_t>(CUPTI_ACTIVITY_ATTR_DEVICE_BUFFER_SIZE, k.deviceBufferBytes, "DEVICE_BUFFER_SIZE");
  if (k.deviceBuffersPreallocated)
    setAttribute<size_t>(CUPTI_ACTIVITY_ATTR_DEVICE_BUFFER_PRE_ALLOCATE_VALUE, k.deviceBuffersPreallocated, "DEVICE_BUFFER_PRE_ALLOCATE_VALUE");
  if (k.deviceBuffersInPinnedHost) setAttribute<uint8_t>(CUPTI_ACTIVITY_ATTR_MEM_ALLOCATION_TYPE_HOST_PINNED, 1, "MEM_ALLOCATION_TYPE_HOST_PINNED");
  if (k.flushPeriodMs) STUDIO_CUPTI(cuptiActivityFlushPeriod(k.flushPeriodMs));
  if (k.latencyTimestamps) STUDIO_CUPTI(cuptiActivityEnableLatencyTimestamps(1));
  if (k.launchAttributes) STUDIO_CUPTI(cuptiActivityEnableLaunchAttributes(1));
  STUDIO_CUPTI(cuptiActivityRegisterCallbacks(bufferRequested, bufferCompleted));
}

// Sends `requested` (or the defaults) to CUPTI once per process; a second request is kBusy.
void applySettings(const TracerSettings* requested) {
  std::lock_guard<std::mutex> lock(setup().mutex);
  if (setup().applied) {
    if (requested) throw NativeError(ErrorKind::kBusy, "the tracer's settings are fixed once tracing has started or been configured");
    return;
  }
  const TracerSettings chosen = requested ? *requested : TracerSettings();
  if (chosen.hostBufferBytes < (64 << 10) || chosen.hostBufferBytes % kBufferAlign != 0)
    throw NativeError(ErrorKind::kArgument, "hostBufferBytes must be a multiple of 8 of at least 64 KiB");
  setup().settings = chosen;
  applyToCupti(chosen);
  setup().applied = true;
}

std::vector<CUpti_ActivityKind> enabledKinds() {
  if (setup().settings.kernelsOnly) return {CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL};
  return {std::begin(kKinds), std::end(kKinds)};
}

}  // namespace

void configureTracer(const TracerSettings& settings) {
  {
    std::lock_guard<std::mutex> lock(state().mutex);
    if (state().tracing) throw NativeError(ErrorKind::kBusy, "the CUPTI tracer is already running in this process");
  }
  applySettings(&settings);
}

bool isTracing() {
  std::lock_guard<std::mutex> lock(state().mutex);
  return state().tracing;
}

void startTracing() {
  TracerState& s = state();
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.tracing) throw NativeError(ErrorKind::kBusy, "the CUPTI tracer is already running in this process");
  }
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess || count == 0) {
    cudaGetLastError();
    throw NativeError(ErrorKind::kNoDevice, std::string("cannot trace: no CUDA device (") +
                                                (status == cudaSuccess ? "0 devices" : cudaGetErrorString(status)) + ")");
  }
  applySettings(nullptr);
  {
    std::lock_guard<std::mutex> lock(pool().mutex);
    while (pool().free.size() < 2) pool().free.push_back(newBuffer());
  }
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.columns = TraceColumns();
    s.nameIndex.clear();
    STUDIO_CUPTI(cuptiGetTimestamp(&s.originCuptiNs));
    s.columns.originUnixNs =
        double(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    s.tracing = true;
  }
  const std::vector<CUpti_ActivityKind> kinds = enabledKinds();
  for (CUpti_ActivityKind kind : kinds) {
    CUptiResult result = cuptiActivityEnable(kind);
    if (result != CUPTI_SUCCESS) {
      for (CUpti_ActivityKind other : kinds) cuptiActivityDisable(other);
      std::lock_guard<std::mutex> lock(s.mutex);
      s.tracing = false;
      checkCupti(result, "cuptiActivityEnable");
    }
  }
}

TraceColumns stopTracing() {
  TracerState& s = state();
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    if (!s.tracing) throw NativeError(ErrorKind::kArgument, "the CUPTI tracer is not running");
  }
  cudaDeviceSynchronize();  // activities complete only once their work has finished
  for (CUpti_ActivityKind kind : enabledKinds()) cuptiActivityDisable(kind);
  CUptiResult flushed = cuptiActivityFlushAll(CUPTI_ACTIVITY_FLAG_FLUSH_FORCED);
  std::lock_guard<std::mutex> lock(s.mutex);
  s.tracing = false;
  TraceColumns out = std::move(s.columns);
  s.columns = TraceColumns();
  s.nameIndex.clear();
  checkCupti(flushed, "cuptiActivityFlushAll");
  return out;
}

}  // namespace studio
