// Shared machinery of the C ABI: handle layouts, argument checks, the thread-local last error,
// string output into caller buffers, UTF-16 conversion, and the guard that keeps every exception
// on this side of the boundary. Nothing here rates anything: that is the core's job.
#pragma once

#include <cstdint>
#include <cstring>
#include <indeval/bulk.hpp>
#include <indeval/evaluation.hpp>
#include <indeval/indicator.hpp>
#include <indeval/lint.hpp>
#include <indeval/polarity.hpp>
#include <indeval/rule_set.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indeval.h"

namespace indeval::capi {

// ---- handles -----------------------------------------------------------------------------------
// A handle is the address of a slot in a registry whose memory is never freed (handles.cpp). The
// slot holds the kind of the object it points to, or "freed". So a pointer that is not a slot (never
// read), a handle of another kind and a freed handle are all refused with INDEVAL_E_HANDLE, and
// checking one never touches freed memory. A freed slot is reused only after many other frees
// (a first-in first-out quarantine), so a stale handle is caught until then.

inline constexpr std::uint32_t magic_rules = 0x52564549u;      // "IEVR"
inline constexpr std::uint32_t magic_catalogue = 0x43564549u;  // "IEVC"
inline constexpr std::uint32_t magic_indicator = 0x49564549u;  // "IEVI"
inline constexpr std::uint32_t magic_series = 0x53564549u;     // "IEVS"
inline constexpr std::uint32_t magic_findings = 0x46564549u;   // "IEVF"
inline constexpr std::uint32_t magic_freed = 0xDEADBEEFu;

/// A new handle for `object` (owned by the caller until released) of the given kind.
void* register_handle(std::uint32_t kind, void* object);
/// The object of a live handle of `kind`; nullptr when `handle` is not one (not a slot, another
/// kind, or freed). Never reads memory that is not a slot.
void* find_handle(const void* handle, std::uint32_t kind) noexcept;
/// Marks a live handle of `kind` freed and returns its object (for the caller to delete); nullptr
/// when it is not a live handle of that kind.
void* retire_handle(const void* handle, std::uint32_t kind) noexcept;

}  // namespace indeval::capi

struct indeval_rules {
  static constexpr std::uint32_t live = indeval::capi::magic_rules;
  static constexpr const char* kind = "rule set";
  indeval::rule_set rules;
  explicit indeval_rules(indeval::rule_set r) : rules(std::move(r)) {}
};

struct indeval_catalogue {
  static constexpr std::uint32_t live = indeval::capi::magic_catalogue;
  static constexpr const char* kind = "catalogue";
  // Rule sets owned by the catalogue; entries point into them (unique_ptr keeps addresses stable).
  std::vector<std::unique_ptr<indeval::rule_set>> owned;
  std::vector<indeval::rule_entry> entries;
  // The compiled table, built on first use after a change. Guarded so that concurrent bulk calls
  // on one catalogue build it once.
  mutable std::mutex mutex;
  // [0]: each entry's own scale; [1 + s]: every entry read on scale s (INDEVAL_OPTION_SCALE).
  mutable std::shared_ptr<const indeval::rule_table> tables[3];
};

struct indeval_indicator {
  static constexpr std::uint32_t live = indeval::capi::magic_indicator;
  static constexpr const char* kind = "indicator";
  indeval::indicator ind;
  std::string rule_text;
};

struct indeval_series {
  static constexpr std::uint32_t live = indeval::capi::magic_series;
  static constexpr const char* kind = "series";
  std::vector<indeval::observation> observations;
};

struct indeval_findings {
  static constexpr std::uint32_t live = indeval::capi::magic_findings;
  static constexpr const char* kind = "findings";
  std::vector<indeval::finding> items;
};

