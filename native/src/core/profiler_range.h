// Marks the region an external profiler captures: Nsight Systems started with
// --capture-range=cudaProfilerApi records only between profilerStart() and profilerStop().
#pragma once

namespace studio {

/** Throws NativeError (kNotCompiled without CUDA, kNoDevice/kCuda from cudaProfilerStart). */
void profilerStart();
void profilerStop();

}  // namespace studio
