// Kernel bodies written once, over an instruction set's traits (`Isa`), and instantiated by each
// kernel source (bulk_scalar.cpp, bulk_avx2.cpp, bulk_avx512.cpp) with its own compiler flags.
//
// Like bulk_kernels.hpp, this header is included by translation units compiled for different
// instruction sets: everything in it lives in an anonymous namespace, so each translation unit has
// its own copy and the linker never picks one built for another instruction set.
//
// Written once here, for scalar, AVX2 and AVX-512: every kernel (status_run, status_mixed,
// direction_run, status_relative, the index scans) and the rounding (round_exact, which also
// serves the baseline code as round_fast).
//
// What a traits struct provides (W = Isa::width doubles per vector):
//   vd, mask, lanes, bytes, table     a vector of W doubles; a comparison's result; W 64-bit lanes
//                                     of small integers; one block's 8W bytes; a 16-byte lookup
//   splat(d), load(p), load_part(p, left)  load_part: the first `left` (0..W) values, zeros after
//   compare<cmp>(a, b), nonfinite(x), is_nan(x)  masks
//   set_if(m, bit), add_one_if(l, m), or_if(l, m, bit)  lane arithmetic under a mask
//   or_byte<J>(acc, l)                acc | l << 8J, lane by lane
//   to_bytes(acc)                     byte J of lane q holds value W*J + q: put value i at byte i
//   make_table(lut), lookup(table, bytes)  each byte b to lut[b] (b < 16)
//   store(p, bytes), store_part(p, bytes, left)  all 8W bytes, or the first `left`
// and, for the rounding (round_exact):
//   abs, add, mul, sub, div, max, trunc
//   mask_or(m, n), mask_and(m, n), mask_andnot(m, n)  m | n, m & n, m & ~n
//   all(m)                            whether m holds in every lane
//   add_if(a, m, b)                   a + b where m holds, else a
//   copy_sign(a, x)                   a (>= 0) with the sign of x
// and, for the direction of travel:
//   none()                            a mask holding nowhere
//   bits(m)                           bit q set when m holds in lane q
// and, for bounds relative to a target or cohort:
//   every()                           a mask holding everywhere
//   splat_lanes(i), select(a, m, b)   i in every lane; b where m holds, else a
//   store_lanes(p, l, left)           the low byte of the first `left` (1..W) lanes
// and, for one entry per row (status_mixed):
//   entries, load_entries(p), load_entries_part(p, left)  W int32 entry numbers (0 past `left`)
//   gather(base, e), gather_word(words, e)  base[e] as a vd; words[e] as lanes
//   falling(word), negate_if(x, m)    byte 7 of the word set; -x where m holds
//   byte_of(word, k)                  byte k (a lane's small value) of each lane's word
// and, for scanning the index (ints_width int32 values a vector, at most 16):
//   ints, load_ints(p), splat_ints(i)
//   ints_differ(x, v), ints_above(x, last)  masks as bits: x != v; x > last as unsigned
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "bulk_kernels.hpp"

