#include "extend/pydecimal.hpp"

#include <gmp.h>
#include <mpfr.h>

#include <array>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace m2h::pydec {

namespace {

constexpr int kPrec = 28;

// 10^k for k = 0..56 as three 64-bit limbs (products of two 28-digit coefficients).
struct Pow10Table {
    std::array<std::array<mp_limb_t, 3>, 57> limbs{};
    std::array<u128, 39> small{};
    Pow10Table() {
        u128 p = 1;
        for (int k = 0; k <= 38; ++k, p *= 10) small[k] = p;
        mpz_t z;
        mpz_init(z);
        for (int k = 0; k <= 56; ++k) {
            mpz_ui_pow_ui(z, 10, k);
            std::size_t n = 0;
            mpz_export(limbs[k].data(), &n, -1, sizeof(mp_limb_t), 0, 0, z);
        }
        mpz_clear(z);
    }
};
const Pow10Table kPow10;  // built at start-up: a function-local static costs a guard check a call
const Pow10Table& pow10() { return kPow10; }

// RAII for mpz_t.
struct Z {
    mpz_t v;
    Z() { mpz_init(v); }
    ~Z() { mpz_clear(v); }
    Z(const Z&) = delete;
    Z& operator=(const Z&) = delete;
};

void set_u128(mpz_t z, u128 v) {
    mp_limb_t l[2] = {static_cast<mp_limb_t>(v), static_cast<mp_limb_t>(v >> 64)};
    mpz_import(z, 2, -1, sizeof(mp_limb_t), 0, 0, l);
}

u128 get_u128(const mpz_t z) {
    mp_limb_t l[2] = {0, 0};
    std::size_t n = 0;
    mpz_export(l, &n, -1, sizeof(mp_limb_t), 0, 0, z);
    return static_cast<u128>(l[0]) | (static_cast<u128>(l[1]) << 64);
}

// Decimal digits of z > 0.
long digits_z(const mpz_t z) {
    long d = static_cast<long>(mpz_sizeinbase(z, 10));
    Z p;
    mpz_ui_pow_ui(p.v, 10, d - 1);
    if (mpz_cmp(z, p.v) < 0) --d;
    return d;
}

int digits_u128(u128 v) {
    const auto& t = pow10().small;
    int d = 1;
    while (d <= 38 && v >= t[d]) ++d;
    return d;
}

// The exact value (neg, c * 10^exp), c >= 0, rounded to 28 digits, half even.
// sticky: the exact value is a little more than c * 10^exp (a discarded nonzero tail).
Dec round_z(const mpz_t c, std::int64_t exp, bool neg, bool sticky = false) {
    Dec r;
    r.neg = neg;
    if (mpz_sgn(c) == 0) {
        r.exp = exp;
        return r;
    }
    const long d = digits_z(c);
    if (d <= kPrec && !sticky) {
        r.coef = get_u128(c);
        r.exp = exp;
        return r;
    }
    const long s = d > kPrec ? d - kPrec : 0;
    Z q, rem, div, twice;
    mpz_ui_pow_ui(div.v, 10, static_cast<unsigned long>(s));
    mpz_tdiv_qr(q.v, rem.v, c, div.v);
    mpz_mul_2exp(twice.v, rem.v, 1);
    const int cmp = mpz_cmp(twice.v, div.v);
    const bool up = cmp > 0 || (cmp == 0 && (sticky || mpz_odd_p(q.v)));
    if (up) mpz_add_ui(q.v, q.v, 1);
    r.coef = get_u128(q.v);
    r.exp = exp + s;
    if (r.coef == pow10().small[kPrec]) {
        r.coef /= 10;
        r.exp += 1;
    }
    return r;
}

// x = m * 2^e exactly, m an odd integer (or 0).
void split_double(double x, std::uint64_t& m, int& e) {
    int ex = 0;
    const double f = std::frexp(std::fabs(x), &ex);
    m = static_cast<std::uint64_t>(std::ldexp(f, 53));
    e = ex - 53;
    if (m == 0) return;
    const int tz = __builtin_ctzll(m);
    m >>= tz;
    e += tz;
}

void exact_dec(const Dec& a, mpz_t c) { set_u128(c, a.coef); }

// mpq of a.
void dec_to_q(const Dec& a, mpq_t q) {
    Z c, p;
    set_u128(c.v, a.coef);
    if (a.exp >= 0) {
        mpz_ui_pow_ui(p.v, 10, static_cast<unsigned long>(a.exp));
        mpz_mul(c.v, c.v, p.v);
        mpq_set_z(q, c.v);
    } else {
        mpz_ui_pow_ui(p.v, 10, static_cast<unsigned long>(-a.exp));
        mpq_set_num(q, c.v);
        mpq_set_den(q, p.v);
        mpq_canonicalize(q);
    }
    if (a.neg) mpq_neg(q, q);
}

// (hi:lo) / d with hi < d: one hardware division where there is one.
inline std::uint64_t div_128_64(std::uint64_t hi, std::uint64_t lo, std::uint64_t d, std::uint64_t& rem) {
#if defined(__x86_64__)
    std::uint64_t q;
    __asm__("divq %4" : "=a"(q), "=d"(rem) : "a"(lo), "d"(hi), "rm"(d));
    return q;
#else
    const u128 n = (static_cast<u128>(hi) << 64) | lo;
    rem = static_cast<std::uint64_t>(n % d);
    return static_cast<std::uint64_t>(n / d);
#endif
}

// t (three limbs, most significant last) divided by d in place; returns the remainder.
inline std::uint64_t divide_limbs(std::uint64_t t[3], std::uint64_t d) {
    std::uint64_t r = 0;
    for (int k = 2; k >= 0; --k) t[k] = div_128_64(r, t[k], d, r);
    return r;
}

// 5^k, k <= 27 (the largest power of 5 in 64 bits).
constexpr std::uint64_t pow5(int k) { return k == 0 ? 1 : 5 * pow5(k - 1); }
constexpr std::array<std::uint64_t, 28> kPow5 = [] {
    std::array<std::uint64_t, 28> a{};
    for (int k = 0; k < 28; ++k) a[static_cast<std::size_t>(k)] = pow5(k);
    return a;
}();

// A product (three limbs, below 10^56) rounded to 28 digits: the fast path of mul. The
// division by 10^s is a shift by s and a division by 5^s, in 64-bit steps.
Dec round_limbs3(const std::uint64_t* p, std::int64_t exp, bool neg) {
    Dec r;
    r.neg = neg;
    r.exp = exp;
    const auto& small = pow10().small;
    if (p[2] == 0) {
        const u128 v = static_cast<u128>(p[0]) | (static_cast<u128>(p[1]) << 64);
        if (v < small[kPrec]) {
            r.coef = v;
            return r;
        }
    }
    const int top = p[2] ? 2 : (p[1] ? 1 : 0);
    const int bits = 64 * top + 64 - __builtin_clzll(p[top]);
    int d = static_cast<int>((bits - 1) * 0.30102999566398119521) + 1;  // 10^(d-1) <= 2^(bits-1)
    const auto& tab = pow10().limbs;
    if (d < 57 && mpn_cmp(reinterpret_cast<const mp_limb_t*>(p), tab[static_cast<std::size_t>(d)].data(), 3) >= 0) ++d;
    const int s = d - kPrec;  // 1..28
    // t = p >> s, low = the bits shifted out
    std::uint64_t t[3] = {(p[0] >> s) | (p[1] << (64 - s)), (p[1] >> s) | (p[2] << (64 - s)), p[2] >> s};
    const std::uint64_t low = p[0] & ((std::uint64_t{1} << s) - 1);
    u128 r5;  // t mod 5^s
    if (s <= 27) {
        r5 = divide_limbs(t, kPow5[static_cast<std::size_t>(s)]);
    } else {
        const std::uint64_t r1 = divide_limbs(t, kPow5[27]);
        const std::uint64_t r2 = divide_limbs(t, 5);
        r5 = static_cast<u128>(r2) * kPow5[27] + r1;
    }
    const u128 rem = (r5 << s) | low;  // p mod 10^s
    u128 q = static_cast<u128>(t[0]) | (static_cast<u128>(t[1]) << 64);
    const u128 twice = rem * 2, div = small[static_cast<std::size_t>(s)];
    if (twice > div || (twice == div && (q & 1))) ++q;
    r.coef = q;
    r.exp = exp + s;
    if (r.coef == small[kPrec]) {
        r.coef /= 10;
        r.exp += 1;
    }
    return r;
}

}  // namespace

