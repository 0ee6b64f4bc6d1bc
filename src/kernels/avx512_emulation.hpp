// The AVX-512 intrinsics of bulk_avx512.cpp in portable code, for a build that runs the AVX-512
// kernels on a CPU without AVX-512 (CMake option INDEVAL_EMULATE_AVX512, the preset
// `avx512-emulated`): the kernels' logic (masks, tails, shuffles, gathers) is then tested on
// every machine, under the sanitizers. Only for testing: emulated, these kernels are slow.
//
// Like the kernels, this uses compiler builtins, not inline library functions (bulk_kernels.hpp).
//
// SIMDe (simde/x86/avx512.h, Debian's libsimde-dev) provides most intrinsics; the few it lacks
// (as of 0.7.4) are defined below, lane by lane. Masked loads and stores touch only the lanes of
// their mask, as the hardware does, so that AddressSanitizer sees exactly the bytes the kernels
// read and write.
#pragma once

#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/x86/avx512.h>

#include <cstdint>

namespace indeval::detail::bulk::emulation {
namespace {

template <class T, class V>
void lanes_of(V v, T* out) {
  static_assert(sizeof(V) % sizeof(T) == 0);
  __builtin_memcpy(out, &v, sizeof(V));
}

template <class V, class T>
V vector_of(const T* in) {
  V v;
  __builtin_memcpy(&v, in, sizeof(V));
  return v;
}

// VFPCLASSPD: bit 0 QNaN, 1 +0, 2 -0, 3 +inf, 4 -inf, 5 denormal, 6 negative finite, 7 SNaN.
inline simde__mmask8 fpclass_pd_mask(simde__m512d x, int categories) {
  double d[8];
  lanes_of(x, d);
  unsigned m = 0;
  for (int q = 0; q < 8; ++q) {
    std::uint64_t bits;
    __builtin_memcpy(&bits, &d[q], 8);
    const bool negative = (bits >> 63) != 0;
    const std::uint64_t exponent = (bits >> 52) & 0x7ff, fraction = bits & 0xfffffffffffffULL;
    unsigned cls = 0;
    if (exponent == 0x7ff && fraction != 0) cls = (fraction >> 51) != 0 ? 0x01 : 0x80;
    else if (exponent == 0x7ff) cls = negative ? 0x10 : 0x08;
    else if (exponent == 0 && fraction == 0) cls = negative ? 0x04 : 0x02;
    else cls = (exponent == 0 ? 0x20 : 0) | (negative ? 0x40 : 0);
    if ((cls & static_cast<unsigned>(categories)) != 0) m |= 1u << q;
  }
  return static_cast<simde__mmask8>(m);
}

inline simde__m512d maskz_loadu_pd(simde__mmask8 m, const void* p) {
  double d[8] = {};
  for (int q = 0; q < 8; ++q)
    if ((m >> q) & 1) __builtin_memcpy(&d[q], static_cast<const char*>(p) + 8 * q, 8);
  return vector_of<simde__m512d>(d);
}

inline simde__m256i maskz_loadu_epi32(simde__mmask8 m, const void* p) {
  std::int32_t d[8] = {};
  for (int q = 0; q < 8; ++q)
    if ((m >> q) & 1) __builtin_memcpy(&d[q], static_cast<const char*>(p) + 4 * q, 4);
  return vector_of<simde__m256i>(d);
}

template <class T, class V>
V mask_i32gather(V src, simde__mmask8 m, simde__m256i index, const void* base, int scale) {
  T d[8];
  std::int32_t at[8];
  lanes_of(src, d);
  lanes_of(index, at);
  for (int q = 0; q < 8; ++q)
    if ((m >> q) & 1)
      __builtin_memcpy(&d[q], static_cast<const char*>(base) + static_cast<std::ptrdiff_t>(at[q]) * scale, sizeof(T));
  return vector_of<V>(d);
}

// VPMOVQB xmm {k}: the low byte of each 64-bit lane; bytes 8..15 of the result are zero.
inline simde__m128i mask_cvtepi64_epi8(simde__m128i src, simde__mmask8 m, simde__m512i a) {
  std::int64_t l[8];
  std::int8_t out[16];
  lanes_of(a, l);
  lanes_of(src, out);
  for (int q = 0; q < 8; ++q)
    if ((m >> q) & 1) out[q] = static_cast<std::int8_t>(l[q]);
  for (int q = 8; q < 16; ++q) out[q] = 0;
  return vector_of<simde__m128i>(out);
}

template <class V, class Mask>
void mask_storeu_epi8(void* p, Mask m, V a) {
  std::int8_t b[sizeof(V)];
  lanes_of(a, b);
  for (unsigned q = 0; q < sizeof(V); ++q)
    if ((static_cast<std::uint64_t>(m) >> q) & 1) static_cast<std::int8_t*>(p)[q] = b[q];
}

// VRNDSCALEPD: round to imm >> 4 fraction bits, by the mode in imm & 3 (imm & 4: the current
// mode). (SIMDe 0.7.4 gives 231.25 for 231.3 truncated to 0 fraction bits.)
inline simde__m512d mask_roundscale_pd(simde__m512d src, simde__mmask8 m, simde__m512d a, int imm) {
  double d[8], s[8];
  lanes_of(a, d);
  lanes_of(src, s);
  const double scale = __builtin_ldexp(1.0, imm >> 4);
  for (int q = 0; q < 8; ++q) {
    if (((m >> q) & 1) == 0) continue;
    const double x = d[q] * scale;
    double r = x;
    if ((imm & 4) != 0) r = __builtin_nearbyint(x);
    else if ((imm & 3) == 0) r = __builtin_nearbyint(x);  // to nearest, ties to even (the default mode)
    else if ((imm & 3) == 1) r = __builtin_floor(x);
    else if ((imm & 3) == 2) r = __builtin_ceil(x);
    else r = __builtin_trunc(x);
    s[q] = r / scale;
  }
  return vector_of<simde__m512d>(s);
}

inline simde__mmask16 cmpneq_epi32_mask(simde__m512i a, simde__m512i b) {
  return static_cast<simde__mmask16>(~simde_mm512_cmpeq_epi32_mask(a, b));
}

inline simde__mmask16 cmpgt_epu32_mask(simde__m512i a, simde__m512i b) {
  return static_cast<simde__mmask16>(~simde_mm512_cmpge_epu32_mask(b, a));
}

inline simde__m512i maskz_slli_epi64(simde__mmask8 m, simde__m512i a, unsigned shift) {
  std::uint64_t l[8];
  lanes_of(a, l);
  for (int q = 0; q < 8; ++q) l[q] = ((m >> q) & 1) != 0 && shift < 64 ? l[q] << shift : 0;
  return vector_of<simde__m512i>(l);
}

}  // namespace
}  // namespace indeval::detail::bulk::emulation

