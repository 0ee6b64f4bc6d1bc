// Library-wide functions: versions, the last error, and the checks that the C codes are the core's.
#include <cmath>
#include <cstdint>
#include <indeval/decimal.hpp>
#include <indeval/direction.hpp>
#include <indeval/status.hpp>
#include <indeval/version.hpp>
#include <limits>

#include "internal.hpp"

namespace ic = indeval::capi;

// The header's codes are the core's enums, value for value.
#define INDEVAL_SAME_CODE(macro, value) \
  static_assert((macro) == static_cast<int>(value), #macro " must match " #value)

INDEVAL_SAME_CODE(INDEVAL_STATUS_NONE, indeval::status::none);
INDEVAL_SAME_CODE(INDEVAL_STATUS_RED, indeval::status::red);
INDEVAL_SAME_CODE(INDEVAL_STATUS_AMBER, indeval::status::amber);
INDEVAL_SAME_CODE(INDEVAL_STATUS_GREEN, indeval::status::green);
INDEVAL_SAME_CODE(INDEVAL_STATUS_BLUE, indeval::status::blue);
static_assert(indeval::status_count == 5, "a new status needs an INDEVAL_STATUS_ code");

INDEVAL_SAME_CODE(INDEVAL_REASON_RATED, indeval::reason::rated);
INDEVAL_SAME_CODE(INDEVAL_REASON_NO_DATA, indeval::reason::no_data);
INDEVAL_SAME_CODE(INDEVAL_REASON_NOT_RATED, indeval::reason::not_rated);
INDEVAL_SAME_CODE(INDEVAL_REASON_NEEDS_TARGET, indeval::reason::needs_target);
INDEVAL_SAME_CODE(INDEVAL_REASON_NEEDS_COHORT, indeval::reason::needs_cohort);
INDEVAL_SAME_CODE(INDEVAL_REASON_NOT_FINITE, indeval::reason::not_finite);
INDEVAL_SAME_CODE(INDEVAL_REASON_NEEDS_COMPARATOR, indeval::reason::needs_comparator);

INDEVAL_SAME_CODE(INDEVAL_DIRECTION_NONE, indeval::direction::none);
INDEVAL_SAME_CODE(INDEVAL_DIRECTION_IMPROVED, indeval::direction::improved);
INDEVAL_SAME_CODE(INDEVAL_DIRECTION_DECLINED, indeval::direction::declined);
INDEVAL_SAME_CODE(INDEVAL_DIRECTION_SAME, indeval::direction::same);
INDEVAL_SAME_CODE(INDEVAL_DIRECTION_UP, indeval::direction::up);
INDEVAL_SAME_CODE(INDEVAL_DIRECTION_DOWN, indeval::direction::down);

INDEVAL_SAME_CODE(INDEVAL_POLARITY_NEUTRAL, indeval::polarity::neutral);
INDEVAL_SAME_CODE(INDEVAL_POLARITY_BIB, indeval::polarity::bigger_is_better);
INDEVAL_SAME_CODE(INDEVAL_POLARITY_SIB, indeval::polarity::smaller_is_better);

INDEVAL_SAME_CODE(INDEVAL_SCALE_POINTS, indeval::scale::points);
INDEVAL_SAME_CODE(INDEVAL_SCALE_FRACTION, indeval::scale::fraction);

INDEVAL_SAME_CODE(INDEVAL_UNIT_COUNT, indeval::unit::count);
INDEVAL_SAME_CODE(INDEVAL_UNIT_PERCENT, indeval::unit::percent);
INDEVAL_SAME_CODE(INDEVAL_UNIT_DAYS, indeval::unit::days);
INDEVAL_SAME_CODE(INDEVAL_UNIT_AVERAGE, indeval::unit::average);
INDEVAL_SAME_CODE(INDEVAL_UNIT_RATE, indeval::unit::rate);

INDEVAL_SAME_CODE(INDEVAL_ORIENTATION_NONE, indeval::orientation::none);
INDEVAL_SAME_CODE(INDEVAL_ORIENTATION_RISING, indeval::orientation::rising);
INDEVAL_SAME_CODE(INDEVAL_ORIENTATION_FALLING, indeval::orientation::falling);

INDEVAL_SAME_CODE(INDEVAL_KERNEL_AUTOMATIC, indeval::kernel::automatic);
INDEVAL_SAME_CODE(INDEVAL_KERNEL_SCALAR, indeval::kernel::scalar);
INDEVAL_SAME_CODE(INDEVAL_KERNEL_AVX2, indeval::kernel::avx2);
INDEVAL_SAME_CODE(INDEVAL_KERNEL_AVX512, indeval::kernel::avx512);

INDEVAL_SAME_CODE(INDEVAL_SEVERITY_INFO, indeval::severity::info);
INDEVAL_SAME_CODE(INDEVAL_SEVERITY_WARNING, indeval::severity::warning);
INDEVAL_SAME_CODE(INDEVAL_SEVERITY_ERROR, indeval::severity::error);

static_assert(indeval::max_decimals == 15, "the header documents decimals as 0..15");
static_assert(std::numeric_limits<double>::has_quiet_NaN, "missing figures are NaN");

#undef INDEVAL_SAME_CODE

namespace {

// Reading the last error must not replace it, so this reports its own failures by code only.
template <class Char>
int32_t read_last_error(Char* buf, int32_t cap, int32_t* needed) noexcept {
  try {
    ic::write_text(ic::last_error(), buf, cap, needed);
    return INDEVAL_OK;
  } catch (const ic::failure& f) {
    return f.code;
  } catch (...) {
    return INDEVAL_E_NOMEM;
  }
}

}  // namespace

extern "C" {

INDEVAL_API int32_t INDEVAL_CALL indeval_version(int32_t* major, int32_t* minor, int32_t* patch) {
  if (major != nullptr) *major = INDEVAL_VERSION_MAJOR;
  if (minor != nullptr) *minor = INDEVAL_VERSION_MINOR;
  if (patch != nullptr) *patch = INDEVAL_VERSION_PATCH;
  return INDEVAL_OK;
}

INDEVAL_API int32_t INDEVAL_CALL indeval_version_string(char* buf, int32_t cap, int32_t* needed) {
  return ic::guard(__func__, [&] { ic::write_text(INDEVAL_VERSION_STRING, buf, cap, needed); });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_abi_version(int32_t* major, int32_t* minor) {
  if (major != nullptr) *major = INDEVAL_ABI_MAJOR;
  if (minor != nullptr) *minor = INDEVAL_ABI_MINOR;
  return INDEVAL_OK;
}

INDEVAL_API int32_t INDEVAL_CALL indeval_last_error(char* buf, int32_t cap, int32_t* needed) {
  return read_last_error(buf, cap, needed);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_last_error_w(uint16_t* buf, int32_t cap, int32_t* needed) {
  return read_last_error(buf, cap, needed);
}

INDEVAL_API int32_t INDEVAL_CALL indeval_no_figure(double* out) {
  return ic::guard(__func__, [&] {
    ic::need(out, "out");
    *out = indeval::no_figure;
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_widen_float32(const float* in, double* out, int32_t count) {
  return ic::guard(__func__, [&] {
    ic::check_count(count, "count");
    if (count == 0) return;
    ic::need(in, "in");
    ic::need(out, "out");
    const auto in_first = reinterpret_cast<std::uintptr_t>(in);
    const auto out_first = reinterpret_cast<std::uintptr_t>(out);
    const auto n = static_cast<std::uintptr_t>(count);
    if (in_first < out_first + n * sizeof(double) && out_first < in_first + n * sizeof(float))
      ic::fail(INDEVAL_E_RANGE, "in and out overlap");
    for (int32_t i = 0; i < count; ++i) out[i] = indeval::widen_float32(in[i]);
  });
}

}  // extern "C"
