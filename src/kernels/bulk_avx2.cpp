// AVX2 kernels of the bulk evaluator (this file alone is compiled with -mavx2).
//
// Rating: four values per vector; each value's lookup index (0..15) is built in a 64-bit lane, and
// eight vectors are packed into one register, a byte per value, before one shuffle does the lookup.
#include <immintrin.h>

#include "bulk_kernels.hpp"

namespace indeval::detail::bulk {
namespace {

constexpr double two_46 = 0x1p-46;
constexpr double two_40 = 0x1p-40;

struct consts {
  __m256d absmask = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
  __m256d signmask = _mm256_castsi256_pd(_mm256_set1_epi64x(static_cast<long long>(0x8000000000000000ULL)));
  __m256d inf = _mm256_set1_pd(__builtin_inf());
  __m256i four = _mm256_set1_epi64x(4);
  __m256i eight = _mm256_set1_epi64x(8);
  // Bytes of qword q, byte j (value 4j + q of a 32-value block) to byte 4j + q.
  __m256i perm = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
  __m256i transpose = _mm256_setr_epi8(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15,  //
                                       0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
};

inline __m256i to_bytes(__m256i acc, const consts& k) {
  return _mm256_shuffle_epi8(_mm256_permutevar8x32_epi32(acc, k.perm), k.transpose);
}

inline __m256i broadcast_lut(const std::int8_t* lut) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(lut)));
}

inline void store32(std::int8_t* out, __m256i v) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), v);
}

// ---- status, one entry ------------------------------------------------------------------------

// T: how many thresholds can hold for a finite value (the others are +inf, listed last).
template <bool Falling, bool Reason, int T>
void status_run_t(const entry_params& p, const double* v, std::size_t n, std::int8_t* status,
                  std::int8_t* reason) {
  const consts k;
  const double s = Falling ? -1.0 : 1.0;
  const __m256d c0 = _mm256_set1_pd(s * p.c[0]);
  const __m256d c1 = _mm256_set1_pd(s * p.c[1]);
  const __m256d c2 = _mm256_set1_pd(s * p.c[2]);
  const __m256i lut_s = broadcast_lut(p.status_lut);
  const __m256i lut_r = broadcast_lut(p.reason_lut);
  constexpr int op = Falling ? _CMP_LE_OQ : _CMP_GE_OQ;
  // 32 values from `at` to their lookup indexes, a byte each, in order.
  const auto block = [&](const double* at) {
    __m256i acc = _mm256_setzero_si256();
#pragma GCC unroll 8
    for (int j = 7; j >= 0; --j) {
      const __m256d x = _mm256_loadu_pd(at + 4 * j);
      const __m256d a = _mm256_and_pd(x, k.absmask);
      __m256i idx = _mm256_and_si256(_mm256_castpd_si256(_mm256_cmp_pd(a, k.inf, _CMP_NLT_UQ)), k.four);
      if constexpr (T >= 1) idx = _mm256_sub_epi64(idx, _mm256_castpd_si256(_mm256_cmp_pd(x, c0, op)));
      if constexpr (T >= 2) idx = _mm256_sub_epi64(idx, _mm256_castpd_si256(_mm256_cmp_pd(x, c1, op)));
      if constexpr (T >= 3) idx = _mm256_sub_epi64(idx, _mm256_castpd_si256(_mm256_cmp_pd(x, c2, op)));
      if constexpr (Reason)
        idx = _mm256_or_si256(idx, _mm256_and_si256(_mm256_castpd_si256(_mm256_cmp_pd(x, x, _CMP_UNORD_Q)), k.eight));
      acc = _mm256_or_si256(_mm256_slli_epi64(acc, 8), idx);
    }
    return to_bytes(acc, k);
  };
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i bytes = block(v + i);
    store32(status + i, _mm256_shuffle_epi8(lut_s, bytes));
    if constexpr (Reason) store32(reason + i, _mm256_shuffle_epi8(lut_r, bytes));
  }
  if (i < n) {  // the last 1..31 values, through a padded copy
    const std::size_t left = n - i;
    alignas(32) double pad[32] = {};
    alignas(32) std::int8_t out_s[32], out_r[32];
    __builtin_memcpy(pad, v + i, left * sizeof(double));
    const __m256i bytes = block(pad);
    store32(out_s, _mm256_shuffle_epi8(lut_s, bytes));
    __builtin_memcpy(status + i, out_s, left);
    if constexpr (Reason) {
      store32(out_r, _mm256_shuffle_epi8(lut_r, bytes));
      __builtin_memcpy(reason + i, out_r, left);
    }
  }
}

