// AVX2 kernels of the bulk evaluator (this file alone is compiled with -mavx2).
//
// The traits of the shared kernel bodies (bulk_body.hpp) for four values per vector, and the
// kernels not yet written once: status_mixed and the index scans.
#include <immintrin.h>

#include "bulk_body.hpp"

namespace indeval::detail::bulk {
namespace {


struct consts {
  __m256d absmask = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL));
  __m256d signmask = _mm256_castsi256_pd(_mm256_set1_epi64x(static_cast<long long>(0x8000000000000000ULL)));
  __m256d inf = _mm256_set1_pd(__builtin_inf());
};

// Four int64 lanes of small signed values (-128..127) to four bytes, lane 0 lowest.
inline int four_bytes(__m256i q) {
  const __m128i d = _mm_castps_si128(_mm_shuffle_ps(_mm_castsi128_ps(_mm256_castsi256_si128(q)),
                                                    _mm_castsi128_ps(_mm256_extracti128_si256(q, 1)),
                                                    _MM_SHUFFLE(2, 0, 2, 0)));
  const __m128i w = _mm_packs_epi32(d, d);
  return _mm_cvtsi128_si32(_mm_packs_epi16(w, w));
}

// ---- the traits of the kernel bodies (bulk_body.hpp) -----------------------------------------

struct avx2 {
  using vd = __m256d;
  using mask = __m256d;  // all ones in the lanes where it holds
  using lanes = __m256i;
  using bytes = __m256i;
  using table = __m256i;
  static constexpr std::size_t width = 4;

  static vd splat(double d) { return _mm256_set1_pd(d); }
  static vd load(const double* p) { return _mm256_loadu_pd(p); }
  static vd load_part(const double* p, std::size_t left) {
    alignas(32) double pad[4] = {0, 0, 0, 0};
    __builtin_memcpy(pad, p, (left < 4 ? left : 4) * sizeof(double));
    return _mm256_load_pd(pad);
  }
  template <cmp Op>
  static mask compare(vd a, vd b) {
    if constexpr (Op == cmp::ge) return _mm256_cmp_pd(a, b, _CMP_GE_OQ);
    else if constexpr (Op == cmp::le) return _mm256_cmp_pd(a, b, _CMP_LE_OQ);
    else if constexpr (Op == cmp::gt) return _mm256_cmp_pd(a, b, _CMP_GT_OQ);
    else if constexpr (Op == cmp::lt) return _mm256_cmp_pd(a, b, _CMP_LT_OQ);
    else if constexpr (Op == cmp::eq) return _mm256_cmp_pd(a, b, _CMP_EQ_OQ);
    else return _mm256_cmp_pd(a, b, _CMP_NLT_UQ);
  }
  static mask nonfinite(vd x) {
    const __m256d abs = _mm256_and_pd(x, _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL)));
    return _mm256_cmp_pd(abs, _mm256_set1_pd(__builtin_inf()), _CMP_NLT_UQ);
  }
  static mask is_nan(vd x) { return _mm256_cmp_pd(x, x, _CMP_UNORD_Q); }
  static lanes zero() { return _mm256_setzero_si256(); }
  static lanes set_if(mask m, lut_bit bit) {
    return _mm256_and_si256(_mm256_castpd_si256(m), _mm256_set1_epi64x(static_cast<long long>(bit)));
  }
  static lanes splat_lanes(std::int64_t i) { return _mm256_set1_epi64x(i); }
  static lanes select(lanes a, mask m, lanes b) { return _mm256_blendv_epi8(a, b, _mm256_castpd_si256(m)); }
  static void store_lanes(std::int8_t* p, lanes l, std::size_t left) {
    const int word = four_bytes(l);
    __builtin_memcpy(p, &word, left >= 4 ? 4 : left);
  }
  static lanes add_one_if(lanes l, mask m) { return _mm256_sub_epi64(l, _mm256_castpd_si256(m)); }
  static lanes or_if(lanes l, mask m, lut_bit bit) { return _mm256_or_si256(l, set_if(m, bit)); }
  template <std::size_t J>
  static lanes or_byte(lanes acc, lanes l) {
    return _mm256_or_si256(acc, _mm256_slli_epi64(l, 8 * J));
  }
  static vd abs(vd x) { return _mm256_and_pd(x, _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffffLL))); }
  static vd add(vd a, vd b) { return _mm256_add_pd(a, b); }
  static vd mul(vd a, vd b) { return _mm256_mul_pd(a, b); }
  static vd max(vd a, vd b) { return _mm256_max_pd(a, b); }
  static vd div(vd a, vd b) { return _mm256_div_pd(a, b); }
  static vd sub(vd a, vd b) { return _mm256_sub_pd(a, b); }
  static vd fmadd(vd a, vd b, vd c) { return _mm256_fmadd_pd(a, b, c); }
  static vd fmsub(vd a, vd b, vd c) { return _mm256_fmsub_pd(a, b, c); }
  static vd trunc(vd a) { return _mm256_round_pd(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  static vd next_up(vd a) {
    return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(a), _mm256_set1_epi64x(1)));
  }
  static mask none() { return _mm256_setzero_pd(); }
  static bool all(mask m) { return _mm256_movemask_pd(m) == 0xf; }
  static unsigned bits(mask m) { return static_cast<unsigned>(_mm256_movemask_pd(m)); }
  static mask every() { return _mm256_castsi256_pd(_mm256_set1_epi64x(-1)); }
  static mask mask_or(mask m, mask n) { return _mm256_or_pd(m, n); }
  static mask mask_and(mask m, mask n) { return _mm256_and_pd(m, n); }
  static mask mask_andnot(mask m, mask n) { return _mm256_andnot_pd(n, m); }
  static vd add_if(vd a, mask m, vd b) { return _mm256_add_pd(a, _mm256_and_pd(m, b)); }
  static vd copy_sign(vd a, vd x) {
    const __m256d sign = _mm256_castsi256_pd(_mm256_set1_epi64x(static_cast<long long>(0x8000000000000000ULL)));
    return _mm256_or_pd(a, _mm256_and_pd(x, sign));
  }
  static bytes to_bytes(lanes acc) {
    // Bytes of qword q, byte j (value 4j + q) to byte 4j + q.
    const __m256i perm = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
    const __m256i transpose = _mm256_setr_epi8(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15,  //
                                               0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
    return _mm256_shuffle_epi8(_mm256_permutevar8x32_epi32(acc, perm), transpose);
  }
  static table make_table(const std::int8_t* lut) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(lut)));
  }
  static bytes lookup(table t, bytes b) { return _mm256_shuffle_epi8(t, b); }
  static void store(std::int8_t* p, bytes b) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), b); }
  static void store_part(std::int8_t* p, bytes b, std::size_t left) {
    alignas(32) std::int8_t out[32];
    _mm256_store_si256(reinterpret_cast<__m256i*>(out), b);
    __builtin_memcpy(p, out, left);
  }
};