bool is_zero(const Dec& a) { return a.coef == 0; }

void release_thread_caches() { mpfr_free_cache(); }

Dec mul(const Dec& a, const Dec& b) {
    const bool neg = a.neg != b.neg;
    if (a.coef == 0 || b.coef == 0) return Dec{0, a.exp + b.exp, neg};
    // coefficients below 10^28 < 2^94: a = a1*2^64 + a0 with a1 < 2^30, so the product's
    // top limb p[3] is 0
    const std::uint64_t a0 = static_cast<std::uint64_t>(a.coef), a1 = static_cast<std::uint64_t>(a.coef >> 64);
    const std::uint64_t b0 = static_cast<std::uint64_t>(b.coef), b1 = static_cast<std::uint64_t>(b.coef >> 64);
    const u128 lo = static_cast<u128>(a0) * b0;
    const u128 mid = static_cast<u128>(a0) * b1 + static_cast<u128>(a1) * b0;  // < 2^126: no overflow
    const u128 hi = static_cast<u128>(a1) * b1;                                // < 2^60
    const u128 m = (lo >> 64) + static_cast<std::uint64_t>(mid);
    const std::uint64_t p[3] = {static_cast<std::uint64_t>(lo), static_cast<std::uint64_t>(m),
                                static_cast<std::uint64_t>(hi + (mid >> 64) + (m >> 64))};
    return round_limbs3(p, a.exp + b.exp, neg);
}

