// ProgressChannel: forwards events from a worker thread to a JS callback through a
// ThreadSafeFunction. Without a callback, post() does nothing. close() must be called once, on any
// thread, when the work is over (PromiseWorker's `done`).
#pragma once

#include <napi.h>

#include <functional>
#include <memory>

namespace studio::binding {

template <typename Event>
class ProgressChannel {
 public:
  using ToJs = std::function<std::vector<napi_value>(Napi::Env, const Event&)>;

  ProgressChannel(Napi::Env env, Napi::Function callback, ToJs toJs) : toJs_(std::move(toJs)) {
    if (callback.IsEmpty()) return;
    tsfn_ = Napi::ThreadSafeFunction::New(env, callback, "trt-studio-progress", 0, 1);
    open_ = true;
  }

  void post(const Event& event) {
    if (!open_) return;
    auto* copy = new Event(event);
    ToJs toJs = toJs_;
    napi_status status = tsfn_.NonBlockingCall(copy, [toJs](Napi::Env env, Napi::Function fn, Event* e) {
      std::unique_ptr<Event> owned(e);
      if (env == nullptr || fn.IsEmpty()) return;
      try {
        fn.Call(toJs(env, *owned));
      } catch (const Napi::Error&) {
        // An exception in the user's progress callback must not fail the native work.
      }
    });
    if (status != napi_ok) delete copy;
  }

  void close() {
    if (open_) tsfn_.Release();
    open_ = false;
  }

 private:
  ToJs toJs_;
  Napi::ThreadSafeFunction tsfn_;
  bool open_ = false;
};

}  // namespace studio::binding