// ---- status, one entry per row ----------------------------------------------------------------

void status_mixed(const entry_params* /*table*/, const mixed_table& t, const std::int32_t* index,
                  const double* v, std::size_t n, std::int8_t* status, std::int8_t* reason) {
  const consts k;
  const __m256d all = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
  const __m256i all64 = _mm256_set1_epi64x(-1);
  const __m256i low = _mm256_set1_epi64x(0xff);
  const __m256i falling_byte = _mm256_set1_epi64x(static_cast<long long>(0xff00000000000000ULL));
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
    st_bytes = four_bytes(_mm256_andnot_si256(nonfinite, _mm256_and_si256(_mm256_srlv_epi64(word, _mm256_slli_epi64(kk, 3)), low)));
    if (reason != nullptr) {
      const __m256i nan = _mm256_castpd_si256(_mm256_cmp_pd(vv, vv, _CMP_UNORD_Q));
      // Byte 4, 5 or 6: finite, infinite, NaN.
      const __m256i at = _mm256_add_epi64(_mm256_set1_epi64x(32),
                                          _mm256_add_epi64(_mm256_and_si256(nonfinite, _mm256_set1_epi64x(8)),
                                                           _mm256_and_si256(nan, _mm256_set1_epi64x(8))));
      rs_bytes = four_bytes(_mm256_and_si256(_mm256_srlv_epi64(word, at), low));
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

const kernel_set avx2_kernels{status_run<avx2>, status_mixed, direction_run<avx2>, status_relative<avx2>, run_end,
                              first_outside};

}  // namespace indeval::detail::bulk
