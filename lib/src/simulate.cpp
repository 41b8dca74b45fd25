#include "m2h/simulate.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <vector>

#include "m2h/error.hpp"
#include "m2h/fields.hpp"
#include "m2h/line_reader.hpp"
#include "m2h/output.hpp"
#include "simulate_plan.hpp"

namespace m2h {

using detail::Chrom;
using detail::Rng;

namespace {

std::uint32_t threshold16(double rate) { return static_cast<std::uint32_t>(rate * 65536.0 + 0.5); }
std::uint64_t threshold32(double rate) { return static_cast<std::uint64_t>(rate * 4294967296.0 + 0.5); }

constexpr char kBases[4] = {'A', 'C', 'G', 'T'};

class RowMaker {
public:
    explicit RowMaker(const SimulateOptions& o)
        : rng_(o.seed), haps_(o.haplotypes), poly_(threshold32(o.poly_rate)), multi_(threshold16(o.multi_rate)),
          missing_(threshold16(o.missing_rate)), deletion_(threshold16(o.deletion_rate)) {}

    // Appends one row (with '\n') to buf.
    void append(std::string& buf, std::string_view chrom, std::uint64_t pos) {
        char num[24];
        auto r = std::to_chars(num, num + sizeof num, pos);
        std::uint64_t u = rng_.next();
        char ref = kBases[u & 3];
        buf.append(chrom).push_back('\t');
        buf.append(num, r.ptr).push_back('\t');
        buf.push_back(ref);
        if ((u >> 32) < poly_) append_polymorphic(buf, ref, u >> 2);
        else append_invariant(buf, ref);
        buf.push_back('\n');
    }

private:
    void append_invariant(std::string& buf, char ref) {
        for (std::uint32_t h = 0; h < haps_; h += 4) {
            std::uint64_t u = rng_.next();
            for (std::uint32_t k = 0; k < 4 && h + k < haps_; ++k, u >>= 16) {
                buf.push_back('\t');
                buf.push_back((u & 0xffff) < missing_ ? 'N' : ref);
            }
        }
    }

    void append_polymorphic(std::string& buf, char ref, std::uint64_t u) {
        int r = static_cast<int>(std::string_view(kBases, 4).find(ref));
        char alt1 = kBases[(r + 1 + static_cast<int>(u % 3)) & 3];
        char alt2 = kBases[(r + 1 + static_cast<int>((u / 3 + 1) % 3)) & 3];
        if (alt2 == alt1) alt2 = kBases[(r + 1 + static_cast<int>((u / 3 + 2) % 3)) & 3];
        bool multi = ((u >> 8) & 0xffff) < multi_;
        std::uint64_t freq = (u >> 24) & 0xffff;  // this site's alternate allele frequency
        for (std::uint32_t h = 0; h < haps_; ++h) {
            std::uint64_t v = rng_.next();
            char c = ref;
            if ((v & 0xffff) < missing_) c = 'N';
            else if (((v >> 16) & 0xffff) < deletion_) c = '-';
            else if (((v >> 32) & 0xffff) < freq) c = (multi && (v >> 63)) ? alt2 : alt1;
            buf.push_back('\t');
            buf.push_back(c);
        }
    }