Dec mul_doubles(double a, double b) {
    if (a == 0 || b == 0) return Dec{0, 0, std::signbit(a) != std::signbit(b)};
    std::uint64_t ma = 0, mb = 0;
    int ea = 0, eb = 0;
    split_double(a, ma, ea);
    split_double(b, mb, eb);
    Z c;
    mpz_set_ui(c.v, ma);
    mpz_mul_ui(c.v, c.v, mb);
    const int e = ea + eb;
    std::int64_t exp = 0;
    if (e >= 0) {
        mpz_mul_2exp(c.v, c.v, static_cast<unsigned long>(e));
    } else {
        Z five;
        mpz_ui_pow_ui(five.v, 5, static_cast<unsigned long>(-e));
        mpz_mul(c.v, c.v, five.v);
        exp = e;
    }
    return round_z(c.v, exp, std::signbit(a) != std::signbit(b));
}

Dec add(const Dec& a, const Dec& b) {
    if (a.coef == 0 && b.coef == 0) {
        // Python: the sign of an exact zero sum is + unless both are -
        return Dec{0, std::min(a.exp, b.exp), a.neg && b.neg};
    }
    if (b.coef == 0) return a;  // already 28 digits at most
    if (a.coef == 0) return b;
    // exact sum of the two at the smaller exponent
    const Dec& hi = a.exp >= b.exp ? a : b;
    const Dec& lo = a.exp >= b.exp ? b : a;
    const std::int64_t shift = hi.exp - lo.exp;
    // Far apart: lo only decides a rounding past hi's last digit (kept as a sticky tail).
    const int hd = digits_u128(hi.coef), ld = digits_u128(lo.coef);
    if (shift > kPrec + 4 && lo.exp + ld < hi.exp + hd - kPrec - 2) {
        Z c, p;
        set_u128(c.v, hi.coef);
        // pad hi to 30 digits so that the tail lands after its last digit
        const int pad = kPrec + 2 - hd;
        mpz_ui_pow_ui(p.v, 10, static_cast<unsigned long>(pad));
        mpz_mul(c.v, c.v, p.v);
        if (hi.neg == lo.neg) return round_z(c.v, hi.exp - pad, hi.neg, true);
        mpz_sub_ui(c.v, c.v, 1);  // minus a tail: just under, then the sticky tail
        return round_z(c.v, hi.exp - pad, hi.neg, true);
    }
    Z x, y, p;
    set_u128(x.v, hi.coef);
    mpz_ui_pow_ui(p.v, 10, static_cast<unsigned long>(shift));
    mpz_mul(x.v, x.v, p.v);
    set_u128(y.v, lo.coef);
    if (hi.neg) mpz_neg(x.v, x.v);
    if (lo.neg) mpz_neg(y.v, y.v);
    mpz_add(x.v, x.v, y.v);
    const int sgn = mpz_sgn(x.v);
    if (sgn == 0) return Dec{0, lo.exp, false};  // x + -x is +0 under ROUND_HALF_EVEN
    mpz_abs(x.v, x.v);
    return round_z(x.v, lo.exp, sgn < 0);
}

