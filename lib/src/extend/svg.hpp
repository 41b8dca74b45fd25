// The figures of m2h-extend --hapStats, as SVG (phase-extender 0.1.8 draws the same four
// with matplotlib as PNG): bars per contig, and histograms of block sizes per contig.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace m2h::extend::svg {

struct Series {
    std::string name;
    std::vector<double> values;
};

// One bar per (label, value).
std::string bars(const std::string& title, const std::string& xlabel, const std::string& ylabel,
                 const std::vector<std::pair<std::string, double>>& data);
// One histogram per series, stacked, sharing a logarithmic x axis.
std::string histograms(const std::string& title, const std::string& xlabel, const std::vector<Series>& series);

}  // namespace m2h::extend::svg
