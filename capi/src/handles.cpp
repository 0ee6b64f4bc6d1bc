// The handle registry: every handle is the address of a slot in a slab that is never freed, so a
// handle can be checked (kind, live or freed) without reading memory that has gone back to the
// allocator. Slabs are only ever added; freed slots wait in a first-in first-out quarantine before
// a new handle reuses one.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <new>

#if defined(__unix__) || defined(__APPLE__)
#include <pthread.h>
#endif

#include "internal.hpp"

namespace indeval::capi {

namespace {

struct alignas(16) slot {
  std::atomic<std::uint32_t> kind{magic_freed};
  std::atomic<void*> object{nullptr};
};

constexpr std::size_t slab_slots = 4096;
constexpr std::size_t max_slabs = 16384;  // 67 million live handles
constexpr std::size_t quarantine = 4096;  // freed slots that wait before one is reused

struct registry;
registry& the_registry();
[[maybe_unused]] std::mutex& the_registry_lock();

struct registry {
  std::array<std::atomic<slot*>, max_slabs> slabs{};
  std::atomic<std::size_t> slab_count{0};
  std::mutex mutex;  // guards allocation: next_unused, free_slots, adding slabs
  std::size_t next_unused = slab_slots;  // in the last slab (none yet: full)
  std::deque<slot*> free_slots;
};

registry* make_registry() {
  auto* r = new registry();
#if defined(__unix__) || defined(__APPLE__)
  // A child forked while another thread holds the lock would never get it: fork holds it.
  ::pthread_atfork([] { the_registry_lock().lock(); }, [] { the_registry_lock().unlock(); },
                   [] { the_registry_lock().unlock(); });
#endif
  return r;
}

// Never destroyed: handles may be used and freed during static destruction.
registry& the_registry() {
  static registry* r = make_registry();
  return *r;
}

[[maybe_unused]] std::mutex& the_registry_lock() { return the_registry().mutex; }

// The slot `p` is, or nullptr; compares addresses only.
slot* slot_of(const void* p) noexcept {
  registry& r = the_registry();
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  const std::size_t n = r.slab_count.load(std::memory_order_acquire);
  for (std::size_t i = n; i-- > 0;) {
    slot* slab = r.slabs[i].load(std::memory_order_acquire);
    const auto first = reinterpret_cast<std::uintptr_t>(slab);
    if (address < first || address >= first + slab_slots * sizeof(slot)) continue;
    if ((address - first) % sizeof(slot) != 0) return nullptr;
    return slab + (address - first) / sizeof(slot);
  }
  return nullptr;
}

}  // namespace

void* register_handle(std::uint32_t kind, void* object) {
  registry& r = the_registry();
  slot* s = nullptr;
  {
    const std::lock_guard<std::mutex> lock(r.mutex);
    if (r.free_slots.size() > quarantine) {
      s = r.free_slots.front();
      r.free_slots.pop_front();
    } else {
      if (r.next_unused == slab_slots) {
        const std::size_t n = r.slab_count.load(std::memory_order_relaxed);
        if (n == max_slabs) fail(INDEVAL_E_NOMEM, "too many live handles");
        r.slabs[n].store(new slot[slab_slots], std::memory_order_release);
        r.slab_count.store(n + 1, std::memory_order_release);
        r.next_unused = 0;
      }
      s = r.slabs[r.slab_count.load(std::memory_order_relaxed) - 1].load(std::memory_order_relaxed) +
          r.next_unused++;
    }
  }
  s->object.store(object, std::memory_order_relaxed);
  s->kind.store(kind, std::memory_order_release);
  return s;
}

void* find_handle(const void* handle, std::uint32_t kind) noexcept {
  slot* s = slot_of(handle);
  if (s == nullptr || s->kind.load(std::memory_order_acquire) != kind) return nullptr;
  return s->object.load(std::memory_order_relaxed);
}

void* retire_handle(const void* handle, std::uint32_t kind) noexcept {
  slot* s = slot_of(handle);
  if (s == nullptr) return nullptr;
  std::uint32_t expected = kind;
  if (!s->kind.compare_exchange_strong(expected, magic_freed, std::memory_order_acq_rel))
    return nullptr;  // freed meanwhile by another thread
  void* object = s->object.exchange(nullptr, std::memory_order_relaxed);
  registry& r = the_registry();
  try {
    const std::lock_guard<std::mutex> lock(r.mutex);
    r.free_slots.push_back(s);
  } catch (...) {
    // No room to remember the slot: it is simply not reused.
  }
  return object;
}

}  // namespace indeval::capi
