// PromiseWorker: runs `work` on libuv's thread pool (never on the JS thread) and settles a promise with
// `convert(result)`; a NativeError rejects it with the error's code, anything else with ERR_NATIVE.
#pragma once

#include <napi.h>

#include <functional>
#include <optional>

#include "binding/convert.h"

namespace studio::binding {

template <typename Result>
class PromiseWorker : public Napi::AsyncWorker {
 public:
  using Work = std::function<Result()>;
  using Convert = std::function<Napi::Value(Napi::Env, Result&)>;

  static Napi::Promise start(Napi::Env env, Work work, Convert convert, std::function<void()> done = nullptr) {
    auto* worker = new PromiseWorker(env, std::move(work), std::move(convert), std::move(done));
    Napi::Promise promise = worker->deferred_.Promise();
    worker->Queue();
    return promise;
  }

 protected:
  void Execute() override {
    try {
      result_.emplace(work_());
    } catch (const NativeError& error) {
      message_ = error.what();
      code_ = error.kindName();
    } catch (const std::exception& error) {
      message_ = error.what();
      code_ = "ERR_NATIVE";
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    if (done_) done_();
    if (!result_) {
      deferred_.Reject(toJsError(env, message_, code_).Value());
      return;
    }
    try {
      deferred_.Resolve(convert_(env, *result_));
    } catch (const Napi::Error& error) {
      deferred_.Reject(error.Value());
    } catch (const std::exception& error) {
      deferred_.Reject(toJsError(env, error.what(), "ERR_NATIVE").Value());
    }
  }

 private:
  PromiseWorker(Napi::Env env, Work work, Convert convert, std::function<void()> done)
      : Napi::AsyncWorker(env, "trt-studio-native"),
        deferred_(Napi::Promise::Deferred::New(env)),
        work_(std::move(work)),
        convert_(std::move(convert)),
        done_(std::move(done)) {}

  Napi::Promise::Deferred deferred_;
  Work work_;
  Convert convert_;
  std::function<void()> done_;
  std::optional<Result> result_;
  std::string message_;
  const char* code_ = "ERR_NATIVE";
};

/** For work with no result. */
struct Nothing {};

}  // namespace studio::binding
