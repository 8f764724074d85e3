// What this build of the native library has: each optional part, whether it was compiled, its
// version, and why not when it was left out.
#pragma once

#include <string>

namespace studio {

struct PartInfo {
  bool compiled = false;
  /** Version compiled against (e.g. "13.0"), empty when not compiled. */
  std::string version;
  /** Why the part is missing; empty when compiled. */
  std::string reason;
};

struct BuildInfo {
  PartInfo cuda;
  PartInfo cupti;
  PartInfo cublas;
  PartInfo tensorrt;
  /** GPU code targets the kernels were compiled for. */
  std::string cudaTargets;
};

BuildInfo buildInfo();

/** "13.0" from CUDA's 13000 style version numbers. */
std::string formatCudaVersion(int version);

}  // namespace studio