namespace indeval::detail::bulk {
namespace {

/// The comparisons the kernels make, by name: false when either side is NaN, but for not_lt
/// (!(a < b)), which is true then.
enum class cmp : std::uint8_t { ge, le, gt, lt, eq, not_lt };

/// The bits of a value's lookup index above its count of thresholds held (see entry_params).
enum class lut_bit : unsigned { nonfinite = 4, nan = 8 };

/// How far ahead of the rows being rated their columns are prefetched, in values (4 KiB). The
/// hardware prefetchers alone left the kernels 1.3x slower than a bare compare-and-store loop over
/// the same bytes; with this, about 1.1x.
inline constexpr std::size_t prefetch_distance = 512;

/// Asks for the cache lines of `count` values of a column, prefetch_distance values ahead of `p`
/// (a prefetch never faults, even past the end of the column).
template <std::size_t Count>
inline void prefetch_ahead(const double* p) {
  [&]<std::size_t... L>(std::index_sequence<L...>) {
    (__builtin_prefetch(p + prefetch_distance + 8 * L), ...);
  }(std::make_index_sequence<(Count + 7) / 8>{});
}

// ---- status, one entry ------------------------------------------------------------------------

// Rows [0, n) rated by entry `p`, a block of 8 vectors at a time: each value's lookup index in a
// 64-bit lane, the block's eight vectors packed a byte per value into one register, one lookup.
// T: how many thresholds can hold for a finite value (the others are +inf, listed last).
template <class Isa, bool Falling, bool Reason, int T>
void status_run_t(const entry_params& p, const double* v, std::size_t n, std::int8_t* status,
                  std::int8_t* reason) {
  using vd = typename Isa::vd;
  constexpr std::size_t width = Isa::width;
  constexpr std::size_t block = 8 * width;
  // x = v * sign >= c  <=>  v <= -c for falling rule sets (negation is exact).
  constexpr cmp op = Falling ? cmp::le : cmp::ge;
  const double sign = Falling ? -1.0 : 1.0;
  const vd c0 = Isa::splat(sign * p.c[0]);
  const vd c1 = Isa::splat(sign * p.c[1]);
  const vd c2 = Isa::splat(sign * p.c[2]);
  const auto lut_s = Isa::make_table(p.status_lut);
  const auto lut_r = Isa::make_table(p.reason_lut);
  const auto index_of = [&](vd x) {
    auto idx = Isa::set_if(Isa::nonfinite(x), lut_bit::nonfinite);
    if constexpr (T >= 1) idx = Isa::add_one_if(idx, Isa::template compare<op>(x, c0));
    if constexpr (T >= 2) idx = Isa::add_one_if(idx, Isa::template compare<op>(x, c1));
    if constexpr (T >= 3) idx = Isa::add_one_if(idx, Isa::template compare<op>(x, c2));
    if constexpr (Reason) idx = Isa::or_if(idx, Isa::is_nan(x), lut_bit::nan);
    return idx;
  };
  // A block's lookup indexes, a byte each, in row order. The loads ascend, as the hardware
  // prefetchers expect of a stream (descending loads within a block halved the throughput).
  const auto block_bytes = [&](auto load) {
    auto acc = Isa::zero();
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      ((acc = Isa::template or_byte<J>(acc, index_of(load(J)))), ...);
    }(std::make_index_sequence<8>{});
    return Isa::to_bytes(acc);
  };
  std::size_t i = 0;
  for (; i + block <= n; i += block) {
    prefetch_ahead<block>(v + i);
    const auto bytes = block_bytes([&](std::size_t j) { return Isa::load(v + i + j * width); });
    Isa::store(status + i, Isa::lookup(lut_s, bytes));
    if constexpr (Reason) Isa::store(reason + i, Isa::lookup(lut_r, bytes));
  }
  if (i < n) {  // the last 1 .. block - 1 values
    const std::size_t left = n - i;
    const auto bytes = block_bytes([&](std::size_t j) {
      return Isa::load_part(v + i + j * width, left > j * width ? left - j * width : 0);
    });
    Isa::store_part(status + i, Isa::lookup(lut_s, bytes), left);
    if constexpr (Reason) Isa::store_part(reason + i, Isa::lookup(lut_r, bytes), left);
  }
}

template <class Isa, bool Falling, bool Reason>
void status_run_b(const entry_params& p, const double* v, std::size_t n, std::int8_t* status,
                  std::int8_t* reason) {
  const double inf = __builtin_inf();
  switch ((p.c[0] < inf) + (p.c[1] < inf) + (p.c[2] < inf)) {
    case 0: status_run_t<Isa, Falling, Reason, 0>(p, v, n, status, reason); return;
    case 1: status_run_t<Isa, Falling, Reason, 1>(p, v, n, status, reason); return;
    case 2: status_run_t<Isa, Falling, Reason, 2>(p, v, n, status, reason); return;
    default: status_run_t<Isa, Falling, Reason, 3>(p, v, n, status, reason); return;
  }
}

/// kernel_set::status_run of one instruction set.
template <class Isa>
void status_run(const entry_params& p, const double* v, std::size_t n, std::int8_t* status,
                std::int8_t* reason) {
  const bool falling = p.sign < 0;
  if (reason != nullptr) {
    if (falling) status_run_b<Isa, true, true>(p, v, n, status, reason);
    else status_run_b<Isa, false, true>(p, v, n, status, reason);
  } else {
    if (falling) status_run_b<Isa, true, false>(p, v, n, status, nullptr);
    else status_run_b<Isa, false, false>(p, v, n, status, nullptr);
  }
}

// ---- status, one entry per row -----------------------------------------------------------------

/// kernel_set::status_mixed of one instruction set: a vector of rows at a time, each row's entry
/// gathered from the table (mixed_table): its thresholds and its outcome word.
template <class Isa>
void status_mixed(const mixed_table& t, const std::int32_t* index, const double* v, std::size_t n,
                  std::int8_t* status, std::int8_t* reason) {
  using vd = typename Isa::vd;
  constexpr std::size_t width = Isa::width;
  // Rows [i, i + left), left <= width; lanes past the last row read entry 0 and are not stored.
  const auto rate = [&](std::size_t i, std::size_t left, auto load, auto load_entries) {
    const auto e = load_entries(index + i);
    const auto word = Isa::gather_word(t.outcomes, e);
    const vd value = load(v + i);
    const vd x = Isa::negate_if(value, Isa::falling(word));  // x = v * sign
    auto k = Isa::zero();
    k = Isa::add_one_if(k, Isa::template compare<cmp::ge>(x, Isa::gather(t.c0, e)));
    k = Isa::add_one_if(k, Isa::template compare<cmp::ge>(x, Isa::gather(t.c1, e)));
    k = Isa::add_one_if(k, Isa::template compare<cmp::ge>(x, Isa::gather(t.c2, e)));
    const auto nonfinite = Isa::nonfinite(value);
    Isa::store_lanes(status + i, Isa::select(Isa::byte_of(word, k), nonfinite, Isa::zero()), left);
    if (reason != nullptr) {  // byte 4, 5 or 6 of the word: finite, infinite, NaN
      auto at = Isa::add_one_if(Isa::splat_lanes(4), nonfinite);
      at = Isa::add_one_if(at, Isa::is_nan(value));
      Isa::store_lanes(reason + i, Isa::byte_of(word, at), left);
    }
  };
  std::size_t i = 0;
  for (; i + width <= n; i += width)
    rate(i, width, [](const double* at) { return Isa::load(at); },
         [](const std::int32_t* at) { return Isa::load_entries(at); });
  if (i < n) {
    const std::size_t left = n - i;
    rate(i, left, [left](const double* at) { return Isa::load_part(at, left); },
         [left](const std::int32_t* at) { return Isa::load_entries_part(at, left); });
  }
}

// ---- scanning the index ------------------------------------------------------------------------

// The first row in [j, end) whose index `differs` (a mask of Isa::ints_width bits for a vector of
// indexes), or `end`: four vectors at a time, then row by row.
template <class Isa, class Differs, class DiffersOne>
std::size_t first_that(const std::int32_t* index, std::size_t j, std::size_t end, Differs differs,
                       DiffersOne differs_one) {
  constexpr std::size_t w = Isa::ints_width;
  for (; j + 4 * w <= end; j += 4 * w) {
    const std::uint64_t m = std::uint64_t{differs(Isa::load_ints(index + j))} |
                            std::uint64_t{differs(Isa::load_ints(index + j + w))} << w |
                            std::uint64_t{differs(Isa::load_ints(index + j + 2 * w))} << (2 * w) |
                            std::uint64_t{differs(Isa::load_ints(index + j + 3 * w))} << (3 * w);
    if (m != 0) return j + static_cast<std::size_t>(__builtin_ctzll(m));
  }
  for (; j < end; ++j)
    if (differs_one(index[j])) return j;
  return end;
}

/// kernel_set::run_end of one instruction set.
template <class Isa>
std::size_t run_end(const std::int32_t* index, std::size_t j, std::size_t end, std::int32_t value) {
  const auto v = Isa::splat_ints(value);
  return first_that<Isa>(index, j, end, [&](auto x) { return Isa::ints_differ(x, v); },
                         [value](std::int32_t x) { return x != value; });
}

/// kernel_set::first_outside of one instruction set (size >= 1).
template <class Isa>
std::size_t first_outside(const std::int32_t* index, std::size_t j, std::size_t end, std::uint32_t size) {
  const auto last = Isa::splat_ints(static_cast<std::int32_t>(size - 1));
  return first_that<Isa>(index, j, end, [&](auto x) { return Isa::ints_above(x, last); },
                         [size](std::int32_t x) { return static_cast<std::uint32_t>(x) >= size; });
}

// ---- rounding to decimals ----------------------------------------------------------------------

/// The constants of round_exact for values rounded to steps of 1 / mul.
template <class Isa>
struct rounding {
  explicit rounding(double m)
      : mul(Isa::splat(m)), mul2(Isa::splat(2.0 * m)), one(Isa::splat(1.0)), half(Isa::splat(0.5)),
        big(Isa::splat(1e14)), rel44(Isa::splat(0x1p-44)), rel48(Isa::splat(0x1p-48)) {}
  typename Isa::vd mul, mul2, one, half, big, rel44, rel48;
};

/// The rounded values of `x` as signed integer counts of steps of 1 / mul: round-half-away-from-
/// zero of each value as written (indeval::round_decimal), for points (mul = 10^d) or for a
/// fraction read as points (Fraction, mul = 10^(d+2)). `undecided` gets the lanes it cannot decide
/// (huge values, fractions within a few ulps under a tie), which the callers rate again exactly;
/// a decided lane is never wrong. The one rounding of every kernel (and of round_fast).
///
/// Why it is exact: y = |x| * mul is within 2^-51 y of the written decimal times mul, so unless y
/// is that close to a tie, rounding y rounds the written value. Near a tie q = (t + 0.5) / mul, a
/// decimal of at most 15 significant digits (y < 1e14), which is therefore the only such decimal
/// of its double: the written value is >= q exactly when |x| >= h, the double nearest q, and
/// h = (2t + 1) / (2 mul) is that double (2t + 1 and 2 mul are exact, the division rounded once).
template <class Isa, bool Fraction>
typename Isa::vd round_exact(typename Isa::vd x, const rounding<Isa>& r, typename Isa::mask& undecided) {
  const auto ax = Isa::abs(x);
  const auto a = Isa::mul(ax, r.mul);
  const auto t = Isa::trunc(a);
  const auto f = Isa::sub(a, t);  // exact
  const auto far = Isa::template compare<cmp::gt>(Isa::abs(Isa::sub(f, r.half)),
                                                  Isa::mul(Isa::add(a, r.one), r.rel44));
  auto up = Isa::template compare<cmp::gt>(f, r.half);
  undecided = Isa::template compare<cmp::not_lt>(a, r.big);
  if (!Isa::all(Isa::mask_or(far, undecided))) {  // near a tie: against the tie's double
    const auto h = Isa::div(Isa::add(Isa::add(t, t), r.one), r.mul2);
    const auto at_or_above = Isa::template compare<cmp::ge>(ax, h);
    up = Isa::mask_or(Isa::mask_and(far, up), Isa::mask_andnot(at_or_above, far));
    if constexpr (Fraction) {
      // A fraction just under a tie may still read as points exactly on it: leave those.
      const auto close = Isa::template compare<cmp::le>(Isa::sub(h, ax), Isa::mul(h, r.rel48));
      undecided = Isa::mask_or(undecided, Isa::mask_andnot(Isa::mask_andnot(close, at_or_above), far));
    }
  }
  return Isa::copy_sign(Isa::add_if(t, up, r.one), x);
}

// ---- direction of travel ----------------------------------------------------------------------

/// The lookup index of a row's direction code: 0 same, 1 up, 2 down, 4 (lut_bit::nonfinite) none.
enum class travel_index : std::uint8_t { same = 0, up = 1, down = 2 };

// Rows [0, n) of one entry, a block of 8 vectors at a time; the rows the vectors cannot decide
// are done again by travel_exact.
template <class Isa, dir_mode Mode>
void direction_run_t(const dir_params& d, const double* prev, const double* cur, std::size_t n,
                     std::int8_t* out) {
  using vd = typename Isa::vd;
  constexpr std::size_t width = Isa::width;
  constexpr std::size_t block = 8 * width;
  const rounding<Isa> r(d.mul);
  const vd rel50 = Isa::splat(0x1p-50), rel40 = Isa::splat(0x1p-40);
  const vd huge = Isa::splat(1e300), tiny = Isa::splat(1e-290);
  alignas(16) std::int8_t lut_bytes[16] = {};
  lut_bytes[static_cast<unsigned>(travel_index::same)] = code(direction::same);
  lut_bytes[static_cast<unsigned>(travel_index::up)] = code(d.gt);
  lut_bytes[static_cast<unsigned>(travel_index::down)] = code(d.lt);
  lut_bytes[static_cast<unsigned>(lut_bit::nonfinite)] = code(direction::none);
  const auto lut = Isa::make_table(lut_bytes);
  // One vector's lookup indexes; its undecided lanes into `undecided`.
  const auto step = [&](vd p, vd c, typename Isa::mask& undecided) {
    const auto nf = Isa::mask_or(Isa::nonfinite(p), Isa::nonfinite(c));
    vd a = p, b = c;
    undecided = Isa::none();
    if constexpr (Mode == dir_mode::round_points || Mode == dir_mode::round_fraction) {
      // Values more than one rounding step apart keep their order and stay apart when rounded
      // (rounding moves each by at most half a step): only closer pairs need rounding.
      const vd yp = Isa::mul(p, r.mul), yc = Isa::mul(c, r.mul);
      const vd slack = Isa::add(Isa::mul(Isa::add(Isa::abs(yp), Isa::abs(yc)), rel50), r.one);
      const auto far = Isa::template compare<cmp::gt>(Isa::abs(Isa::sub(yc, yp)), slack);
      if (!Isa::all(Isa::mask_or(far, nf))) {
        typename Isa::mask ua, ub;
        a = round_exact<Isa, Mode == dir_mode::round_fraction>(p, r, ua);
        b = round_exact<Isa, Mode == dir_mode::round_fraction>(c, r, ub);
        undecided = Isa::mask_andnot(Isa::mask_or(ua, ub), nf);
      }
    } else if constexpr (Mode == dir_mode::fraction) {
      // Reading as points keeps the order, but may merge values a few ulps apart, overflow past
      // 1.7e306, or act on subnormals: leave those to the exact path (as direction_fast does).
      const vd big = Isa::max(Isa::abs(p), Isa::abs(c));
      const vd gap = Isa::abs(Isa::sub(c, p));
      auto u = Isa::template compare<cmp::le>(gap, Isa::mul(big, rel40));
      u = Isa::mask_or(u, Isa::template compare<cmp::gt>(big, huge));
      u = Isa::mask_or(u, Isa::template compare<cmp::lt>(gap, tiny));
      u = Isa::mask_andnot(u, Isa::template compare<cmp::eq>(p, c));
      undecided = Isa::mask_andnot(u, nf);
    }
    auto idx = Isa::set_if(nf, lut_bit::nonfinite);
    idx = Isa::add_one_if(idx, Isa::template compare<cmp::gt>(b, a));
    const auto down = Isa::template compare<cmp::lt>(b, a);
    return Isa::add_one_if(Isa::add_one_if(idx, down), down);
  };
  // Rows [i, i + left) (left <= block): codes stored, undecided rows done exactly.
  const auto do_block = [&](std::size_t i, std::size_t left, auto load) {
    auto acc = Isa::zero();
    std::uint64_t undecided_bits = 0;
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      ((acc = Isa::template or_byte<J>(acc, [&] {
          typename Isa::mask u;
          const auto idx = step(load(prev + i + J * width, J), load(cur + i + J * width, J), u);
          undecided_bits |= std::uint64_t{Isa::bits(u)} << (J * width);
          return idx;
        }())), ...);
    }(std::make_index_sequence<8>{});
    const auto codes = Isa::lookup(lut, Isa::to_bytes(acc));
    if (left == block) {
      Isa::store(out + i, codes);
    } else {
      Isa::store_part(out + i, codes, left);
      undecided_bits &= (std::uint64_t{1} << left) - 1;
    }
    while (undecided_bits != 0) {
      const int q = __builtin_ctzll(undecided_bits);
      undecided_bits &= undecided_bits - 1;
      out[i + q] = travel_exact(d, prev[i + q], cur[i + q]);
    }
  };
  std::size_t i = 0;
  for (; i + block <= n; i += block) {
    prefetch_ahead<block>(prev + i);
    prefetch_ahead<block>(cur + i);
    do_block(i, block, [](const double* at, std::size_t) { return Isa::load(at); });
  }
  if (i < n) {
    const std::size_t left = n - i;
    do_block(i, left, [left](const double* at, std::size_t j) {
      return Isa::load_part(at, left > j * width ? left - j * width : 0);
    });
  }
}

