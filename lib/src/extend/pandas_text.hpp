// How pandas (1.5, C parser) types a column of a TSV it reads and writes the cells back
// with to_csv: phase-Extender's output text is decided by it (numbers re-rendered, an
// integer column with a missing cell turned into floats, ...).
#pragma once

#include <string>
#include <string_view>

namespace m2h::pdtext {

enum class Type : unsigned char { kInt, kFloat, kBool, kText };

// read_csv's default missing-value tokens ("", "NA", "nan", ...; "." is not one).
bool is_na(std::string_view cell);

// Python's repr() of a double (shortest round trip: 1000.0, 0.5, 1e-05, 1e+16).
std::string float_repr(double v);

// Whether a cell is an integer / a float literal as pandas' parser takes them, and the value.
bool parse_int(std::string_view cell, long long& v);
bool parse_float(std::string_view cell, double& v);

// The type pandas infers for a column from its cells, added one at a time.
class ColumnTyper {
public:
    void add(std::string_view cell);
    // int (no missing cell), float (numbers with missing cells, or only missing cells),
    // bool, or text.
    Type type() const;
    bool any_na() const { return na_; }
    // Every non-missing cell is written back as it was read under type(): the raw text can
    // stand for the rendered one (equality of cells is the same).
    bool canonical() const;

private:
    bool na_ = false, value_ = false;
    bool ints_ = true, floats_ = true, bools_ = true;
    bool int_canon_ = true, float_canon_ = true, bool_canon_ = true;
};

// The text to_csv writes for a non-missing cell of a column of type t.
void render(std::string_view cell, Type t, std::string& out);
inline std::string render(std::string_view cell, Type t) {
    std::string s;
    render(cell, t, s);
    return s;
}

// The type of a column made by concatenating columns of types a and b (pandas' common
// dtype): int+float -> float, equal -> same, any other mix -> text (each cell as its own).
Type combine(Type a, Type b);

}  // namespace m2h::pdtext
