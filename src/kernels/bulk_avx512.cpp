// AVX-512 (F, BW, DQ, VL) kernels of the bulk evaluator (this file alone is compiled for them).
// Built with INDEVAL_EMULATE_AVX512, the same kernels run on an AVX2 CPU, their intrinsics emulated
// (avx512_emulation.hpp), so that the tests exercise them on any machine.
//
// The traits of the shared kernel bodies (bulk_body.hpp) for eight values per vector, whose
// comparisons give masks, and the kernels not yet written once: status_mixed and the index scans.
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
  static vd fmadd(vd a, vd b, vd c) { return _mm512_fmadd_pd(a, b, c); }
  static vd fmsub(vd a, vd b, vd c) { return _mm512_fmsub_pd(a, b, c); }
  static vd trunc(vd a) { return _mm512_mask_roundscale_pd(a, 0xff, a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  static vd next_up(vd a) {
    return _mm512_castsi512_pd(_mm512_add_epi64(_mm512_castpd_si512(a), _mm512_set1_epi64(1)));
  }
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
};

// ---- status, one entry per row ----------------------------------------------------------------

void status_mixed(const entry_params* /*table*/, const mixed_table& t, const std::int32_t* index,
                  const double* v, std::size_t n, std::int8_t* status, std::int8_t* reason) {
  const __m512i one = _mm512_set1_epi64(1), eight = _mm512_set1_epi64(8), low = _mm512_set1_epi64(0xff);
  const __m512i falling_byte = _mm512_set1_epi64(static_cast<long long>(0xff00000000000000ULL));
  const __m512i sign = _mm512_set1_epi64(static_cast<long long>(0x8000000000000000ULL));
  const __m512i finite_at = _mm512_set1_epi64(32), inf_at = _mm512_set1_epi64(40), nan_at = _mm512_set1_epi64(48);
  for (std::size_t i = 0; i < n; i += 8) {
    const std::size_t left = n - i;
    const auto m = static_cast<__mmask8>(left >= 8 ? 0xff : (1u << left) - 1);
    const __m256i e = _mm256_maskz_loadu_epi32(m, index + i);  // entry 0 in unused lanes
    const __m512d c0 = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), 0xff, e, t.c0, 8);
    const __m512d c1 = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), 0xff, e, t.c1, 8);
    const __m512d c2 = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), 0xff, e, t.c2, 8);
    const __m512i word = _mm512_mask_i32gather_epi64(_mm512_setzero_si512(), 0xff, e, t.outcomes, 8);
    const __m512d vv = _mm512_maskz_loadu_pd(m, v + i);
    const __mmask8 falling = _mm512_test_epi64_mask(word, falling_byte);
    const __m512d x = _mm512_castsi512_pd(
        _mm512_mask_xor_epi64(_mm512_castpd_si512(vv), falling, _mm512_castpd_si512(vv), sign));
    __m512i k = _mm512_maskz_mov_epi64(_mm512_cmp_pd_mask(x, c0, _CMP_GE_OQ), one);
    k = _mm512_mask_add_epi64(k, _mm512_cmp_pd_mask(x, c1, _CMP_GE_OQ), k, one);
    k = _mm512_mask_add_epi64(k, _mm512_cmp_pd_mask(x, c2, _CMP_GE_OQ), k, one);
    const __mmask8 nonfinite = _mm512_fpclass_pd_mask(vv, nonfinite_class);
    const __m512i st = _mm512_maskz_and_epi64(static_cast<__mmask8>(~nonfinite),
                                              _mm512_srlv_epi64(word, _mm512_mullo_epi64(k, eight)), low);
    _mm_mask_storeu_epi8(status + i, m, _mm512_mask_cvtepi64_epi8(_mm_setzero_si128(), 0xff, st));
    if (reason != nullptr) {
      __m512i at = _mm512_mask_mov_epi64(finite_at, nonfinite, inf_at);
      at = _mm512_mask_mov_epi64(at, _mm512_fpclass_pd_mask(vv, nan_class), nan_at);
      const __m512i rs = _mm512_and_si512(_mm512_srlv_epi64(word, at), low);
      _mm_mask_storeu_epi8(reason + i, m, _mm512_mask_cvtepi64_epi8(_mm_setzero_si128(), 0xff, rs));
    }
  }
}

// ---- scanning the index ----------------------------------------------------------------------

std::size_t run_end(const std::int32_t* index, std::size_t j, std::size_t end, std::int32_t value) {
  const __m512i v = _mm512_set1_epi32(value);
  const auto load = [&](std::size_t at) { return _mm512_loadu_si512(static_cast<const void*>(index + at)); };
  // 128 rows at a time while they all match: xor with the value, or together, one test.
  for (; j + 128 <= end; j += 128) {
    const __m512i a = _mm512_ternarylogic_epi32(_mm512_xor_si512(load(j), v), _mm512_xor_si512(load(j + 16), v),
                                                _mm512_xor_si512(load(j + 32), v), 0xfe);
    const __m512i b = _mm512_ternarylogic_epi32(_mm512_xor_si512(load(j + 48), v), _mm512_xor_si512(load(j + 64), v),
                                                _mm512_xor_si512(load(j + 80), v), 0xfe);
    const __m512i c = _mm512_ternarylogic_epi32(a, b, _mm512_or_si512(_mm512_xor_si512(load(j + 96), v),
                                                                     _mm512_xor_si512(load(j + 112), v)), 0xfe);
    if (_mm512_test_epi32_mask(c, c) != 0) break;
  }
  for (; j + 16 <= end; j += 16) {
    const unsigned m = _mm512_cmpneq_epi32_mask(load(j), v);
    if (m != 0) return j + static_cast<std::size_t>(__builtin_ctz(m));
  }
  for (; j < end; ++j)
    if (index[j] != value) return j;
  return end;
}

std::size_t first_outside(const std::int32_t* index, std::size_t j, std::size_t end, std::uint32_t size) {
  const __m512i s = _mm512_set1_epi32(static_cast<int>(size));
  const auto outside = [&](std::size_t at) {
    return _mm512_cmpge_epu32_mask(_mm512_loadu_si512(static_cast<const void*>(index + at)), s);
  };
  for (; j + 64 <= end; j += 64) {
    const std::uint64_t m = static_cast<std::uint64_t>(outside(j)) |
                            (static_cast<std::uint64_t>(outside(j + 16)) << 16) |
                            (static_cast<std::uint64_t>(outside(j + 32)) << 32) |
                            (static_cast<std::uint64_t>(outside(j + 48)) << 48);
    if (m != 0) return j + static_cast<std::size_t>(__builtin_ctzll(m));
  }
  for (; j < end; ++j)
    if (static_cast<std::uint32_t>(index[j]) >= size) return j;
  return end;
}

}  // namespace

const kernel_set avx512_kernels{status_run<avx512>, status_mixed, direction_run<avx512>, status_relative<avx512>, run_end,
                                first_outside};

}  // namespace indeval::detail::bulk
