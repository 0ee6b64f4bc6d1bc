// The engine's worker pool: threads started on demand, asleep on a condition variable when idle,
// shared by every parallel loop in flight, forgotten in a forked child, joined on destruction.
#include "indeval/engine.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#if defined(_WIN32)
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#else
#include <pthread.h>
#endif

namespace indeval {

namespace detail {

namespace {

/// One parallel_for call in flight. Lives on its caller's stack; linked into the pool's list while
/// helpers may still join it.
struct loop {
  loop(std::size_t n, task_ref b, unsigned wanted) noexcept : tasks(n), body(b), helpers_wanted(wanted) {}

  const std::size_t tasks;
  const task_ref body;
  const unsigned helpers_wanted;     // workers it may use besides its caller
  std::atomic<std::size_t> next{0};  // the next task to take
  std::atomic<bool> failed{false};
  std::exception_ptr error;          // written once, by whoever sets `failed`
  // Under the pool's mutex:
  unsigned helpers = 0;  // workers inside right now
  bool listed = true;
  loop* after = nullptr;
  std::condition_variable helpers_left;

  [[nodiscard]] bool open() const noexcept {
    return listed && helpers < helpers_wanted && next.load(std::memory_order_relaxed) < tasks;
  }

  /// Takes and runs tasks until none is left.
  void work() noexcept {
    for (;;) {
      const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= tasks) return;
      try {
        body(i);
      } catch (...) {
        if (!failed.exchange(true)) error = std::current_exception();
        next.store(tasks, std::memory_order_relaxed);  // skip what has not started
      }
    }
  }
};

}  // namespace

class worker_pool {
 public:
  static constexpr std::size_t max_workers = 256;

  worker_pool() = default;
  worker_pool(const worker_pool&) = delete;
  worker_pool& operator=(const worker_pool&) = delete;

  ~worker_pool() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  void run(std::size_t tasks, unsigned threads, task_ref body) {
    loop l(tasks, body, static_cast<unsigned>(std::min<std::size_t>(threads - 1, tasks - 1)));
    {
      const std::lock_guard lock(mutex_);
      l.after = loops_;
      loops_ = &l;
      wanted_ += l.helpers_wanted;
      start_workers();
    }
    for (unsigned i = 0; i < l.helpers_wanted; ++i) wake_.notify_one();
    l.work();
    {
      std::unique_lock lock(mutex_);
      unlink(l);
      l.helpers_left.wait(lock, [&] { return l.helpers == 0; });
    }
    if (l.failed.load()) std::rethrow_exception(l.error);
  }

  std::size_t workers() const {
    const std::lock_guard lock(mutex_);
    return threads_.size();
  }

  worker_pool* orphaned_before = nullptr;  // see forget_pools_after_fork

 private:
  // Enough threads for every loop in flight to have all the helpers it asked for.
  void start_workers() noexcept {
    const std::size_t want = std::min<std::size_t>(wanted_, max_workers);
    while (threads_.size() < want && !cannot_start_) {
#if defined(_WIN32)
      if (threads_.empty()) pin_module();
#endif
      try {
        threads_.emplace_back([this] { serve(); });
      } catch (...) {
        cannot_start_ = true;  // the callers do the work themselves
      }
    }
  }

#if defined(_WIN32)
  // A DLL's threads cannot be joined from DllMain (the loader lock), so once it has threads the
  // library stays mapped until the process ends: FreeLibrary then never unmaps running code.
  static void pin_module() noexcept {
    HMODULE self = nullptr;
    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                       reinterpret_cast<LPCWSTR>(&worker_pool::pin_module), &self);
  }
#endif

  void unlink(loop& l) noexcept {
    for (loop** p = &loops_; *p != nullptr; p = &(*p)->after) {
      if (*p == &l) {
        *p = l.after;
        break;
      }
    }
    l.listed = false;
    wanted_ -= l.helpers_wanted;
  }

  loop* open_loop() const noexcept {
    for (loop* l = loops_; l != nullptr; l = l->after)
      if (l->open()) return l;
    return nullptr;
  }

