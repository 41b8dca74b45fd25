// Python's decimal arithmetic in its default context (28 significant digits,
// ROUND_HALF_EVEN), for the few operations phase-Extender 0.1.8's likelihoods use, on
// Debian's GMP and MPFR. Every result is the exact result rounded once to 28 digits, as
// the General Decimal Arithmetic specification (and so Python) defines it; ln is
// correctly rounded (Python's context has allcr set). The values met here are positive
// likelihoods and their logarithms; exponents never approach the context's limits.
#pragma once

#include <cstdint>
#include <string>

namespace m2h::pydec {

__extension__ typedef unsigned __int128 u128;

// value = (neg ? -1 : 1) * coef * 10^exp, coef < 10^28
struct Dec {
    u128 coef = 0;
    std::int64_t exp = 0;
    bool neg = false;
};

inline Dec from_int(std::uint64_t v) { return Dec{v, 0, false}; }

// Decimal(a) * Decimal(b): the exact decimal values of two doubles, multiplied, rounded.
Dec mul_doubles(double a, double b);
Dec mul(const Dec& a, const Dec& b);
Dec add(const Dec& a, const Dec& b);
// a / b; b must not be zero.
Dec div(const Dec& a, const Dec& b);
// Natural logarithm of a > 0.
Dec ln(const Dec& a);
bool is_zero(const Dec& a);
// Sign of a - c, compared exactly (Python compares Decimal and float exactly).
int compare(const Dec& a, double c);
// str(round(a, 5)): quantized to 5 decimals (half even), plain notation, sign kept
// ("-0.00000"). False when the result would need more than 28 digits (|a| >= 10^23),
// where Python raises InvalidOperation.
bool round5_text(const Dec& a, std::string& out);
// Parses Python's str() forms ("1.25", "-3E-7", "12"): digits beyond 38 are refused.
bool parse(const std::string& text, Dec& out);
// Frees this thread's MPFR caches (of ln): call before a thread that used ln() ends.
void release_thread_caches();
// Python's str(a) (scientific notation as Python chooses it): for tests and messages.
std::string to_string(const Dec& a);

}  // namespace m2h::pydec