    Rng rng_;
    std::uint32_t haps_;
    std::uint64_t poly_;
    std::uint32_t multi_, missing_, deletion_;
};

void check_options(const SimulateOptions& o) {
    if (o.chroms < 1) usage_error("--chroms must be at least 1");
    if (o.uneven && !o.lengths.empty()) usage_error("--uneven and --lengths do not go together: the lengths set the shares");
    if (o.haplotypes < 1) usage_error("--haplotypes must be at least 1");
    for (double r : {o.poly_rate, o.missing_rate, o.deletion_rate, o.multi_rate})
        if (!(r >= 0.0 && r <= 1.0)) usage_error("rates must be between 0 and 1");
}

// rows shared out: one row for every chromosome (each asked for is made), the rest in
// proportion to the weights: each its floor, then the remainders in order of their size
// (ties to the first), so the total is exact. No rows: none anywhere (a header alone).
void share_rows(std::vector<Chrom>& chroms, const std::vector<double>& weights, std::uint64_t rows) {
    if (rows == 0) return;
    if (rows < chroms.size())
        usage_error(fmt::format("--rows {} is fewer than the {} chromosomes asked for: each needs a row", rows,
                                chroms.size()));
    for (auto& c : chroms) c.rows = 1;
    rows -= chroms.size();
    double total = 0;
    for (double w : weights) total += w;
    std::vector<std::pair<double, std::size_t>> rest;
    std::uint64_t given = 0;
    for (std::size_t c = 0; c < chroms.size(); ++c) {
        const double exact = static_cast<double>(rows) * weights[c] / total;
        const auto floor = static_cast<std::uint64_t>(exact);
        chroms[c].rows += floor;
        given += floor;
        rest.emplace_back(exact - static_cast<double>(floor), c);
    }
    std::stable_sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; given < rows; ++i, ++given) ++chroms[rest[i % rest.size()].second].rows;
}

std::vector<Chrom> read_lengths(const std::string& path) {
    LineReader in(path);
    std::vector<Chrom> chroms;
    std::string_view line;
    std::vector<std::string_view> f;
    while (in.next(line)) {
        if (line.empty()) continue;
        split_tabs(line, f);
        std::uint64_t len = 0;
        auto [p, ec] = f.size() >= 2 ? std::from_chars(f[1].data(), f[1].data() + f[1].size(), len)
                                     : std::from_chars_result{nullptr, std::errc::invalid_argument};
        if (f.size() < 2 || f[0].empty() || ec != std::errc() || p != f[1].data() + f[1].size() || len == 0)
            data_error("bad lengths file", path, in.line_number(), "expected 'name<TAB>length' (a whole number >= 1)");
        chroms.push_back({std::string(f[0]), len});
    }
    if (chroms.empty()) file_error("empty lengths file", path, "expected 'name<TAB>length' lines");
    return chroms;
}

}  // namespace

// The chromosomes and their rows: even shares, 1/c shares (--uneven), or by length.
std::vector<Chrom> detail::plan_chroms(const SimulateOptions& o) {
    std::vector<Chrom> chroms;
    std::vector<double> weights;
    if (!o.lengths.empty()) {
        chroms = read_lengths(o.lengths);
        for (const auto& c : chroms) weights.push_back(static_cast<double>(c.length));
    } else {
        for (std::uint32_t c = 1; c <= o.chroms; ++c) {
            chroms.push_back({fmt::format("{}{}", o.chrom_prefix, c)});
            weights.push_back(o.uneven ? 1.0 / c : 1.0);
        }
    }
    share_rows(chroms, weights, o.rows);
    for (const auto& c : chroms)
        if (c.length && c.rows > c.length)
            usage_error(fmt::format("--lengths: {} rows do not fit '{}' of length {}", c.rows, c.name, c.length));
    return chroms;
}

__extension__ typedef unsigned __int128 u128;  // i * length overflows 64 bits

// Position of row i (1-based) of a chromosome: 1, 2, 3... or spread evenly over its length.
std::uint64_t detail::position(const Chrom& c, std::uint64_t i) {
    if (!c.length) return i;
    return static_cast<std::uint64_t>(static_cast<u128>(i) * c.length / c.rows);
}

std::string simulated_header(const SimulateOptions& o) {
    std::string h = "CHROM\tPOS\tREF";
    for (std::uint32_t i = 1; i <= o.haplotypes / 2; ++i) h += fmt::format("\t{}a\t{}b", i, i);
    if (o.haplotypes % 2) h += "\toutgroup";
    return h;
}

void run_simulate(const SimulateOptions& o) {
    check_options(o);
    if (o.read_backed) return detail::simulate_read_backed(o);
    OutputFile out(o.output, {.threads = o.threads, .level = o.level});
    std::string buf;
    constexpr std::size_t kFlush = 1 << 20;
    buf.reserve(kFlush + 4096 + 2 * o.haplotypes + o.chrom_prefix.size());
    if (o.header) buf.append(simulated_header(o)).push_back('\n');
    RowMaker maker(o);
    const std::vector<Chrom> chroms = detail::plan_chroms(o);
    std::vector<std::uint64_t> done(chroms.size(), 0);
    std::uint64_t block = o.interleave ? o.interleave : UINT64_MAX;
    std::uint64_t remaining = o.rows;
    for (std::size_t c = 0; remaining > 0; c = (c + 1) % chroms.size()) {
        const Chrom& chrom = chroms[c];
        for (std::uint64_t n = std::min(block, chrom.rows - done[c]); n > 0; --n, --remaining) {
            maker.append(buf, chrom.name, detail::position(chrom, ++done[c]));
            if (buf.size() >= kFlush) {
                out.write(buf);
                buf.clear();
            }
        }
    }
    out.write(buf);
    out.commit();
}

}  // namespace m2h