// GCC's own definitions of these need AVX-512 code generation: replace them.
#undef _mm512_fpclass_pd_mask
#undef _mm512_maskz_loadu_pd
#undef _mm256_maskz_loadu_epi32
#undef _mm512_mask_i32gather_pd
#undef _mm512_mask_i32gather_epi64
#undef _mm512_mask_cvtepi64_epi8
#undef _mm512_mask_storeu_epi8
#undef _mm_mask_storeu_epi8
#undef _mm512_maskz_slli_epi64
#undef _mm512_cmpneq_epi32_mask
#undef _mm512_mask_roundscale_pd
#undef _mm512_cmpgt_epu32_mask
#define _mm512_fpclass_pd_mask(x, c) ::indeval::detail::bulk::emulation::fpclass_pd_mask(x, c)
#define _mm512_maskz_loadu_pd(m, p) ::indeval::detail::bulk::emulation::maskz_loadu_pd(m, p)
#define _mm256_maskz_loadu_epi32(m, p) ::indeval::detail::bulk::emulation::maskz_loadu_epi32(m, p)
#define _mm512_mask_i32gather_pd(s, m, i, b, k) \
  ::indeval::detail::bulk::emulation::mask_i32gather<double>(s, m, i, b, k)
#define _mm512_mask_i32gather_epi64(s, m, i, b, k) \
  ::indeval::detail::bulk::emulation::mask_i32gather<std::int64_t>(s, m, i, b, k)
#define _mm512_mask_cvtepi64_epi8(s, m, a) ::indeval::detail::bulk::emulation::mask_cvtepi64_epi8(s, m, a)
#define _mm512_mask_storeu_epi8(p, m, a) ::indeval::detail::bulk::emulation::mask_storeu_epi8(p, m, a)
#define _mm_mask_storeu_epi8(p, m, a) ::indeval::detail::bulk::emulation::mask_storeu_epi8(p, m, a)
#define _mm512_maskz_slli_epi64(m, a, s) ::indeval::detail::bulk::emulation::maskz_slli_epi64(m, a, s)
#define _mm512_cmpneq_epi32_mask(a, b) ::indeval::detail::bulk::emulation::cmpneq_epi32_mask(a, b)
#define _mm512_mask_roundscale_pd(s, m, a, imm) ::indeval::detail::bulk::emulation::mask_roundscale_pd(s, m, a, imm)
#define _mm512_cmpgt_epu32_mask(a, b) ::indeval::detail::bulk::emulation::cmpgt_epu32_mask(a, b)