template <bool Falling, bool Reason>
void status_run_b(const entry_params& p, const double* v, std::size_t n, std::int8_t* status,
                  std::int8_t* reason) {
  const double inf = __builtin_inf();
  switch ((p.c[0] < inf) + (p.c[1] < inf) + (p.c[2] < inf)) {
    case 0: status_run_t<Falling, Reason, 0>(p, v, n, status, reason); return;
    case 1: status_run_t<Falling, Reason, 1>(p, v, n, status, reason); return;
    case 2: status_run_t<Falling, Reason, 2>(p, v, n, status, reason); return;
    default: status_run_t<Falling, Reason, 3>(p, v, n, status, reason); return;
  }
}

void status_run(const entry_params& p, const double* v, std::size_t n, std::int8_t* status,
                std::int8_t* reason) {
  const bool falling = p.sign < 0;
  if (reason != nullptr) {
    if (falling) status_run_b<true, true>(p, v, n, status, reason);
    else status_run_b<false, true>(p, v, n, status, reason);
  } else {
    if (falling) status_run_b<true, false>(p, v, n, status, nullptr);
    else status_run_b<false, false>(p, v, n, status, nullptr);
  }
}

// ---- status, one entry per row ----------------------------------------------------------------

void status_mixed(const entry_params* /*table*/, const mixed_table& t, const std::int32_t* index,
                  const double* v, std::size_t n, std::int8_t* status, std::int8_t* reason) {
  const consts k;
  const __m256d all = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
  const __m256i all64 = _mm256_set1_epi64x(-1);
  const __m256i low = _mm256_set1_epi64x(0xff);
  const __m256i falling_byte = _mm256_set1_epi64x(static_cast<long long>(0xff00000000000000ULL));
  // Four int64 lanes (small values) to four bytes.
  const auto bytes4 = [](__m256i q) {
    const __m128i d = _mm_castps_si128(_mm_shuffle_ps(_mm_castsi128_ps(_mm256_castsi256_si128(q)),
                                                      _mm_castsi128_ps(_mm256_extracti128_si256(q, 1)),
                                                      _MM_SHUFFLE(2, 0, 2, 0)));
    const __m128i w = _mm_packs_epi32(d, d);
    return _mm_cvtsi128_si32(_mm_packs_epi16(w, w));
  };
  const auto rate4 = [&](__m128i e, __m256d vv, int& st_bytes, int& rs_bytes) {
    const __m256d c0 = _mm256_mask_i32gather_pd(_mm256_setzero_pd(), t.c0, e, all, 8);
    const __m256d c1 = _mm256_mask_i32gather_pd(_mm256_setzero_pd(), t.c1, e, all, 8);
    const __m256d c2 = _mm256_mask_i32gather_pd(_mm256_setzero_pd(), t.c2, e, all, 8);
    const __m256i word = _mm256_mask_i32gather_epi64(_mm256_setzero_si256(),
                                                     reinterpret_cast<const long long*>(t.outcomes), e, all64, 8);
    const __m256i rising = _mm256_cmpeq_epi64(_mm256_and_si256(word, falling_byte), _mm256_setzero_si256());
    const __m256d x = _mm256_xor_pd(vv, _mm256_andnot_pd(_mm256_castsi256_pd(rising), k.signmask));
    __m256i kk = _mm256_setzero_si256();
    kk = _mm256_sub_epi64(kk, _mm256_castpd_si256(_mm256_cmp_pd(x, c0, _CMP_GE_OQ)));
    kk = _mm256_sub_epi64(kk, _mm256_castpd_si256(_mm256_cmp_pd(x, c1, _CMP_GE_OQ)));
    kk = _mm256_sub_epi64(kk, _mm256_castpd_si256(_mm256_cmp_pd(x, c2, _CMP_GE_OQ)));
    const __m256i nonfinite = _mm256_castpd_si256(_mm256_cmp_pd(_mm256_and_pd(vv, k.absmask), k.inf, _CMP_NLT_UQ));
    st_bytes = bytes4(_mm256_andnot_si256(nonfinite, _mm256_and_si256(_mm256_srlv_epi64(word, _mm256_slli_epi64(kk, 3)), low)));
    if (reason != nullptr) {
      const __m256i nan = _mm256_castpd_si256(_mm256_cmp_pd(vv, vv, _CMP_UNORD_Q));
      // Byte 4, 5 or 6: finite, infinite, NaN.
      const __m256i at = _mm256_add_epi64(_mm256_set1_epi64x(32),
                                          _mm256_add_epi64(_mm256_and_si256(nonfinite, _mm256_set1_epi64x(8)),
                                                           _mm256_and_si256(nan, _mm256_set1_epi64x(8))));
      rs_bytes = bytes4(_mm256_and_si256(_mm256_srlv_epi64(word, at), low));
    }
  };
  std::size_t i = 0;
  int st_bytes = 0, rs_bytes = 0;
  for (; i + 4 <= n; i += 4) {
    rate4(_mm_loadu_si128(reinterpret_cast<const __m128i*>(index + i)), _mm256_loadu_pd(v + i), st_bytes, rs_bytes);
    __builtin_memcpy(status + i, &st_bytes, 4);
    if (reason != nullptr) __builtin_memcpy(reason + i, &rs_bytes, 4);
  }
  if (i < n) {
    alignas(16) std::int32_t es[4] = {0, 0, 0, 0};
    alignas(32) double vs[4] = {0, 0, 0, 0};
    const std::size_t left = n - i;
    __builtin_memcpy(es, index + i, left * sizeof(std::int32_t));
    __builtin_memcpy(vs, v + i, left * sizeof(double));
    rate4(_mm_load_si128(reinterpret_cast<const __m128i*>(es)), _mm256_load_pd(vs), st_bytes, rs_bytes);
    __builtin_memcpy(status + i, &st_bytes, left);
    if (reason != nullptr) __builtin_memcpy(reason + i, &rs_bytes, left);
  }
}