Dec div(const Dec& a, const Dec& b) {
    if (b.coef == 0) throw std::domain_error("decimal division by zero");
    const bool neg = a.neg != b.neg;
    if (a.coef == 0) return Dec{0, a.exp - b.exp, neg};
    // q = a.coef * 10^k / b.coef with at least 29 digits, the remainder as a sticky tail
    const int ad = digits_u128(a.coef), bd = digits_u128(b.coef);
    const int k = std::max(0, kPrec + 2 + bd - ad);
    Z n, d, q, r, p;
    set_u128(n.v, a.coef);
    mpz_ui_pow_ui(p.v, 10, static_cast<unsigned long>(k));
    mpz_mul(n.v, n.v, p.v);
    set_u128(d.v, b.coef);
    mpz_tdiv_qr(q.v, r.v, n.v, d.v);
    return round_z(q.v, a.exp - b.exp - k, neg, mpz_sgn(r.v) != 0);
}

Dec ln(const Dec& a) {
    if (a.coef == 0 || a.neg) throw std::domain_error("decimal ln of a value <= 0");
    // ln(1) is exactly 0; any other rational has a transcendental logarithm, never a tie
    {
        const int d = digits_u128(a.coef);
        if (a.exp <= 0 && a.exp + d - 1 == 0) {
            const u128 p = pow10().small[-a.exp];
            if (a.coef == p) return Dec{0, 0, false};
        }
    }
    // Ziv: bounds of ln(c) + exp*ln(10) at growing precision until both round alike
    for (mpfr_prec_t prec = 160;; prec *= 2) {
        mpfr_t c, l10, lo, hi, t;
        mpfr_inits2(prec, c, l10, lo, hi, t, static_cast<mpfr_ptr>(nullptr));
        Z cz;
        set_u128(cz.v, a.coef);
        mpfr_set_z(c, cz.v, MPFR_RNDN);  // exact: 94 bits
        const long e = static_cast<long>(a.exp);
        // lower bound
        mpfr_log(lo, c, MPFR_RNDD);
        mpfr_log_ui(l10, 10, e >= 0 ? MPFR_RNDD : MPFR_RNDU);
        mpfr_mul_si(t, l10, e, MPFR_RNDD);
        mpfr_add(lo, lo, t, MPFR_RNDD);
        // upper bound
        mpfr_log(hi, c, MPFR_RNDU);
        mpfr_log_ui(l10, 10, e >= 0 ? MPFR_RNDU : MPFR_RNDD);
        mpfr_mul_si(t, l10, e, MPFR_RNDU);
        mpfr_add(hi, hi, t, MPFR_RNDU);
        mpfr_exp_t elo = 0, ehi = 0;
        char* slo = mpfr_get_str(nullptr, &elo, 10, kPrec, lo, MPFR_RNDN);
        char* shi = mpfr_get_str(nullptr, &ehi, 10, kPrec, hi, MPFR_RNDN);
        const bool same = elo == ehi && std::strcmp(slo, shi) == 0 && mpfr_sgn(lo) == mpfr_sgn(hi) &&
                          mpfr_sgn(lo) != 0;
        Dec r;
        if (same) {
            const char* s = slo;
            r.neg = *s == '-';
            if (r.neg) ++s;
            for (; *s; ++s) r.coef = r.coef * 10 + static_cast<unsigned>(*s - '0');
            r.exp = static_cast<std::int64_t>(elo) - kPrec;
        }
        mpfr_free_str(slo);
        mpfr_free_str(shi);
        mpfr_clears(c, l10, lo, hi, t, static_cast<mpfr_ptr>(nullptr));
        if (same) return r;
        if (prec > 1 << 20) throw std::runtime_error("decimal ln did not converge");
    }
}

