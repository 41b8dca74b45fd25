// The 128-bit vector code of the hot loops, written with SSE2 intrinsics: native on
// x86-64; elsewhere (ARM64: NEON) through SIMDe, which implements the same intrinsics with
// the platform's own vectors, when its headers are there (Debian's libsimde-dev). M2H_SIMD
// is 1 where the vector code is built, 0 where the scalar loops beside it run alone (no
// SIMDe, or -DM2H_SIMD=OFF, the build that tests them). Internal to the core library.
#pragma once

#if defined(M2H_NO_SIMD)
#define M2H_SIMD 0
#elif defined(__SSE2__)
#include <emmintrin.h>
#define M2H_SIMD 1
#elif defined(__has_include)
#if __has_include(<simde/x86/sse2.h>)
#define SIMDE_ENABLE_NATIVE_ALIASES  // the _mm_* names, as on x86
#include <simde/x86/sse2.h>
#define M2H_SIMD 1
#else
#define M2H_SIMD 0
#endif
#else
#define M2H_SIMD 0
#endif
