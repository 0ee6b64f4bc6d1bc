// The bulk evaluator's compiled table as the kernels read it, and the kernels' entry points.
//
// This header is included by translation units compiled for different instruction sets. It must
// therefore define no function with external linkage: everything here is plain data, `static
// inline` helpers (internal to each translation unit) or declarations. Kernel sources must not call
// inline library functions (std::min, std::isnan, ...) whose out-of-line copies the linker could
// share with baseline code; they use compiler builtins instead.
#pragma once

#include <cstddef>
#include <cstdint>

// Only the enums of these headers are used here (no inline function of theirs is called).
#include "indeval/direction.hpp"
#include "indeval/evaluation.hpp"
#include "indeval/rule_set.hpp"
#include "indeval/status.hpp"

namespace indeval::detail::bulk {

/// Rating one row whose entry's bounds do not depend on the row, in four comparisons and a lookup.
///
/// x = v * sign (sign = -1 for falling rule sets, whose thresholds are ceilings). `c` holds the
/// exact x at which each threshold starts to hold, sorted ascending (+inf: never holds for a finite
/// value; -inf: always holds). For a finite x, k = #{j : x >= c[j]} decides the band; the lookup
/// index is k + 4 (value infinite) + 8 (value NaN), so NaN is 12 and +-inf 4..7.
struct alignas(64) entry_params {
  double c[3];
  double sign;
  std::int8_t status_lut[16];
  std::int8_t reason_lut[16];
};
static_assert(sizeof(entry_params) == 64);

/// The table as the one-entry-per-row kernels gather it: per entry the thresholds (c[0..2] of
/// entry_params, an array each) and one word with the outcomes: bytes 0..3 the status for k = 0..3,
/// bytes 4, 5, 6 the reason for a finite, an infinite and a NaN value, byte 7 nonzero when the
/// entry's thresholds are ceilings (x = -v).
struct mixed_table {
  const double* c0;
  const double* c1;
  const double* c2;
  const std::uint64_t* outcomes;
};

/// Rating rows whose bounds are relative to the row's target or cohort (points scale), for the
/// vector kernels. Rows they cannot decide exactly (huge values) get status 0xff, and are rated
/// again one by one.
struct relative_params {
  double number[3];
  indeval::basis basis[3];
  comparison op[3];
  status rating[3];
  std::int8_t count;     // thresholds: bands but the worst
  status worst;
  bool needs_target, needs_cohort;
  bool rounded;          // decimals declared: values rounded to `div` = 10^decimals
  double div;
  double own_target;     // when rows give no target
};
inline constexpr std::int8_t undecided_status = -1;

/// How direction of travel compares two values of an entry.
enum class dir_mode : std::int8_t {
  raw = 0,           // points, no rounding: compare the values
  round_points = 1,  // points rounded to `decimals`: compare the rounded values
  round_fraction = 2,  // fractions read as points, rounded: compare the rounded values
  fraction = 3,      // fractions read as points, unrounded: compare the values, near ties exactly
};

struct dir_params {
  double mul = 1.0;   // 10^decimals (points) or 10^(decimals + 2) (fraction)
  double div = 1.0;   // 10^decimals
  dir_mode mode = dir_mode::raw;
  direction gt = direction::up;    // when the value went up
  direction lt = direction::down;  // when it went down
  // What the exact scalar travel() takes, for the rare rows the fast path cannot decide.
  std::int8_t polarity = 0;
  std::int8_t orientation = 0;
  std::int8_t scale = 0;
  std::int8_t decimals = -1;  // -1: none
};

/// The exact direction code of one row (indeval::travel), for rows a kernel cannot decide.
std::int8_t travel_exact(const dir_params& d, double previous, double current) noexcept;

/// One instruction set's kernels.
struct kernel_set {
  /// Rows [0, n) all rated by entry `p`. `reason` may be null.
  void (*status_run)(const entry_params& p, const double* v, std::size_t n, std::int8_t* status,
                     std::int8_t* reason);
  /// Rows [0, n), row i rated by entry index[i] (indexes already checked). `reason` may be null.
  void (*status_mixed)(const mixed_table& table, const std::int32_t* index, const double* v,
                       std::size_t n, std::int8_t* status, std::int8_t* reason);
  /// Direction codes for rows [0, n) of one entry.
  void (*direction_run)(const dir_params& d, const double* previous, const double* current,
                        std::size_t n, std::int8_t* out);
  /// Rows [0, n) of an entry with bounds relative to a target or cohort (`target`, `cohort` may be
  /// null); rows it cannot decide exactly get undecided_status.
  void (*status_relative)(const relative_params& p, const double* v, const double* target,
                          const double* cohort, std::size_t n, std::int8_t* status,
                          std::int8_t* reason);
  /// The first row in [begin, end) whose index differs from `value`, or `end`.
  std::size_t (*run_end)(const std::int32_t* index, std::size_t begin, std::size_t end,
                         std::int32_t value);
  /// The first row in [begin, end) whose index is negative or >= size, or `end`.
  std::size_t (*first_outside)(const std::int32_t* index, std::size_t begin, std::size_t end,
                               std::uint32_t size);
};

extern const kernel_set scalar_kernels;
#if defined(INDEVAL_BULK_X86)
extern const kernel_set avx2_kernels;
extern const kernel_set avx512_kernels;
#endif

// ---- helpers shared by the kernels (internal linkage in each translation unit) -------------------

/// The rounded value of `v` as an integer count of 10^-decimals: round-half-away-from-zero of the
/// value as written (indeval::round_decimal), for points (`fraction` false, mul = 10^d) or for a
/// fraction read as points (mul = 10^(d+2)). Returns false when it cannot be decided quickly (the
/// value is huge, or a fraction sits within a few ulps under a tie), never a wrong answer.
/// round_exact (bulk_body.hpp) for one value, for the baseline code (bulk_scalar.cpp).
bool round_fast(double v, double mul, bool fraction, double& out) noexcept;

/// An enum's code, as the kernels write it into an output byte or a vector lane.
template <class Enum>
static constexpr std::int8_t code(Enum e) noexcept {
  return static_cast<std::int8_t>(e);
}

/// Direction code from the comparison of two rated values.
static inline std::int8_t direction_code(const dir_params& d, double before, double now) noexcept {
  return code(now == before ? direction::same : (now > before ? d.gt : d.lt));
}

/// Direction of one row without the exact fallback: returns -1 when it cannot decide.
static inline int direction_fast(const dir_params& d, double prev, double cur) noexcept {
  const bool finite = __builtin_fabs(prev) <= 1.7976931348623157e308 &&
                      __builtin_fabs(cur) <= 1.7976931348623157e308;
  if (!finite) return code(direction::none);
  switch (d.mode) {
    case dir_mode::raw: return direction_code(d, prev, cur);
    case dir_mode::round_points:
    case dir_mode::round_fraction: {
      double a = 0, b = 0;
      const bool frac = d.mode == dir_mode::round_fraction;
      if (!round_fast(prev, d.mul, frac, a) || !round_fast(cur, d.mul, frac, b)) return -1;
      return direction_code(d, a, b);
    }
    case dir_mode::fraction: {
      if (prev == cur) return code(direction::same);
      const double ap = __builtin_fabs(prev), ac = __builtin_fabs(cur);
      const double big = ap > ac ? ap : ac;
      const double gap = __builtin_fabs(cur - prev);
      // Reading as points (x100 as written) keeps the order, but may merge values a few ulps apart,
      // overflow past 1.7e306, or act on subnormals: leave those to the exact path.
      if (gap <= big * 0x1p-40 || big > 1e300 || gap < 1e-290) return -1;
      return code(cur > prev ? d.gt : d.lt);
    }
  }
  return -1;
}

}  // namespace indeval::detail::bulk