// ---- direction of travel ----------------------------------------------------------------------

struct round_consts {
  __m256d mul, mul2, one, two, big, rel46, rel50;
};

// round_fast() on four lanes: the rounded values (as integers, signed) and the lanes undecided.
// The exact test without division of the AVX-512 kernel (see there): the value rounds up exactly
// when fma(ulp(x), mul, fma(|x|, 2mul, -(2t + 1))) > 0.
template <bool Fraction>
inline __m256d round4(__m256d x, const round_consts& r, const consts& k, __m256d& undecided) {
  const __m256d ax = _mm256_and_pd(x, k.absmask);
  const __m256d a = _mm256_mul_pd(ax, r.mul);
  const __m256d t = _mm256_round_pd(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  const __m256d odd = _mm256_fmadd_pd(t, r.two, r.one);
  const __m256d e = _mm256_fmsub_pd(ax, r.mul2, odd);
  const __m256d ulp = _mm256_sub_pd(
      _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(ax), _mm256_set1_epi64x(1))), ax);
  const __m256d up = _mm256_cmp_pd(_mm256_fmadd_pd(ulp, r.mul, e), _mm256_setzero_pd(), _CMP_GT_OQ);
  undecided = _mm256_cmp_pd(a, r.big, _CMP_NLT_UQ);
  if constexpr (Fraction) {
    const __m256d close = _mm256_cmp_pd(_mm256_and_pd(e, k.absmask), _mm256_mul_pd(odd, r.rel46), _CMP_LE_OQ);
    undecided = _mm256_or_pd(undecided, _mm256_andnot_pd(up, close));
  }
  const __m256d n = _mm256_add_pd(t, _mm256_and_pd(up, r.one));
  return _mm256_or_pd(n, _mm256_and_pd(x, k.signmask));
}

