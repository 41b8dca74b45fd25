#include "extend/svg.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace m2h::extend::svg {

namespace {

constexpr double kWidth = 720, kLeft = 70, kRight = 20, kTop = 40;
constexpr const char* kBar = "#4c72b0";

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

// A "nice" axis maximum and tick step for values up to v.
std::pair<double, double> axis(double v) {
    if (v <= 0) return {1, 1};
    const double mag = std::pow(10, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * mag >= v) return {m * mag, m * mag / (m == 1 || m == 10 ? 5 : m == 2 ? 4 : 5)};
    return {10 * mag, 2 * mag};
}

std::string number(double v) { return v == std::floor(v) ? fmt::format("{:.0f}", v) : fmt::format("{:g}", v); }

std::string open_svg(double height, const std::string& title) {
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
        "font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        "<text x=\"{2}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">{3}</text>\n",
        kWidth, height, kWidth / 2, escape(title));
}

}  // namespace

std::string bars(const std::string& title, const std::string& xlabel, const std::string& ylabel,
                 const std::vector<std::pair<std::string, double>>& data) {
    const double plot_h = 260, bottom = 70, height = kTop + plot_h + bottom;
    std::string s = open_svg(height, title);
    double top = 0;
    for (const auto& d : data) top = std::max(top, d.second);
    const auto [ymax, step] = axis(top);
    const double w = kWidth - kLeft - kRight, y0 = kTop + plot_h;
    for (double t = 0; t <= ymax + step / 2; t += step) {
        const double y = y0 - t / ymax * plot_h;
        s += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>\n", kLeft, kLeft + w, y, y);
        s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", kLeft - 6, y + 4, number(t));
    }
    const double slot = data.empty() ? w : w / static_cast<double>(data.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        const double h = data[i].second / ymax * plot_h, x = kLeft + slot * static_cast<double>(i);
        s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"><title>{}: {}</title></rect>\n",
                         x + slot * 0.15, y0 - h, slot * 0.7, h, kBar, escape(data[i].first), number(data[i].second));
        s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" transform=\"rotate(-45 {:.1f} {:.1f})\">{}</text>\n",
                         x + slot / 2, y0 + 14, x + slot / 2, y0 + 14, escape(data[i].first));
    }
    s += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"black\"/>\n", kLeft, kLeft + w, y0, y0);
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", kLeft + w / 2, height - 8, escape(xlabel));
    s += fmt::format("<text x=\"16\" y=\"{0}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {0})\">{1}</text>\n",
                     kTop + plot_h / 2, escape(ylabel));
    return s + "</svg>\n";
}

std::string histograms(const std::string& title, const std::string& xlabel, const std::vector<Series>& series) {
    const double panel_h = 90, gap = 18, bottom = 50;
    const double height = kTop + static_cast<double>(series.size()) * (panel_h + gap) + bottom;
    std::string s = open_svg(height, title);
    // shared logarithmic bins over all values (a block of one site spans 0 bp: put at 1)
    double lo = 1, hi = 1;
    for (const auto& x : series)
        for (double v : x.values) hi = std::max(hi, v);
    const double llo = std::log10(lo), lhi = std::max(std::log10(hi), llo + 1);
    constexpr int kBins = 30;
    const double w = kWidth - kLeft - kRight, bw = w / kBins;
    double y = kTop;
    for (const auto& x : series) {
        std::vector<int> bins(kBins, 0);
        for (double v : x.values) {
            const double l = std::log10(std::max(v, 1.0));
            ++bins[static_cast<std::size_t>(std::clamp(static_cast<int>((l - llo) / (lhi - llo) * kBins), 0, kBins - 1))];
        }
        const int most = std::max(1, *std::max_element(bins.begin(), bins.end()));
        const double y0 = y + panel_h;
        for (int b = 0; b < kBins; ++b) {
            if (!bins[static_cast<std::size_t>(b)]) continue;
            const double h = panel_h * bins[static_cast<std::size_t>(b)] / most;
            s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>\n",
                             kLeft + bw * b + 0.5, y0 - h, bw - 1, h, kBar);
        }
        s += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"black\"/>\n", kLeft, kLeft + w, y0, y0);
        s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", kLeft - 6, y + 10, most);
        s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">0</text>\n", kLeft - 6, y0);
        s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" font-weight=\"bold\">{} ({} blocks)</text>\n", kLeft + 6, y + 10,
                         escape(x.name), x.values.size());
        y += panel_h + gap;
    }
    // decades on the shared axis
    const double axis_y = y - gap + 14;
    for (int d = static_cast<int>(std::ceil(llo)); d <= static_cast<int>(std::floor(lhi)); ++d) {
        const double x = kLeft + (d - llo) / (lhi - llo) * w;
        s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", x, axis_y, number(std::pow(10, d)));
    }
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{} (log scale)</text>\n", kLeft + w / 2, height - 10,
                     escape(xlabel));
    return s + "</svg>\n";
}

}  // namespace m2h::extend::svg
