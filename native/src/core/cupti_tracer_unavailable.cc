// Tracer entry points of a build without CUPTI: each call says why it is missing.
#include "core/build_config.h"
#include "core/cupti_tracer.h"
#include "core/native_error.h"

namespace studio {

static NativeError notCompiled() {
  return NativeError(ErrorKind::kNotCompiled, std::string("CUPTI not compiled: ") + TRT_STUDIO_CUPTI_REASON);
}

void configureTracer(const TracerSettings&) { throw notCompiled(); }
void startTracing() { throw notCompiled(); }
TraceColumns stopTracing() { throw notCompiled(); }
bool isTracing() { return false; }

}  // namespace studio
