// The TensorRT entry points of a build without TensorRT: every call says why it is missing and how to
// get it, so callers and users see one clear message.
#include "core/build_config.h"
#include "core/native_error.h"
#include "core/tensorrt/trt_engine.h"

namespace studio::trt {

static NativeError notCompiled() {
  return NativeError(ErrorKind::kNotCompiled,
                     std::string("TensorRT not compiled into this build: ") + TRT_STUDIO_TENSORRT_REASON +
                         ". Install TensorRT 10.x or 11.x, set TENSORRT_ROOT to its folder and rebuild with "
                         "`npm run build:native`.");
}

std::string compiledTensorrtVersion() { return ""; }
std::string runtimeTensorrtVersion() { return ""; }

struct Engine::Impl {};

BuildResult buildEngine(const BuildOptions&, const BuildCallbacks&) { throw notCompiled(); }

std::unique_ptr<Engine> Engine::load(const std::string&, int) { throw notCompiled(); }
Engine::~Engine() = default;
std::vector<IoTensor> Engine::ioTensors() const { throw notCompiled(); }
std::string Engine::layerInformationJson() const { throw notCompiled(); }
LayerTimes Engine::profileLayers(const RunOptions&) { throw notCompiled(); }
InferenceTimes Engine::timeInference(const RunOptions&) { throw notCompiled(); }
std::vector<HostTensor> Engine::run(const std::vector<HostTensor>&) { throw notCompiled(); }

}  // namespace studio::trt