  void serve() noexcept {
    std::unique_lock lock(mutex_);
    for (;;) {
      loop* l = nullptr;
      wake_.wait(lock, [&] { return stopping_ || (l = open_loop()) != nullptr; });
      if (stopping_) return;
      ++l->helpers;
      lock.unlock();
      l->work();
      lock.lock();
      if (--l->helpers == 0 && !l->listed) l->helpers_left.notify_one();
    }
  }

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::thread> threads_;
  loop* loops_ = nullptr;
  std::size_t wanted_ = 0;
  bool stopping_ = false;
  bool cannot_start_ = false;
};

}  // namespace detail

// ---- every live engine, for the fork handler ---------------------------------------------------

struct engine_registry {
  std::mutex mutex;
  engine* first = nullptr;
  bool handlers_installed = false;
  // Pools a forked child inherited: their threads do not exist in the child and their locks may be
  // held forever, so they are never touched again, nor freed (their destructors would join).
  detail::worker_pool* orphans = nullptr;

  void add(engine& e) {
    const std::lock_guard lock(mutex);
#if !defined(_WIN32)
    if (!handlers_installed) {
      handlers_installed = pthread_atfork(&before_fork, &after_fork_parent, &after_fork_child) == 0;
    }
#endif
    e.next_ = first;
    if (first != nullptr) first->prev_ = &e;
    first = &e;
  }

  void remove(engine& e) {
    const std::lock_guard lock(mutex);
    if (e.prev_ != nullptr) e.prev_->next_ = e.next_; else first = e.next_;
    if (e.next_ != nullptr) e.next_->prev_ = e.prev_;
    e.prev_ = e.next_ = nullptr;
  }

#if !defined(_WIN32)
  // Held across fork(), so the child sees a consistent list of engines.
  static void before_fork() noexcept;
  static void after_fork_parent() noexcept;
  static void after_fork_child() noexcept;
#endif
};

namespace {
// Constant-initialised, so it exists before and after every engine (including static ones).
// MinGW's std::mutex (over winpthreads, whose initialiser is not a constant expression) has no
// constexpr constructor; there the registry is initialised dynamically, before any engine: the
// only engines are made at run time (default_engine, contexts), and the registry serves only the
// fork handler, which Windows has not.
#if defined(__MINGW32__)
engine_registry registry;
#else
constinit engine_registry registry;
#endif
}  // namespace

#if !defined(_WIN32)
void engine_registry::before_fork() noexcept { registry.mutex.lock(); }
void engine_registry::after_fork_parent() noexcept { registry.mutex.unlock(); }
void engine_registry::after_fork_child() noexcept {
  // The child has one thread: this one. Every engine starts afresh on its next loop.
  for (engine* e = registry.first; e != nullptr; e = e->next_) {
    detail::worker_pool* old = e->pool_.exchange(nullptr);
    if (old != nullptr) {
      old->orphaned_before = registry.orphans;
      registry.orphans = old;
    }
  }
  registry.mutex.unlock();
}
#endif

// ---- engine ------------------------------------------------------------------------------------

engine::engine() noexcept { registry.add(*this); }

engine::~engine() {
  registry.remove(*this);
  delete pool_.exchange(nullptr);
}

detail::worker_pool& engine::pool() {
  detail::worker_pool* p = pool_.load(std::memory_order_acquire);
  if (p != nullptr) return *p;
  auto* fresh = new detail::worker_pool;
  if (pool_.compare_exchange_strong(p, fresh, std::memory_order_acq_rel)) return *fresh;
  delete fresh;  // another thread got there first
  return *p;
}

void engine::parallel_for(std::size_t tasks, unsigned threads, task_ref body) {
  if (threads == 0) threads = hardware_threads();
  if (threads <= 1 || tasks <= 1) {
    for (std::size_t i = 0; i < tasks; ++i) body(i);
    return;
  }
  pool().run(tasks, threads, body);
}

unsigned engine::hardware_threads() noexcept {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

std::size_t engine::workers() const noexcept {
  const detail::worker_pool* p = pool_.load(std::memory_order_acquire);
  return p != nullptr ? p->workers() : 0;
}

engine& default_engine() noexcept {
#if defined(_WIN32)
  // Never destroyed: see worker_pool::pin_module.
  static engine* const e = new engine;
  return *e;
#else
  // Destroyed with the library (dlclose) or at exit, joining its threads first.
  static engine e;
  return e;
#endif
}

}  // namespace indeval
