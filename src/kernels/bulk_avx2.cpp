// AVX2 kernels of the bulk evaluator (this file alone is compiled with -mavx2).
//
// The traits of the shared kernel bodies (bulk_body.hpp) for four values per vector.
#include <immintrin.h>

#include "bulk_body.hpp"

namespace indeval::detail::bulk {
namespace {

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
  static vd trunc(vd a) { return _mm256_round_pd(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
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

  using entries = __m128i;
  static entries load_entries(const std::int32_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
  static entries load_entries_part(const std::int32_t* p, std::size_t left) {
    alignas(16) std::int32_t pad[4] = {0, 0, 0, 0};
    __builtin_memcpy(pad, p, left * sizeof(std::int32_t));
    return _mm_load_si128(reinterpret_cast<const __m128i*>(pad));
  }
  static vd gather(const double* base, entries e) {
    return _mm256_mask_i32gather_pd(_mm256_setzero_pd(), base, e, _mm256_castsi256_pd(_mm256_set1_epi64x(-1)), 8);
  }
  static lanes gather_word(const std::uint64_t* words, entries e) {
    return _mm256_mask_i32gather_epi64(_mm256_setzero_si256(), reinterpret_cast<const long long*>(words), e,
                                       _mm256_set1_epi64x(-1), 8);
  }
  static mask falling(lanes word) {
    const __m256i top = _mm256_and_si256(word, _mm256_set1_epi64x(static_cast<long long>(0xff00000000000000ULL)));
    return _mm256_castsi256_pd(_mm256_xor_si256(_mm256_cmpeq_epi64(top, _mm256_setzero_si256()), _mm256_set1_epi64x(-1)));
  }
  static vd negate_if(vd x, mask m) {
    return _mm256_xor_pd(x, _mm256_and_pd(m, _mm256_castsi256_pd(_mm256_set1_epi64x(static_cast<long long>(0x8000000000000000ULL)))));
  }
  static lanes byte_of(lanes word, lanes k) {
    return _mm256_and_si256(_mm256_srlv_epi64(word, _mm256_slli_epi64(k, 3)), _mm256_set1_epi64x(0xff));
  }

  using ints = __m256i;
  static constexpr std::size_t ints_width = 8;
  static ints load_ints(const std::int32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static ints splat_ints(std::int32_t i) { return _mm256_set1_epi32(i); }
  static unsigned ints_differ(ints x, ints v) { return ~int_bits(_mm256_cmpeq_epi32(x, v)) & 0xffu; }
  static unsigned ints_above(ints x, ints last) {  // max(x, last) != last, as unsigned
    return ~int_bits(_mm256_cmpeq_epi32(_mm256_max_epu32(x, last), last)) & 0xffu;
  }
  static unsigned int_bits(__m256i m) { return static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(m))); }
};

}  // namespace

const kernel_set avx2_kernels{status_run<avx2>,      status_mixed<avx2>, direction_run<avx2>,
                              status_relative<avx2>, run_end<avx2>,      first_outside<avx2>};

}  // namespace indeval::detail::bulk
