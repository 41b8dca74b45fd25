#include "extend/lod.hpp"

#include <algorithm>

namespace m2h::extend {

using pydec::Dec;

void make_site(Site& site, std::uint64_t line, std::string_view soi_pg, const std::vector<std::string_view>& pi,
               const std::vector<std::string_view>& pg, const std::vector<int>& weights) {
    site.line = line;
    const std::size_t bar = soi_pg.find('|');
    const std::string_view left = soi_pg.substr(0, bar);
    std::string_view right = bar == std::string_view::npos ? std::string_view() : soi_pg.substr(bar + 1);
    right = right.substr(0, right.find('|'));
    const int l = allele_code(left), r = allele_code(right);
    site.soi[0] = static_cast<signed char>(l < 4 ? l : -1);
    site.soi[1] = static_cast<signed char>(r < 4 ? r : -1);
    std::fill(std::begin(site.count), std::end(site.count), 0);
    site.total = 0;
    site.cells.resize(pi.size());
    site.alleles.clear();
    site.text.clear();
    for (std::size_t j = 0; j < pi.size(); ++j) {
        Site::Cell& c = site.cells[j];
        c.pi_off = static_cast<std::uint32_t>(site.text.size());
        c.pi_len = static_cast<std::uint32_t>(pi[j].size());
        site.text.append(pi[j]);
        c.allele_off = static_cast<std::uint32_t>(site.alleles.size());
        c.skip = pg[j] == "." || pg[j].find('*') != std::string_view::npos;
        std::uint16_t n = 0;
        std::string_view rest = pg[j];
        for (;;) {
            const std::size_t cut = rest.find('|');
            const int code = allele_code(rest.substr(0, cut));
            site.alleles.push_back(static_cast<unsigned char>(code));
            if (code < 4) site.count[code] += weights[j];
            ++n;
            if (cut == std::string_view::npos) break;
            rest.remove_prefix(cut + 1);
        }
        c.n_alleles = n;
    }
    for (int x : site.count) site.total += x;
}

LodEngine::LodEngine(std::vector<int> weights, bool sum_mode) : weights_(std::move(weights)), sum_(sum_mode) {
    int total = 0;
    for (int w : weights_) total += w;
    // a count is at most 2 per sample (in halves: 4)
    for (auto& row : near_) row.assign(static_cast<std::size_t>(4 * total + 1), nullptr);
}

// D(C/2 / E) (x) D(E / total): Python's Decimal(transition) * Decimal(emission), both
// doubles first, as 0.1.8 computes them; a handful of distinct values, so kept.
const Dec& LodEngine::factor(int c2, int e, int total) {
    const std::uint64_t key = static_cast<std::uint64_t>(c2) | static_cast<std::uint64_t>(e) << 21 |
                              static_cast<std::uint64_t>(total) << 42;
    auto it = factors_.find(key);
    if (it != factors_.end()) return it->second;
    Dec f;
    if (e != 0) {
        const double t = static_cast<double>(c2) * 0.5 / static_cast<double>(e);
        const double em = static_cast<double>(e) / static_cast<double>(total);
        f = pydec::mul_doubles(t, em);
    }
    return factors_.emplace(key, f).first->second;
}

// Numbers each column's PI texts over the sites of one pair of blocks.
void LodEngine::number_pis(const std::vector<const Site*>& sites) {
    const std::size_t cols = weights_.size();
    for (const Site* s : sites) s->pi_id.assign(cols, 0);
    for (std::size_t j = 0; j < cols; ++j) {
        distinct_.clear();
        for (const Site* s : sites) {
            const Site::Cell& c = s->cells[j];
            const std::string_view t(s->text.data() + c.pi_off, c.pi_len);
            auto it = std::find(distinct_.begin(), distinct_.end(), t);
            if (it == distinct_.end()) it = distinct_.insert(distinct_.end(), t);
            s->pi_id[j] = static_cast<std::uint16_t>(it - distinct_.begin());
        }
    }
}

LodEngine::Likelihoods LodEngine::chain(const std::vector<const Site*>& from, bool from_reversed,
                                        const std::vector<const Site*>& to) {
    // paths: left-left, right-right (parallel), left-right, right-left (alternate)
    static constexpr int kFrom[4] = {0, 1, 0, 1}, kTo[4] = {0, 1, 1, 0};
    const Dec init = pydec::from_int(sum_ ? 0 : 1);
    Dec cul[4] = {init, init, init, init};
    const std::size_t cols = weights_.size();
    for (std::size_t i = 0; i < from.size(); ++i) {
        const Site& n = *from[from_reversed ? from.size() - 1 - i : i];
        if (n.soi[0] < 0 || n.soi[1] < 0) continue;  // not bases: tells nothing (0.1.8 fails)
        Dec acc[4] = {init, init, init, init};
        // this site's factors by transition count, for its two alleles
        for (auto& row : near_) std::fill(row.begin(), row.end(), nullptr);
        for (const Site* mp : to) {
            const Site& m = *mp;
            if (m.soi[0] < 0 || m.soi[1] < 0) continue;
            int c[4][4] = {};  // transitions n -> m, in halves
            for (std::size_t j = 0; j < cols; ++j) {
                const Site::Cell& a = n.cells[j];
                const Site::Cell& b = m.cells[j];
                if (a.skip || b.skip) continue;
                const unsigned char* pa = n.alleles.data() + a.allele_off;
                const unsigned char* pb = m.alleles.data() + b.allele_off;
                const int w = weights_[j];
                if (n.pi_id[j] == m.pi_id[j]) {  // same phase block: the haplotypes as phased
                    const int k = std::min(a.n_alleles, b.n_alleles);
                    for (int x = 0; x < k; ++x)
                        if (pa[x] < 4 && pb[x] < 4) c[pa[x]][pb[x]] += 2 * w;
                } else {  // otherwise every pairing, half a count each
                    for (int x = 0; x < a.n_alleles; ++x)
                        if (pa[x] < 4)
                            for (int y = 0; y < b.n_alleles; ++y)
                                if (pb[y] < 4) c[pa[x]][pb[y]] += w;
                }
            }
            for (int p = 0; p < 4; ++p) {
                const int u = n.soi[kFrom[p]], v = m.soi[kTo[p]];
                const auto k = static_cast<std::size_t>(c[u][v]);
                const Dec* f = k < near_[0].size() ? near_[kFrom[p]][k] : nullptr;
                if (!f) {
                    f = &factor(c[u][v], n.count[u], n.total);
                    if (k < near_[0].size()) near_[kFrom[p]][k] = f;
                }
                acc[p] = sum_ ? pydec::add(acc[p], *f) : pydec::mul(acc[p], *f);
            }
        }
        for (int p = 0; p < 4; ++p) cul[p] = sum_ ? pydec::add(cul[p], acc[p]) : pydec::mul(cul[p], acc[p]);
    }
    if (sum_) return {pydec::add(cul[0], cul[1]), pydec::add(cul[2], cul[3])};
    return {pydec::mul(cul[0], cul[1]), pydec::mul(cul[2], cul[3])};
}

bool LodEngine::lod(const std::vector<const Site*>& b1_first, const std::vector<const Site*>& b1_last,
                    const std::vector<const Site*>& b2_first, Dec& out) {
    sites_.assign(b1_first.begin(), b1_first.end());
    sites_.insert(sites_.end(), b1_last.begin(), b1_last.end());
    sites_.insert(sites_.end(), b2_first.begin(), b2_first.end());
    number_pis(sites_);
    // forward: B1's last sites, from the junction back, to B2's first; reverse: B2's
    // first sites to B1's first (its far end when B1 is long: 0.1.8's quirk)
    const Likelihoods f = chain(b1_last, true, b2_first);
    const Likelihoods r = chain(b2_first, false, b1_first);
    const Dec two = pydec::from_int(2);
    const Dec par = pydec::div(pydec::add(f.par, r.par), two);
    const Dec alt = pydec::div(pydec::add(f.alt, r.alt), two);
    if (pydec::is_zero(alt) || pydec::is_zero(par)) return false;
    static const Dec ln2 = pydec::ln(two);
    out = pydec::div(pydec::ln(pydec::div(par, alt)), ln2);
    return true;
}

}  // namespace m2h::extend