namespace indeval::capi {

// ---- failures ----------------------------------------------------------------------------------

/// Thrown inside an ABI function to leave it with `code`; the guard turns it into the return value
/// and the thread's last-error message. The message is formatted into a fixed buffer, so that
/// reporting a failure never needs the heap.
struct failure {
  std::int32_t code;
  char message[1024];
};

[[noreturn]] void fail(std::int32_t code, const char* format, ...)
#if defined(__MINGW32__)
    // MinGW's "printf" archetype is the old Microsoft runtime's, which knows no %zu; fail()
    // formats with the C99 one (__USE_MINGW_ANSI_STDIO, as libstdc++ sets it).
    __attribute__((format(gnu_printf, 2, 3)))
#elif defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/// Stores `prefix: message` as the calling thread's last error (truncated at a UTF-8 character
/// boundary if long). Never allocates, never throws.
void set_last_error(const char* prefix, std::string_view message) noexcept;
/// The calling thread's last error message.
std::string_view last_error() noexcept;

/// Runs `body` (which returns nothing, or throws): INDEVAL_OK, or the failure's code with the
/// last error set. `function` names the ABI function in the message.
std::int32_t translate_current_exception(const char* function) noexcept;

template <class Body>
std::int32_t guard(const char* function, Body&& body) noexcept {
  try {
    body();
    return INDEVAL_OK;
  } catch (...) {
    return translate_current_exception(function);
  }
}

// ---- argument checks (each throws a failure) ---------------------------------------------------

template <class T>
void need(const T* p, const char* name) {
  if (p == nullptr) fail(INDEVAL_E_NULL, "%s is NULL", name);
}

template <class H>
H& handle(H* h, const char* name) {
  need(h, name);
  void* object = find_handle(h, H::live);
  if (object == nullptr)
    fail(INDEVAL_E_HANDLE, "%s is not a live %s handle (freed, or another kind of handle)", name,
         H::kind);
  return *static_cast<H*>(object);
}

template <class H>
const H& handle(const H* h, const char* name) {
  return handle(const_cast<H*>(h), name);
}

/// The rule set of a handle that may be NULL (NULL: none).
const rule_set* optional_rules(const indeval_rules* h, const char* name);

/// A new handle owning `object`.
template <class H>
H* adopt(std::unique_ptr<H> object) {
  H* handle = static_cast<H*>(register_handle(H::live, object.get()));
  object.release();  // now the handle's
  return handle;
}

/// Frees a handle of kind H: NULL is fine; a dead or foreign handle is refused.
template <class H>
void release(H* h, const char* name) {
  if (h == nullptr) return;
  handle(h, name);
  delete static_cast<H*>(retire_handle(h, H::live));
}

void check_count(std::int32_t count, const char* name);
std::optional<int> decimals_arg(std::int32_t decimals);
indeval::scale scale_arg(std::int32_t scale);
indeval::polarity polarity_arg(std::int32_t polarity);
indeval::unit unit_arg(std::int32_t unit);
indeval::kernel kernel_arg(std::int32_t kernel);
/// Checks a target to be kept (indeval::storable_target): finite, or NaN for none.
void target_arg(double target);

/// The catalogue's compiled table (built on first use after a change), with every entry read on
/// scale `every` when given. Fails when the catalogue is empty.
std::shared_ptr<const rule_table> compiled_table(const indeval_catalogue& cat, std::optional<scale> every);

/// Clears an out-parameter for a new handle (so it is NULL on failure) after checking it.
template <class H>
void reset_out(H** out) {
  need(out, "out");
  *out = nullptr;
}

// ---- strings -----------------------------------------------------------------------------------

/// Copies `text` (UTF-8) into (buf, cap), sets *needed; fails with INDEVAL_E_BUFFER (after writing
/// what fits, cut at a character boundary) when it does not fit.
void write_text(std::string_view text, char* buf, std::int32_t cap, std::int32_t* needed);
/// The same into a UTF-16 buffer (invalid UTF-8 becomes U+FFFD).
void write_text(std::string_view text, std::uint16_t* buf, std::int32_t cap, std::int32_t* needed);

/// A NUL-terminated UTF-16 string as UTF-8; an unpaired surrogate fails with INDEVAL_E_ENCODING.
std::string from_utf16(const std::uint16_t* text, const char* name);
/// How many UTF-16 code units the first `bytes` bytes of a UTF-8 string make.
std::int32_t utf16_length_of_prefix(std::string_view utf8, std::size_t bytes) noexcept;

/// A NUL-terminated UTF-8 string that may be NULL (NULL: empty).
inline std::string_view optional_text(const char* text) noexcept {
  return text == nullptr ? std::string_view{} : std::string_view{text};
}

}  // namespace indeval::capi
