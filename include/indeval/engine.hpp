// engine: the worker threads that bulk work runs on.
//
// An engine owns its threads. It starts none until a parallel loop first asks for more than the
// calling thread, keeps them asleep on a condition variable while idle (no spinning), and joins
// them when it is destroyed. Several callers may run loops on one engine at once: each loop gets
// its own share of helpers (the engine grows to what the loops in flight ask for), none is queued
// behind another.
//
// Fork: a child process never touches the threads or locks it inherited. Every engine forgets its
// pool in the child (pthread_atfork) and starts a fresh one on the child's first parallel loop.
//
// Unload: the default engine is a static object of the library, so a shared library that is
// unloaded (dlclose) joins its threads from its static destructors, before its code is unmapped.
// On Windows, joining inside DllMain deadlocks on the loader lock, so the library pins itself in
// memory when it first starts a thread (it is then never unmapped) and leaves its threads to the
// process's end. See docs/engine.md.
#pragma once

#include <atomic>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace indeval {

/// A non-owning reference to something callable as void(std::size_t): cheap to pass, valid while
/// the referenced callable lives (for the duration of one call).
class task_ref {
 public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::remove_cvref_t<F>, task_ref>>>
  task_ref(F&& f) noexcept  // NOLINT(google-explicit-constructor): used like a function parameter
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, std::size_t i) { (*static_cast<std::remove_reference_t<F>*>(o))(i); }) {}

  void operator()(std::size_t i) const { call_(object_, i); }

 private:
  void* object_;
  void (*call_)(void*, std::size_t);
};

namespace detail {
class worker_pool;
}

/// Worker threads for parallel loops. Not copyable or movable: loops refer to it while they run.
class engine {
 public:
  engine() noexcept;
  /// Joins the threads. No loop may be running on the engine.
  ~engine();
  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  /// Runs body(i) for every i in [0, tasks) on up to `threads` threads, the calling thread included
  /// (0 = one per hardware thread), and returns when all are done. Tasks are taken in order of i,
  /// each exactly once. The first exception a task throws is rethrown here once every task has
  /// finished or been skipped (tasks not yet started when it was thrown are skipped).
  /// When no thread can be started, the calling thread does all the work.
  void parallel_for(std::size_t tasks, unsigned threads, task_ref body);

  /// The number of hardware threads (at least 1): what `threads` = 0 means.
  [[nodiscard]] static unsigned hardware_threads() noexcept;

  /// How many worker threads the engine has started (for tests and diagnostics).
  [[nodiscard]] std::size_t workers() const noexcept;

 private:
  friend struct engine_registry;
  detail::worker_pool& pool();

  std::atomic<detail::worker_pool*> pool_{nullptr};
  engine* prev_ = nullptr;  // all live engines, for the fork handler
  engine* next_ = nullptr;
};

/// The library's own engine, which serves the calls that name none (every v1 bulk call).
engine& default_engine() noexcept;

}  // namespace indeval
