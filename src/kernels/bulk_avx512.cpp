// AVX-512 (F, BW, DQ, VL) kernels of the bulk evaluator (this file alone is compiled for them).
// Built with INDEVAL_EMULATE_AVX512, the same kernels run on an AVX2 CPU, their intrinsics emulated
// (avx512_emulation.hpp), so that the tests exercise them on any machine.
//
// The traits of the shared kernel bodies (bulk_body.hpp) for eight values per vector, whose
// comparisons give masks.
#if defined(INDEVAL_EMULATE_AVX512)
#include "avx512_emulation.hpp"
#else
#include <immintrin.h>
#endif

#include <cstdint>

#include "bulk_body.hpp"

namespace indeval::detail::bulk {
namespace {


struct shuffles {
  // In each 128-bit lane: byte 2j + h <- byte 8h + j.
  __m512i in_lane = _mm512_mask_broadcast_i32x4(_mm512_setzero_si512(), 0xffff, 
      _mm_setr_epi8(0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15));
  // Word 4j + L <- word 8L + j.
  __m512i words = _mm512_set_epi16(31, 23, 15, 7, 30, 22, 14, 6, 29, 21, 13, 5, 28, 20, 12, 4,  //
                                   27, 19, 11, 3, 26, 18, 10, 2, 25, 17, 9, 1, 24, 16, 8, 0);
};

// (Intrinsics whose plain forms start from an undefined register are used in their masked forms
// with a zero source, which compile to the same instructions without GCC's false warnings.)

// Byte j of lane q holds value 8j + q of a 64-value block: put value i at byte i.
inline __m512i to_bytes(__m512i acc, const shuffles& s) {
  return _mm512_permutexvar_epi16(s.words, _mm512_shuffle_epi8(acc, s.in_lane));
}

inline __m512i broadcast_lut(const std::int8_t* lut) {
  return _mm512_mask_broadcast_i32x4(_mm512_setzero_si512(), 0xffff, _mm_loadu_si128(reinterpret_cast<const __m128i*>(lut)));
}

inline void store64(std::int8_t* out, __m512i v) { _mm512_storeu_si512(static_cast<void*>(out), v); }

constexpr int nonfinite_class = 0x99;  // QNaN, +inf, -inf, SNaN
constexpr int nan_class = 0x81;        // QNaN, SNaN

// ---- the traits of the kernel bodies (bulk_body.hpp) -----------------------------------------

struct avx512 {
  using vd = __m512d;
  using mask = __mmask8;
  using lanes = __m512i;
  using bytes = __m512i;
  using table = __m512i;
  static constexpr std::size_t width = 8;