/// kernel_set::direction_run of one instruction set.
template <class Isa>
void direction_run(const dir_params& d, const double* prev, const double* cur, std::size_t n,
                   std::int8_t* out) {
  switch (d.mode) {
    case dir_mode::raw: direction_run_t<Isa, dir_mode::raw>(d, prev, cur, n, out); return;
    case dir_mode::round_points: direction_run_t<Isa, dir_mode::round_points>(d, prev, cur, n, out); return;
    case dir_mode::round_fraction: direction_run_t<Isa, dir_mode::round_fraction>(d, prev, cur, n, out); return;
    case dir_mode::fraction: direction_run_t<Isa, dir_mode::fraction>(d, prev, cur, n, out); return;
  }
}

// ---- status, bounds relative to the row's target or cohort -----------------------------------

/// kernel_set::status_relative of one instruction set: a vector of rows at a time. Rows it cannot
/// decide exactly get undecided_status.
template <class Isa>
void status_relative(const relative_params& p, const double* v, const double* target,
                     const double* cohort, std::size_t n, std::int8_t* status, std::int8_t* reason) {
  using vd = typename Isa::vd;
  using lanes = typename Isa::lanes;
  constexpr std::size_t width = Isa::width;
  const vd nan = Isa::splat(__builtin_nan(""));
  const vd hundred = Isa::splat(100.0);
  const vd div = Isa::splat(p.div);
  const vd rel48 = Isa::splat(0x1p-48);
  const rounding<Isa> steps(p.div);  // values rounded to the declared decimals
  const auto set_where = [](lanes to, typename Isa::mask where, auto value) {
    return Isa::select(to, where, Isa::splat_lanes(code(value)));
  };
  // Bounds that are the row's figure itself (100% of it, or it + 0): exact as they stand, so the
  // many values equal to their target (3% of LAIT's rows) need no second look.
  bool is_figure[3] = {};
  for (int b = 0; b < p.count && b < 3; ++b)
    is_figure[b] = ((p.basis[b] == basis::target_percent || p.basis[b] == basis::cohort_percent) &&
                    p.number[b] == 100.0) ||
                   (p.basis[b] == basis::target_points && p.number[b] == 0.0);
  // Rows [i, i + left), left <= width; `load` reads a column's vector there.
  const auto rate = [&](std::size_t i, std::size_t left, auto load) {
    // Lanes past the last row hold zeros; they are not stored.
    const vd x = load(v + i);
    const vd t = target != nullptr ? load(target + i) : Isa::splat(p.own_target);
    const vd c = cohort != nullptr ? load(cohort + i) : nan;
    // Why, in order of precedence (the last written wins).
    auto unrated = Isa::nonfinite(x);
    lanes why = Isa::zero();
    if (p.needs_cohort) {
      why = set_where(why, Isa::nonfinite(c), reason::needs_cohort);
      unrated = Isa::mask_or(unrated, Isa::nonfinite(c));
    }
    if (p.needs_target) {
      why = set_where(why, Isa::nonfinite(t), reason::needs_target);
      unrated = Isa::mask_or(unrated, Isa::nonfinite(t));
    }
    const auto x_nan = Isa::is_nan(x);
    why = set_where(why, Isa::mask_andnot(Isa::nonfinite(x), x_nan), reason::not_finite);
    why = set_where(why, x_nan, reason::no_data);
    // The value as rated: rounded exactly as round_decimal (see round_exact), else as is.
    vd r = x;
    auto undecided = Isa::none();
    if (p.rounded) {
      typename Isa::mask huge;
      const vd signed_n = round_exact<Isa, false>(x, steps, huge);
      undecided = Isa::mask_andnot(huge, Isa::nonfinite(x));
      r = Isa::div(signed_n, div);  // the double nearest n / 10^d, as round_decimal gives
    }
    // The best band whose threshold holds: from the worst up, each met threshold overrides.
    lanes st = Isa::splat_lanes(code(p.worst));
    for (int b = p.count - 1; b >= 0; --b) {
      const vd num = Isa::splat(p.number[b]);
      vd at;
      switch (p.basis[b]) {
        case basis::target_percent: at = Isa::div(Isa::mul(t, num), hundred); break;
        case basis::target_points: at = Isa::add(t, num); break;
        case basis::cohort_percent: at = Isa::div(Isa::mul(c, num), hundred); break;
        default: at = num; break;
      }
      if (is_figure[b]) {
        at = p.basis[b] == basis::cohort_percent ? c : t;  // exact: nothing to rate again
      } else if (p.basis[b] != basis::absolute) {
        // A relative bound is exact as written (bound::resolve); the binary one here can be an ulp
        // or two off it, so rows that close to it are rated again one by one.
        const vd scale_of = Isa::add(Isa::add(Isa::abs(at), Isa::abs(num)),
                                     Isa::abs(p.basis[b] == basis::cohort_percent ? c : t));
        const vd gap = Isa::abs(Isa::sub(r, at));
        undecided = Isa::mask_or(undecided, Isa::template compare<cmp::le>(gap, Isa::mul(scale_of, rel48)));
      }
      typename Isa::mask holds;
      switch (p.op[b]) {
        case comparison::at_least: holds = Isa::template compare<cmp::ge>(r, at); break;
        case comparison::above: holds = Isa::template compare<cmp::gt>(r, at); break;
        case comparison::at_most: holds = Isa::template compare<cmp::le>(r, at); break;
        default: holds = Isa::template compare<cmp::lt>(r, at); break;
      }
      st = set_where(st, holds, p.rating[b]);
    }
    const auto rated = Isa::mask_andnot(Isa::every(), unrated);
    st = Isa::select(Isa::zero(), rated, st);
    st = Isa::select(st, Isa::mask_and(undecided, rated), Isa::splat_lanes(undecided_status));
    Isa::store_lanes(status + i, st, left);
    if (reason != nullptr) Isa::store_lanes(reason + i, why, left);
  };
  // Whole vectors loaded as such: a partial load (through memory, for AVX2) stalls the load that
  // follows its stores, which once cost more than all the rest of the work.
  std::size_t i = 0;
  // (No prefetching: this kernel is bound by its arithmetic, and prefetches slowed it by 7%.)
  for (; i + width <= n; i += width) rate(i, width, [](const double* at) { return Isa::load(at); });
  if (i < n) {
    const std::size_t left = n - i;
    rate(i, left, [left](const double* at) { return Isa::load_part(at, left); });
  }
}

}  // namespace
}  // namespace indeval::detail::bulk
