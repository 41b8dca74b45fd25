// The arithmetic m2h-extend borrows from Python, numpy and pandas, one operation a line, for
// the comparison with the real ones (tests/extend/test_arithmetic.sh):
//   md A B | mul X Y | add X Y | div X Y | ln X | r5 X | cmp X F | repr F | argsort K...
// A, B, F are doubles (Python's repr), X, Y decimals (Python's str), K integers.
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "extend/np_argsort.hpp"
#include "extend/pandas_text.hpp"
#include "extend/pydecimal.hpp"

using namespace m2h;

namespace {
// Decimals compared by value: trailing zeros of the coefficient dropped.
std::string normal(pydec::Dec d) {
    if (d.coef == 0) return d.neg ? "-0" : "0";
    while (d.coef % 10 == 0) d.coef /= 10, ++d.exp;
    return pydec::to_string(d);
}
}  // namespace

int main() {
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream in(line);
        std::string op, x, y;
        in >> op;
        if (op == "argsort") {
            std::vector<std::int64_t> k;
            long long v;
            while (in >> v) k.push_back(v);
            const auto p = extend::numpy_argsort(k);
            for (std::size_t i = 0; i < p.size(); ++i) std::cout << (i ? " " : "") << p[i];
            std::cout << "\n";
            continue;
        }
        in >> x >> y;
        if (op == "md") {
            std::cout << normal(pydec::mul_doubles(std::strtod(x.c_str(), nullptr), std::strtod(y.c_str(), nullptr))) << "\n";
            continue;
        }
        if (op == "repr") {
            std::cout << pdtext::float_repr(std::strtod(x.c_str(), nullptr)) << "\n";
            continue;
        }
        pydec::Dec a, b;
        if (!pydec::parse(x, a) || ((op == "mul" || op == "add" || op == "div") && !pydec::parse(y, b))) {
            std::cout << "unparsed: " << line << "\n";
            continue;
        }
        if (op == "mul") std::cout << normal(pydec::mul(a, b)) << "\n";
        else if (op == "add") std::cout << normal(pydec::add(a, b)) << "\n";
        else if (op == "div") std::cout << normal(pydec::div(a, b)) << "\n";
        else if (op == "ln") std::cout << normal(pydec::ln(a)) << "\n";
        else if (op == "cmp") std::cout << pydec::compare(a, std::strtod(y.c_str(), nullptr)) << "\n";
        else if (op == "r5") {
            std::string s;
            std::cout << (pydec::round5_text(a, s) ? s : "InvalidOperation") << "\n";
        } else std::cout << "unknown: " << line << "\n";
    }
    pydec::release_thread_caches();
}
