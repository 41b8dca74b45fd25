#include "extend/pandas_text.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace m2h::pdtext {

namespace {

constexpr std::array<std::string_view, 18> kNaTokens = {
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
    "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null"};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
}

int bool_value(std::string_view s) {
    if (s == "True" || s == "TRUE" || s == "true") return 1;
    if (s == "False" || s == "FALSE" || s == "false") return 0;
    return -1;
}

}  // namespace

bool is_na(std::string_view cell) {
    if (cell.empty()) return true;
    if (cell.size() > 8) return false;
    switch (cell[0]) {  // the first characters of the tokens: most cells are rejected here
        case '#': case '-': case '1': case '<': case 'N': case 'n': break;
        default: return false;
    }
    for (auto t : kNaTokens)
        if (t == cell) return true;
    return false;
}

bool parse_int(std::string_view cell, long long& v) {
    std::string_view s = trim(cell);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && (s[0] != '-' || s.size() > 1);
}

bool parse_float(std::string_view cell, double& v) {
    std::string_view s = trim(cell);
    std::size_t i = 0;
    const bool neg = i < s.size() && s[i] == '-';
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::string_view body = s.substr(i);
    if (iequals(body, "inf") || iequals(body, "infinity")) {
        v = neg ? -HUGE_VAL : HUGE_VAL;
        return true;
    }
    // digits [. digits] [e [sign] digits], at least one mantissa digit
    std::size_t j = i, mant = 0;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j, ++mant;
    if (j < s.size() && s[j] == '.') {
        ++j;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j, ++mant;
    }
    if (mant == 0) return false;
    if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        std::size_t k = j + 1;
        if (k < s.size() && (s[k] == '-' || s[k] == '+')) ++k;
        const std::size_t digits_at = k;
        while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
        if (k == digits_at) return false;
        j = k;
    }
    if (j != s.size()) return false;
    std::string copy(s);
    errno = 0;
    v = std::strtod(copy.c_str(), nullptr);
    return true;
}

std::string float_repr(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    // buf: [-]d[.ddd]e(+|-)XX
    std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));
    const std::size_t e = sci.find('e');
    std::string_view mant = sci.substr(0, e);
    const int exp = std::atoi(std::string(sci.substr(e + 1)).c_str());
    std::string out;
    if (!mant.empty() && mant[0] == '-') {
        out.push_back('-');
        mant.remove_prefix(1);
    }
    std::string digits;
    for (char c : mant)
        if (c != '.') digits.push_back(c);
    if (exp >= -4 && exp < 16) {  // Python repr: fixed notation in this range
        const int point = exp + 1;  // digits before the point
        if (point <= 0) {
            out += "0.";
            out.append(static_cast<std::size_t>(-point), '0');
            out += digits;
        } else if (static_cast<std::size_t>(point) >= digits.size()) {
            out += digits;
            out.append(static_cast<std::size_t>(point) - digits.size(), '0');
            out += ".0";
        } else {
            out += digits.substr(0, static_cast<std::size_t>(point));
            out += '.';
            out += digits.substr(static_cast<std::size_t>(point));
        }
        return out;
    }
    out += digits.substr(0, 1);
    if (digits.size() > 1) {
        out += '.';
        out += digits.substr(1);
    }
    out += 'e';
    out += exp < 0 ? '-' : '+';
    const int a = exp < 0 ? -exp : exp;
    if (a < 10) out += '0';
    out += std::to_string(a);
    return out;
}

void ColumnTyper::add(std::string_view cell) {
    if (value_ && !ints_ && !floats_ && !bools_) return;  // text, whatever comes
    if (is_na(cell)) {
        na_ = true;
        return;
    }
    value_ = true;
    long long i = 0;
    double d = 0;
    if (ints_) {
        if (parse_int(cell, i)) {
            if (int_canon_) {
                char buf[24];
                auto r = std::to_chars(buf, buf + sizeof buf, i);
                int_canon_ = cell == std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
            }
        } else {
            ints_ = false;
        }
    }
    if (floats_) {
        if (parse_float(cell, d)) {
            if (float_canon_) float_canon_ = float_repr(d) == cell;
        } else {
            floats_ = false;
        }
    }
    if (bools_) {
        const int b = bool_value(cell);
        if (b < 0) bools_ = false;
        else if (bool_canon_) bool_canon_ = cell == "True" || cell == "False";
    }
}

Type ColumnTyper::type() const {
    if (!value_) return Type::kFloat;  // only missing cells: a float column of NaN
    if (ints_) return na_ ? Type::kFloat : Type::kInt;
    if (floats_) return Type::kFloat;
    if (bools_ && !na_) return Type::kBool;
    return Type::kText;
}

bool ColumnTyper::canonical() const {
    switch (type()) {
        case Type::kInt: return int_canon_;
        case Type::kFloat: return float_canon_;
        case Type::kBool: return bool_canon_;
        case Type::kText: return true;
    }
    return true;
}

void render(std::string_view cell, Type t, std::string& out) {
    out.clear();
    switch (t) {
        case Type::kInt: {
            long long i = 0;
            if (parse_int(cell, i)) {
                char buf[24];
                auto r = std::to_chars(buf, buf + sizeof buf, i);
                out.assign(buf, r.ptr);
                return;
            }
            break;
        }
        case Type::kFloat: {
            double d = 0;
            if (parse_float(cell, d)) {
                out = float_repr(d);
                return;
            }
            break;
        }
        case Type::kBool: {
            const int b = bool_value(cell);
            if (b >= 0) {
                out = b ? "True" : "False";
                return;
            }
            break;
        }
        case Type::kText: break;
    }
    out.assign(cell);
}

Type combine(Type a, Type b) {
    if (a == b) return a;
    if ((a == Type::kInt && b == Type::kFloat) || (a == Type::kFloat && b == Type::kInt)) return Type::kFloat;
    return Type::kText;
}

}  // namespace m2h::pdtext