int compare(const Dec& a, double c) {
    mpq_t x, y;
    mpq_inits(x, y, static_cast<mpq_ptr>(nullptr));
    dec_to_q(a, x);
    mpq_set_d(y, c);
    const int r = mpq_cmp(x, y);
    mpq_clears(x, y, static_cast<mpq_ptr>(nullptr));
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

bool round5_text(const Dec& a, std::string& out) {
    Z c;
    exact_dec(a, c.v);
    if (a.exp >= -5) {
        Z p;
        mpz_ui_pow_ui(p.v, 10, static_cast<unsigned long>(a.exp + 5));
        mpz_mul(c.v, c.v, p.v);
    } else {
        Z p, q, r, twice;
        mpz_ui_pow_ui(p.v, 10, static_cast<unsigned long>(-5 - a.exp));
        mpz_tdiv_qr(q.v, r.v, c.v, p.v);
        mpz_mul_2exp(twice.v, r.v, 1);
        const int cmp = mpz_cmp(twice.v, p.v);
        if (cmp > 0 || (cmp == 0 && mpz_odd_p(q.v))) mpz_add_ui(q.v, q.v, 1);
        mpz_swap(c.v, q.v);
    }
    if (mpz_sgn(c.v) != 0 && digits_z(c.v) > kPrec) return false;
    char* s = mpz_get_str(nullptr, 10, c.v);
    std::string digits(s);
    void (*freefunc)(void*, std::size_t);
    mp_get_memory_functions(nullptr, nullptr, &freefunc);
    freefunc(s, std::strlen(s) + 1);
    if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
    out.clear();
    if (a.neg) out.push_back('-');
    out.append(digits, 0, digits.size() - 5);
    out.push_back('.');
    out.append(digits, digits.size() - 5, 5);
    return true;
}

bool parse(const std::string& text, Dec& out) {
    out = Dec{};
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) out.neg = text[i++] == '-';
    int ndig = 0;
    bool point = false, any = false;
    for (; i < text.size() && text[i] != 'E' && text[i] != 'e'; ++i) {
        const char ch = text[i];
        if (ch == '.' && !point) {
            point = true;
            continue;
        }
        if (ch < '0' || ch > '9') return false;
        any = true;
        if (out.coef != 0 || ch != '0') ++ndig;
        if (ndig > 38) return false;
        out.coef = out.coef * 10 + static_cast<unsigned>(ch - '0');
        if (point) --out.exp;
    }
    if (!any) return false;
    if (i < text.size()) {
        try {
            std::size_t used = 0;
            const long long e = std::stoll(text.substr(i + 1), &used);
            if (used != text.size() - i - 1) return false;
            out.exp += e;
        } catch (const std::exception&) {
            return false;
        }
    }
    return true;
}

std::string to_string(const Dec& a) {
    std::string digits;
    u128 v = a.coef;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
    } while (v);
    const std::int64_t n = static_cast<std::int64_t>(digits.size());
    const std::int64_t adjusted = a.exp + n - 1;
    std::string out = a.neg ? "-" : "";
    if (a.exp <= 0 && adjusted >= -6) {
        if (a.exp == 0) return out + digits;
        const std::int64_t point = n + a.exp;  // digits before the point
        if (point > 0) {
            digits.insert(static_cast<std::size_t>(point), 1, '.');
            return out + digits;
        }
        out.append("0.").append(static_cast<std::size_t>(-point), '0');
        return out + digits;
    }
    out += digits.substr(0, 1);
    if (n > 1) out.append(".").append(digits, 1);
    out += "E";
    out += adjusted >= 0 ? "+" : "-";
    out += std::to_string(adjusted >= 0 ? adjusted : -adjusted);
    return out;
}

}  // namespace m2h::pydec