template <dir_mode Mode>
void direction_run_t(const dir_params& d, const double* prev, const double* cur, std::size_t n,
                     std::int8_t* out) {
  const consts k;
  const round_consts r{_mm256_set1_pd(d.mul), _mm256_set1_pd(2.0 * d.mul), _mm256_set1_pd(1.0),
                       _mm256_set1_pd(2.0),   _mm256_set1_pd(1e14),        _mm256_set1_pd(two_46),
                       _mm256_set1_pd(0x1p-50)};
  const __m256d rel40 = _mm256_set1_pd(two_40);
  const __m256d huge = _mm256_set1_pd(1e300);
  const __m256d tiny = _mm256_set1_pd(1e-290);
  alignas(16) std::int8_t lut_bytes[16] = {code(direction::same), code(d.gt), code(d.lt), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  const __m256i lut = broadcast_lut(lut_bytes);
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    __m256i acc = _mm256_setzero_si256();
    unsigned undecided_bits = 0;
#pragma GCC unroll 8
    for (int j = 7; j >= 0; --j) {
      const __m256d p = _mm256_loadu_pd(prev + i + 4 * j);
      const __m256d c = _mm256_loadu_pd(cur + i + 4 * j);
      const __m256d probe = _mm256_add_pd(_mm256_sub_pd(p, p), _mm256_sub_pd(c, c));
      const __m256d nf = _mm256_cmp_pd(probe, probe, _CMP_UNORD_Q);
      __m256d a = p, b = c;
      if constexpr (Mode == dir_mode::round_points || Mode == dir_mode::round_fraction) {
        // Values more than one rounding step apart keep their order when rounded: only closer
        // pairs need rounding.
        const __m256d yp = _mm256_mul_pd(p, r.mul), yc = _mm256_mul_pd(c, r.mul);
        const __m256d slack = _mm256_fmadd_pd(
            _mm256_add_pd(_mm256_and_pd(yp, k.absmask), _mm256_and_pd(yc, k.absmask)), r.rel50, r.one);
        const __m256d far = _mm256_cmp_pd(_mm256_and_pd(_mm256_sub_pd(yc, yp), k.absmask), slack, _CMP_GT_OQ);
        if (_mm256_movemask_pd(_mm256_or_pd(far, nf)) != 0xf) {
          __m256d ua, ub;
          a = round4<Mode == dir_mode::round_fraction>(p, r, k, ua);
          b = round4<Mode == dir_mode::round_fraction>(c, r, k, ub);
          undecided_bits |= static_cast<unsigned>(_mm256_movemask_pd(_mm256_andnot_pd(nf, _mm256_or_pd(ua, ub)))) << (4 * j);
        }
      } else if constexpr (Mode == dir_mode::fraction) {
        const __m256d ap = _mm256_and_pd(p, k.absmask), ac = _mm256_and_pd(c, k.absmask);
        const __m256d big = _mm256_max_pd(ap, ac);
        const __m256d gap = _mm256_and_pd(_mm256_sub_pd(c, p), k.absmask);
        __m256d u = _mm256_cmp_pd(gap, _mm256_mul_pd(big, rel40), _CMP_LE_OQ);
        u = _mm256_or_pd(u, _mm256_cmp_pd(big, huge, _CMP_GT_OQ));
        u = _mm256_or_pd(u, _mm256_cmp_pd(gap, tiny, _CMP_LT_OQ));
        u = _mm256_andnot_pd(_mm256_cmp_pd(p, c, _CMP_EQ_OQ), u);
        undecided_bits |= static_cast<unsigned>(_mm256_movemask_pd(_mm256_andnot_pd(nf, u))) << (4 * j);
      }
      __m256i idx = _mm256_and_si256(_mm256_castpd_si256(nf), k.four);
      const __m256i gt = _mm256_castpd_si256(_mm256_cmp_pd(b, a, _CMP_GT_OQ));
      const __m256i lt = _mm256_castpd_si256(_mm256_cmp_pd(b, a, _CMP_LT_OQ));
      idx = _mm256_sub_epi64(_mm256_sub_epi64(idx, gt), _mm256_add_epi64(lt, lt));
      acc = _mm256_or_si256(_mm256_slli_epi64(acc, 8), idx);
    }
    store32(out + i, _mm256_shuffle_epi8(lut, to_bytes(acc, k)));
    while (undecided_bits != 0) {
      const int q = __builtin_ctz(undecided_bits);
      undecided_bits &= undecided_bits - 1;
      out[i + q] = travel_exact(d, prev[i + q], cur[i + q]);
    }
  }
  for (; i < n; ++i) {
    const int code = direction_fast(d, prev[i], cur[i]);
    out[i] = code >= 0 ? static_cast<std::int8_t>(code) : travel_exact(d, prev[i], cur[i]);
  }
}

