// A minimal test harness for the ctest executables: CHECK records a failure and goes on, EXPECT_THROWS
// checks the NativeError kind, skip() exits with 77 (ctest "Not Run": no GPU, part not compiled).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/native_error.h"

namespace check {

inline int& failures() {
  static int count = 0;
  return count;
}

inline void fail(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "%s:%d: FAILED %s\n", file, line, what.c_str());
  ++failures();
}

[[noreturn]] inline void skip(const std::string& why) {
  std::printf("SKIPPED: %s\n", why.c_str());
  std::exit(77);
}

inline int finish() {
  if (failures()) std::fprintf(stderr, "%d check(s) failed\n", failures());
  else std::printf("all checks passed\n");
  return failures() ? 1 : 0;
}

}  // namespace check

#define CHECK(cond)                                              \
  do {                                                           \
    if (!(cond)) check::fail(__FILE__, __LINE__, #cond);         \
  } while (0)

#define CHECK_MSG(cond, msg)                                                     \
  do {                                                                           \
    if (!(cond)) check::fail(__FILE__, __LINE__, std::string(#cond) + ": " + (msg)); \
  } while (0)

#define EXPECT_THROWS(expr, expectedKind)                                                            \
  do {                                                                                               \
    try {                                                                                            \
      (void)(expr);                                                                                  \
      check::fail(__FILE__, __LINE__, std::string(#expr) + " did not throw");                        \
    } catch (const studio::NativeError& error) {                                                     \
      if (error.kind() != (expectedKind))                                                            \
        check::fail(__FILE__, __LINE__, std::string(#expr) + " threw " + error.kindName() + ": " + error.what()); \
      else                                                                                           \
        std::printf("ok: %s -> %s: %s\n", #expr, error.kindName(), error.what());                    \
    }                                                                                                \
  } while (0)