  static __mmask8 first(std::size_t left) {
    return static_cast<__mmask8>(left >= 8 ? 0xff : (1u << left) - 1);
  }
  static vd splat(double d) { return _mm512_set1_pd(d); }
  static vd load(const double* p) { return _mm512_loadu_pd(p); }
  static vd load_part(const double* p, std::size_t left) { return _mm512_maskz_loadu_pd(first(left), p); }
  template <cmp Op>
  static mask compare(vd a, vd b) {
    if constexpr (Op == cmp::ge) return _mm512_cmp_pd_mask(a, b, _CMP_GE_OQ);
    else if constexpr (Op == cmp::le) return _mm512_cmp_pd_mask(a, b, _CMP_LE_OQ);
    else if constexpr (Op == cmp::gt) return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ);
    else if constexpr (Op == cmp::lt) return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ);
    else if constexpr (Op == cmp::eq) return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ);
    else return _mm512_cmp_pd_mask(a, b, _CMP_NLT_UQ);
  }
  static mask nonfinite(vd x) { return _mm512_fpclass_pd_mask(x, nonfinite_class); }
  static mask is_nan(vd x) { return _mm512_fpclass_pd_mask(x, nan_class); }
  static lanes zero() { return _mm512_setzero_si512(); }
  static lanes set_if(mask m, lut_bit bit) {
    return _mm512_maskz_mov_epi64(m, _mm512_set1_epi64(static_cast<long long>(bit)));
  }
  static lanes splat_lanes(std::int64_t i) { return _mm512_set1_epi64(i); }
  static lanes select(lanes a, mask m, lanes b) { return _mm512_mask_mov_epi64(a, m, b); }
  static void store_lanes(std::int8_t* p, lanes l, std::size_t left) {
    _mm_mask_storeu_epi8(p, first(left), _mm512_mask_cvtepi64_epi8(_mm_setzero_si128(), 0xff, l));
  }
  static lanes add_one_if(lanes l, mask m) { return _mm512_mask_add_epi64(l, m, l, _mm512_set1_epi64(1)); }
  static lanes or_if(lanes l, mask m, lut_bit bit) {
    return _mm512_mask_or_epi64(l, m, l, _mm512_set1_epi64(static_cast<long long>(bit)));
  }
  template <std::size_t J>
  static lanes or_byte(lanes acc, lanes l) {
    if constexpr (J == 0) return _mm512_or_si512(acc, l);
    else return _mm512_or_si512(acc, _mm512_maskz_slli_epi64(0xff, l, 8 * J));
  }
  static vd abs(vd x) { return _mm512_abs_pd(x); }
  static vd add(vd a, vd b) { return _mm512_add_pd(a, b); }
  static vd mul(vd a, vd b) { return _mm512_mul_pd(a, b); }
  static vd max(vd a, vd b) { return _mm512_max_pd(a, b); }
  static vd div(vd a, vd b) { return _mm512_div_pd(a, b); }
  static vd sub(vd a, vd b) { return _mm512_sub_pd(a, b); }
  static vd trunc(vd a) { return _mm512_mask_roundscale_pd(a, 0xff, a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  static mask none() { return 0; }
  static bool all(mask m) { return m == 0xff; }
  static unsigned bits(mask m) { return m; }
  static mask every() { return 0xff; }
  static mask mask_or(mask m, mask n) { return static_cast<mask>(m | n); }
  static mask mask_and(mask m, mask n) { return static_cast<mask>(m & n); }
  static mask mask_andnot(mask m, mask n) { return static_cast<mask>(m & ~n); }
  static vd add_if(vd a, mask m, vd b) { return _mm512_mask_add_pd(a, m, a, b); }
  static vd copy_sign(vd a, vd x) {  // a | (x & sign)
    const __m512i sign = _mm512_set1_epi64(static_cast<long long>(0x8000000000000000ULL));
    return _mm512_castsi512_pd(_mm512_ternarylogic_epi64(_mm512_castpd_si512(a), _mm512_castpd_si512(x), sign, 0xf8));
  }
  static bytes to_bytes(lanes acc) { return bulk::to_bytes(acc, shuffles{}); }
  static table make_table(const std::int8_t* lut) { return broadcast_lut(lut); }
  static bytes lookup(table t, bytes b) { return _mm512_shuffle_epi8(t, b); }
  static void store(std::int8_t* p, bytes b) { store64(p, b); }
  static void store_part(std::int8_t* p, bytes b, std::size_t left) {
    _mm512_mask_storeu_epi8(p, (~std::uint64_t{0}) >> (64 - left), b);
  }

  using entries = __m256i;
  static entries load_entries(const std::int32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static entries load_entries_part(const std::int32_t* p, std::size_t left) { return _mm256_maskz_loadu_epi32(first(left), p); }
  static vd gather(const double* base, entries e) { return _mm512_mask_i32gather_pd(_mm512_setzero_pd(), 0xff, e, base, 8); }
  static lanes gather_word(const std::uint64_t* words, entries e) {
    return _mm512_mask_i32gather_epi64(_mm512_setzero_si512(), 0xff, e, words, 8);
  }
  static mask falling(lanes word) {
    return _mm512_test_epi64_mask(word, _mm512_set1_epi64(static_cast<long long>(0xff00000000000000ULL)));
  }
  static vd negate_if(vd x, mask m) {
    const __m512i sign = _mm512_set1_epi64(static_cast<long long>(0x8000000000000000ULL));
    return _mm512_castsi512_pd(_mm512_mask_xor_epi64(_mm512_castpd_si512(x), m, _mm512_castpd_si512(x), sign));
  }
  static lanes byte_of(lanes word, lanes k) {
    return _mm512_and_si512(_mm512_srlv_epi64(word, _mm512_maskz_slli_epi64(0xff, k, 3)), _mm512_set1_epi64(0xff));
  }

  using ints = __m512i;
  static constexpr std::size_t ints_width = 16;
  static ints load_ints(const std::int32_t* p) { return _mm512_loadu_si512(static_cast<const void*>(p)); }
  static ints splat_ints(std::int32_t i) { return _mm512_set1_epi32(i); }
  static unsigned ints_differ(ints x, ints v) { return _mm512_cmpneq_epi32_mask(x, v); }
  static unsigned ints_above(ints x, ints last) { return _mm512_cmpgt_epu32_mask(x, last); }
};

}  // namespace

const kernel_set avx512_kernels{status_run<avx512>,      status_mixed<avx512>, direction_run<avx512>,
                                status_relative<avx512>, run_end<avx512>,      first_outside<avx512>};

}  // namespace indeval::detail::bulk