void direction_run(const dir_params& d, const double* prev, const double* cur, std::size_t n,
                   std::int8_t* out) {
  switch (d.mode) {
    case dir_mode::raw: direction_run_t<dir_mode::raw>(d, prev, cur, n, out); return;
    case dir_mode::round_points: direction_run_t<dir_mode::round_points>(d, prev, cur, n, out); return;
    case dir_mode::round_fraction: direction_run_t<dir_mode::round_fraction>(d, prev, cur, n, out); return;
    case dir_mode::fraction: direction_run_t<dir_mode::fraction>(d, prev, cur, n, out); return;
  }
}

// ---- status, bounds relative to the row's target or cohort -----------------------------------

// Four lanes at a time, as the AVX-512 kernel does (see there).
void status_relative(const relative_params& p, const double* v, const double* target,
                     const double* cohort, std::size_t n, std::int8_t* status, std::int8_t* reason) {
  const consts k;
  const __m256d hundred = _mm256_set1_pd(100.0);
  const __m256d div = _mm256_set1_pd(p.div), mul2 = _mm256_set1_pd(2.0 * p.div);
  const __m256d one = _mm256_set1_pd(1.0), two = _mm256_set1_pd(2.0), big = _mm256_set1_pd(1e14);
  // Values rounded to the declared decimals by the one vector rounding of this file.
  const round_consts rounding{div, mul2, one, two, big, _mm256_setzero_pd(), _mm256_setzero_pd()};
  const auto nonfinite = [&](__m256d x) {
    return _mm256_castpd_si256(_mm256_cmp_pd(_mm256_and_pd(x, k.absmask), k.inf, _CMP_NLT_UQ));
  };
  const auto set_where = [](__m256i to, __m256i where, auto value) {
    return _mm256_blendv_epi8(to, _mm256_set1_epi64x(code(value)), where);
  };
  for (std::size_t i = 0; i < n; i += 4) {
    const std::size_t left = n - i < 4 ? n - i : 4;
    alignas(32) double xs[4] = {0, 0, 0, 0}, ts[4], cs[4];
    for (std::size_t q = 0; q < 4; ++q) {
      ts[q] = p.own_target;
      cs[q] = __builtin_nan("");
    }
    for (std::size_t q = 0; q < left; ++q) {
      xs[q] = v[i + q];
      if (target != nullptr) ts[q] = target[i + q];
      if (cohort != nullptr) cs[q] = cohort[i + q];
    }
    const __m256d x = _mm256_load_pd(xs), t = _mm256_load_pd(ts), c = _mm256_load_pd(cs);
    __m256i why = _mm256_setzero_si256();
    if (p.needs_cohort) why = set_where(why, nonfinite(c), reason::needs_cohort);
    if (p.needs_target) why = set_where(why, nonfinite(t), reason::needs_target);
    const __m256i x_nan = _mm256_castpd_si256(_mm256_cmp_pd(x, x, _CMP_UNORD_Q));
    why = set_where(why, _mm256_andnot_si256(x_nan, nonfinite(x)), reason::not_finite);
    why = set_where(why, x_nan, reason::no_data);
    __m256d r = x;
    __m256d undecided = _mm256_setzero_pd();
    if (p.rounded) {
      __m256d huge;
      const __m256d signed_n = round4<false>(x, rounding, k, huge);
      undecided = _mm256_andnot_pd(_mm256_castsi256_pd(nonfinite(x)), huge);
      r = _mm256_div_pd(signed_n, div);
    }
    __m256i st = _mm256_set1_epi64x(code(p.worst));
    for (int b = p.count - 1; b >= 0; --b) {
      const __m256d num = _mm256_set1_pd(p.number[b]);
      __m256d at;
      switch (p.basis[b]) {
        case basis::target_percent: at = _mm256_div_pd(_mm256_mul_pd(t, num), hundred); break;
        case basis::target_points: at = _mm256_add_pd(t, num); break;
        case basis::cohort_percent: at = _mm256_div_pd(_mm256_mul_pd(c, num), hundred); break;
        default: at = num; break;
      }
      if (p.basis[b] != basis::absolute) {
        // A relative bound is exact as written (bound::resolve); the binary one here can be an ulp
        // or two off it, so rows that close to it are rated again one by one.
        const __m256d scale_of = _mm256_add_pd(_mm256_add_pd(_mm256_and_pd(at, k.absmask),
                                                              _mm256_and_pd(num, k.absmask)),
                                                _mm256_and_pd(p.basis[b] == basis::cohort_percent ? c : t, k.absmask));
        const __m256d gap = _mm256_and_pd(_mm256_sub_pd(r, at), k.absmask);
        undecided = _mm256_or_pd(undecided, _mm256_cmp_pd(gap, _mm256_mul_pd(scale_of, _mm256_set1_pd(0x1p-48)), _CMP_LE_OQ));
      }
      __m256d holds;
      switch (p.op[b]) {
        case comparison::at_least: holds = _mm256_cmp_pd(r, at, _CMP_GE_OQ); break;
        case comparison::above: holds = _mm256_cmp_pd(r, at, _CMP_GT_OQ); break;
        case comparison::at_most: holds = _mm256_cmp_pd(r, at, _CMP_LE_OQ); break;
        default: holds = _mm256_cmp_pd(r, at, _CMP_LT_OQ); break;
      }
      st = set_where(st, _mm256_castpd_si256(holds), p.rating[b]);
    }
    const __m256i rated = _mm256_cmpeq_epi64(why, _mm256_setzero_si256());
    st = _mm256_and_si256(st, rated);
    st = _mm256_blendv_epi8(st, _mm256_set1_epi64x(undecided_status), _mm256_and_si256(rated, _mm256_castpd_si256(undecided)));
    alignas(32) long long st_out[4], why_out[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(st_out), st);
    _mm256_store_si256(reinterpret_cast<__m256i*>(why_out), why);
    for (std::size_t q = 0; q < left; ++q) {
      status[i + q] = static_cast<std::int8_t>(st_out[q]);
      if (reason != nullptr) reason[i + q] = static_cast<std::int8_t>(why_out[q]);
    }
  }
}

