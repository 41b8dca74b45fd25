// m2h-extend's borrowed arithmetic: Python's decimal (28 digits, half even), pandas' cell
// types and float repr, numpy's argsort. tests/extend/test_arithmetic.sh compares thousands
// of random cases with Python and numpy themselves; these are the rules, one by one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "extend/np_argsort.hpp"
#include "extend/pandas_text.hpp"
#include "extend/pydecimal.hpp"

using namespace m2h;

namespace {
pydec::Dec dec(const char* s) {
    pydec::Dec d;
    REQUIRE(pydec::parse(s, d));
    return d;
}
std::string r5(const pydec::Dec& d) {
    std::string s;
    REQUIRE(pydec::round5_text(d, s));
    return s;
}
}  // namespace

TEST_CASE("decimal: 28 significant digits, rounded half to even") {
    CHECK(pydec::to_string(pydec::ln(pydec::from_int(2))) == "0.6931471805599453094172321215");
    // 1/3 * 3 rounds to 28 nines: the product of two 28-digit numbers, rounded once
    const auto third = pydec::div(pydec::from_int(1), pydec::from_int(3));
    CHECK(pydec::to_string(third) == "0.3333333333333333333333333333");
    CHECK(pydec::to_string(pydec::mul(third, pydec::from_int(3))) == "0.9999999999999999999999999999");
    // a tie rounds to the even neighbour
    CHECK(pydec::to_string(pydec::add(dec("1000000000000000000000000000"), dec("0.5"))) == "1000000000000000000000000000");
    CHECK(pydec::to_string(pydec::add(dec("1000000000000000000000000001"), dec("0.5"))) == "1000000000000000000000000002");
    // Decimal(0.1) is the double's exact value: 0.1000000000000000055511151231257827...
    CHECK(pydec::to_string(pydec::mul_doubles(0.1, 1.0)) == "0.1000000000000000055511151231");
    // ln(32)/ln(2) is just under 5 in 28 digits: 5 is not reached
    const auto five = pydec::div(pydec::ln(pydec::from_int(32)), pydec::ln(pydec::from_int(2)));
    CHECK(pydec::compare(five, 5.0) < 0);
    CHECK(pydec::compare(five, 4.999) > 0);
    CHECK(pydec::compare(pydec::from_int(2), 2.0) == 0);
}

TEST_CASE("decimal: round(x, 5) keeps the sign of zero") {
    CHECK(r5(dec("-1.732325231460932456315466799E-20")) == "-0.00000");
    CHECK(r5(pydec::ln(pydec::from_int(1))) == "0.00000");
    CHECK(r5(dec("-65.018066")) == "-65.01807");
    CHECK(r5(dec("2.000005")) == "2.00000");   // half to even
    CHECK(r5(dec("2.000015")) == "2.00002");
    std::string s;
    CHECK_FALSE(pydec::round5_text(dec("1E+24"), s));  // Python: InvalidOperation
}

TEST_CASE("pandas: float repr as Python writes it") {
    CHECK(pdtext::float_repr(1000.0) == "1000.0");
    CHECK(pdtext::float_repr(0.5) == "0.5");
    CHECK(pdtext::float_repr(1e-5) == "1e-05");
    CHECK(pdtext::float_repr(0.0001) == "0.0001");
    CHECK(pdtext::float_repr(1e16) == "1e+16");
    CHECK(pdtext::float_repr(1.5e16) == "1.5e+16");
    CHECK(pdtext::float_repr(123456789012345.0) == "123456789012345.0");
    CHECK(pdtext::float_repr(-0.0) == "-0.0");
}

TEST_CASE("pandas: a column's type from its cells") {
    auto type_of = [](std::initializer_list<const char*> cells) {
        pdtext::ColumnTyper t;
        for (const char* c : cells) t.add(c);
        return t;
    };
    CHECK(type_of({"6", "12"}).type() == pdtext::Type::kInt);
    CHECK(type_of({"6", ""}).type() == pdtext::Type::kFloat);  // a missing cell: floats
    CHECK(type_of({"6", "NA", "7"}).type() == pdtext::Type::kFloat);
    CHECK(type_of({"6", "."}).type() == pdtext::Type::kText);   // '.' is not missing
    CHECK(type_of({"True", "false"}).type() == pdtext::Type::kBool);
    CHECK(type_of({"", ""}).type() == pdtext::Type::kFloat);
    CHECK(type_of({"6", "12"}).canonical());
    CHECK_FALSE(type_of({"06", "12"}).canonical());            // written back as 6
    CHECK_FALSE(type_of({"6", ""}).canonical());               // written back as 6.0
    CHECK(type_of({"06", "x"}).canonical());                   // text: as it is
    CHECK(pdtext::render("06", pdtext::Type::kInt) == "6");
    CHECK(pdtext::render("+5", pdtext::Type::kInt) == "5");
    CHECK(pdtext::render("1", pdtext::Type::kFloat) == "1.0");
    CHECK(pdtext::render("1e3", pdtext::Type::kFloat) == "1000.0");
    CHECK(pdtext::is_na("NaN"));
    CHECK_FALSE(pdtext::is_na("."));
    CHECK(pdtext::combine(pdtext::Type::kInt, pdtext::Type::kFloat) == pdtext::Type::kFloat);
    CHECK(pdtext::combine(pdtext::Type::kInt, pdtext::Type::kText) == pdtext::Type::kText);
}

TEST_CASE("numpy argsort: distinct keys in order, equal ones as numpy leaves them") {
    std::vector<std::int64_t> keys(1000);
    std::iota(keys.begin(), keys.end(), 0);
    std::reverse(keys.begin(), keys.end());
    const auto p = extend::numpy_argsort(keys);
    REQUIRE(p.size() == keys.size());
    for (std::size_t i = 1; i < p.size(); ++i) CHECK(keys[static_cast<std::size_t>(p[i - 1])] < keys[static_cast<std::size_t>(p[i])]);
    // [5 5 5 1 5 5] -> numpy 1.26 on AVX-512: [3 0 1 2 4 5]
    CHECK(extend::numpy_argsort({5, 5, 5, 1, 5, 5}) == std::vector<std::int64_t>{3, 0, 1, 2, 4, 5});
    CHECK(extend::numpy_argsort({}).empty());
    CHECK(extend::numpy_argsort({7}) == std::vector<std::int64_t>{0});
}