// ---- scanning the index ----------------------------------------------------------------------

inline unsigned mask8(__m256i m) {
  return static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(m)));
}

std::size_t run_end(const std::int32_t* index, std::size_t j, std::size_t end, std::int32_t value) {
  const __m256i v = _mm256_set1_epi32(value);
  const auto same = [&](std::size_t at) {
    return mask8(_mm256_cmpeq_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(index + at)), v));
  };
  for (; j + 32 <= end; j += 32) {
    const unsigned m = same(j) | (same(j + 8) << 8) | (same(j + 16) << 16) | (same(j + 24) << 24);
    if (m != 0xffffffffu) return j + static_cast<std::size_t>(__builtin_ctz(~m));
  }
  for (; j < end; ++j)
    if (index[j] != value) return j;
  return end;
}

std::size_t first_outside(const std::int32_t* index, std::size_t j, std::size_t end, std::uint32_t size) {
  // Outside: x >= size as unsigned, that is x > size - 1 (size >= 1).
  const __m256i last = _mm256_set1_epi32(static_cast<int>(size - 1));
  const auto outside = [&](std::size_t at) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(index + at));
    // unsigned x > last  <=>  max_epu32(x, last) != last
    return ~mask8(_mm256_cmpeq_epi32(_mm256_max_epu32(x, last), last)) & 0xffu;
  };
  for (; j + 32 <= end; j += 32) {
    const unsigned m = outside(j) | (outside(j + 8) << 8) | (outside(j + 16) << 16) | (outside(j + 24) << 24);
    if (m != 0) return j + static_cast<std::size_t>(__builtin_ctz(m));
  }
  for (; j < end; ++j)
    if (static_cast<std::uint32_t>(index[j]) >= size) return j;
  return end;
}

}  // namespace

const kernel_set avx2_kernels{status_run, status_mixed, direction_run, status_relative, run_end,
                              first_outside};

}  // namespace indeval::detail::bulk
