#include "extend/contig.hpp"

#include <algorithm>
#include <charconv>
#include <deque>
#include <fmt/format.h>
#include <unordered_map>

#include "extend/lod.hpp"
#include "extend/np_argsort.hpp"
#include "m2h/error.hpp"
#include "m2h/fields.hpp"

namespace m2h::extend {

namespace {

constexpr std::size_t kFixed = 7;  // line POS block REF all-alleles SOI:PI SOI:PG_al

struct Row {
    std::uint64_t line = 0;
    std::int64_t pos = 0;
    std::uint32_t block = 0;
    std::string_view ref, alleles, pi, pg;
    std::vector<std::string_view> spi, spg;  // the sample columns' PI and PG_al
};

template <class T>
T number(std::string_view s) {
    T v{};
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

void parse_row(std::string_view text, std::vector<std::string_view>& f, Row& r, std::size_t cols) {
    split_tabs(text, f);
    r.line = number<std::uint64_t>(f[0]);
    r.pos = number<std::int64_t>(f[1]);
    r.block = number<std::uint32_t>(f[2]);
    r.ref = f[3];
    r.alleles = f[4];
    r.pi = f[5];
    r.pg = f[6];
    r.spi.resize(cols);
    r.spg.resize(cols);
    for (std::size_t j = 0; j < cols; ++j) {
        r.spi[j] = f[kFixed + 2 * j];
        r.spg[j] = f[kFixed + 2 * j + 1];
    }
}

// A site used for likelihoods: at most 3 characters (a SNP, 'A|.'...), no '*'.
bool usable(std::string_view pg) { return pg.size() <= 3 && pg.find('*') == std::string_view::npos; }

// The extension's state of one block while its rows are read.
struct Block {
    std::uint64_t rows = 0;       // all its rows (from the reader)
    std::int64_t first_pos = 0;
    std::uint32_t group = 0;      // the first block starting at the same position
    std::uint64_t seen = 0;
    std::uint64_t kept_from = 0;  // the run of rows that stands (0.1.8 keeps a block's last run)
    std::uint64_t kept = 0, snps = 0, usable = 0;
    std::string pi;
    std::vector<Site> first;  // its first `window` usable sites
    std::vector<Site> ring;   // its last `window` usable sites, round robin
    bool complete() const { return seen == rows; }
    void restart_run() {
        kept_from = seen;
        kept = snps = usable = 0;
        first.clear();
    }
};

struct Decision {
    std::uint64_t rows = 0, kept_from = 0;
    bool verbatim = false, swapped = false;
    std::string label, lod;
};

void write_decision(Spill& out, const Decision& d) {
    out.line(fmt::format("{}\t{}\t{}\t{}\t{}\t{}", d.rows, d.kept_from, d.verbatim ? 1 : 0, d.swapped ? 1 : 0,
                         d.label, d.lod));
}

void read_decision(std::string_view text, std::vector<std::string_view>& f, Decision& d) {
    split_tabs(text, f);
    d.rows = number<std::uint64_t>(f[0]);
    d.kept_from = number<std::uint64_t>(f[1]);
    d.verbatim = f[2] == "1";
    d.swapped = f[3] == "1";
    d.label.assign(f[4]);
    d.lod.assign(f[5]);
}

// Pass 2 over a segment's rows: the blocks' sites, and each join decided as soon as
// both blocks are complete. Decisions go to `decisions`, one line per block in order.
class Chain {
public:
    Chain(const Params& p, const ContigJob& job, const Segment& seg, Spill& decisions, LodEngine& lod)
        : p_(p), job_(job), seg_(seg), out_(decisions), lod_(lod) {}

    // Returns the number of joins made.
    std::uint64_t run() {
        SpillReader rows(*job_.rows, seg_.rows), table(*job_.blocks, seg_.blocks);
        std::string_view text;
        std::vector<std::string_view> f;
        Row r;
        const std::size_t cols = p_.weights.size();
        while (rows.next(text)) {
            parse_row(text, f, r, cols);
            while (created_ <= r.block) open_block(table, f);
            add(r, open_[r.block - base_]);
            decide_ready();
        }
        if (next_ < seg_.n_blocks || !first_written_)
            throw Error(kExitData, fmt::format("{}: internal error: contig '{}' left blocks undecided", tool_name(), job_.name));
        return joins_;
    }

private:
    void open_block(SpillReader& table, std::vector<std::string_view>& f) {
        std::string_view text;
        if (!table.next(text)) throw Error(kExitData, fmt::format("{}: internal error: block table short", tool_name()));
        split_tabs(text, f);
        Block b;
        b.rows = number<std::uint64_t>(f[0]);
        b.first_pos = number<std::int64_t>(f[1]);
        b.group = created_ > 0 && b.first_pos == last_first_pos_ ? last_group_ : created_;
        last_first_pos_ = b.first_pos;
        last_group_ = b.group;
        ++groups_[b.group].members;
        open_.push_back(std::move(b));
        ++created_;
    }

    void add(const Row& r, Block& b) {
        // Blocks starting at one position interleave; 0.1.8 cuts their rows into runs of one
        // block and keeps only each block's last run (quirk 8 of the specification).
        Group& g = groups_[b.group];
        if (g.last != r.block && b.kept > 0) b.restart_run();
        g.last = r.block;
        ++b.seen;
        ++b.kept;
        if (b.kept == 1) b.pi.assign(r.pi);
        if (r.pg.size() == 3) ++b.snps;
        if (usable(r.pg)) {
            ++b.usable;
            const auto w = static_cast<std::size_t>(p_.window);
            if (b.first.size() < w) {
                make_site(b.first.emplace_back(), r.line, r.pg, r.spi, r.spg, p_.weights);
                b.first.back().soi_text.assign(r.pg);
            }
            if (w > 0) {
                if (b.ring.size() < w) b.ring.resize(w);
                Site& s = b.ring[(b.usable - 1) % w];
                make_site(s, r.line, r.pg, r.spi, r.spg, p_.weights);
                s.soi_text.assign(r.pg);
            }
        }
        if (b.complete() && --g.members == 0) groups_.erase(b.group);
    }

    // B's last usable sites in block order.
    static std::vector<const Site*> last_sites(const Block& b) {
        std::vector<const Site*> v;
        const std::size_t w = b.ring.size();
        if (w == 0) return v;
        const std::size_t n = std::min<std::size_t>(b.usable, w);
        const std::size_t start = b.usable > w ? b.usable % w : 0;
        for (std::size_t k = 0; k < n; ++k) v.push_back(&b.ring[(start + k) % w]);
        return v;
    }
    static std::vector<const Site*> pointers(const std::vector<Site>& s) {
        std::vector<const Site*> v;
        for (const Site& x : s) v.push_back(&x);
        return v;
    }

    void check_sites(const std::vector<const Site*>& sites) const {
        for (const Site* s : sites) {
            for (char c : s->soi_text) {
                if (c >= '0' && c <= '9')
                    data_error("bad genotype", p_.input, s->line,
                               fmt::format("'{}' of sample {}: allele numbers, where phase extension needs the bases "
                                           "(m2h-transform --format hap writes them)",
                                           s->soi_text, p_.soi));
                if (c >= 'a' && c <= 'z')
                    data_error("bad genotype", p_.input, s->line,
                               fmt::format("'{}' of sample {}: lower-case alleles, where phase extension needs the "
                                           "bases A, C, G, T in upper case",
                                           s->soi_text, p_.soi));
            }
        }
    }

    void decide_ready() {
        for (;;) {
            if (!first_written_) {
                Block& b0 = open_.front();
                if (!b0.complete()) return;
                write_decision(out_, Decision{b0.rows, b0.kept_from, true, false, b0.pi, "."});
                first_written_ = true;
            }
            if (next_ >= seg_.n_blocks) {
                if (!open_.empty() && open_.front().complete()) pop();
                return;
            }
            if (created_ <= next_) return;
            Block& a = open_[next_ - 1 - base_];
            Block& b = open_[next_ - base_];
            if (!a.complete() || !b.complete()) return;
            decide(a, b);
            pop();
            ++next_;
        }
    }

    void pop() {
        open_.pop_front();
        ++base_;
    }

    void decide(const Block& a, Block& b) {
        Decision d{b.rows, b.kept_from, false, false, b.pi, "."};
        bool joined = false, flip = false;
        if (a.pi != "." && b.pi != "." && static_cast<long long>(a.snps) >= p_.snp_threshold &&
            static_cast<long long>(b.snps) >= p_.snp_threshold) {
            const auto a_first = pointers(a.first), a_last = last_sites(a), b_first = pointers(b.first);
            check_sites(a_first);
            check_sites(a_last);
            check_sites(b_first);
            pydec::Dec lod;
            if (lod_.lod(a_first, a_last, b_first, lod)) {
                if (p_.write_lod && !pydec::round5_text(lod, d.lod))
                    throw Error(kExitData, fmt::format("{}: log2 odds {} of blocks '{}' and '{}' out of range",
                                                       tool_name(), pydec::to_string(lod), a.pi, b.pi));
                if (pydec::compare(lod, p_.lods) > 0) joined = true, flip = false;
                else if (pydec::compare(lod, -p_.lods) < 0) joined = true, flip = true;
            }
        }
        if (!joined) {
            chained_ = false;
        } else {
            if (!chained_) {
                chained_ = true;
                label_ = a.pi;
                swapped_ = false;
            }
            swapped_ = swapped_ != flip;
            d.label = label_;
            d.swapped = swapped_;
            ++joins_;
        }
        write_decision(out_, d);
    }

    struct Group {
        std::uint32_t last = UINT32_MAX;
        std::uint32_t members = 0;
    };

    const Params& p_;
    const ContigJob& job_;
    const Segment& seg_;
    Spill& out_;
    LodEngine& lod_;
    std::deque<Block> open_;
    std::uint32_t base_ = 0, created_ = 0, next_ = 1;
    std::int64_t last_first_pos_ = 0;
    std::uint32_t last_group_ = 0;
    std::unordered_map<std::uint32_t, Group> groups_;
    bool first_written_ = false, chained_ = false, swapped_ = false;
    std::string label_;
    std::uint64_t joins_ = 0;
};

// The genotype of a row of a joined (or not first) block: its first two alleles, in the
// block's orientation.
void rebuild_genotype(const Params& p, const Row& r, bool swapped, std::string& out) {
    const std::size_t bar = r.pg.find('|');
    if (bar == std::string_view::npos)
        data_error("unphased genotype", p.input, r.line,
                   fmt::format("'{}' of sample {} in block {}: the rows of a phase block need phased genotypes (a|b)",
                               r.pg, p.soi, r.pi));
    const std::string_view a = r.pg.substr(0, bar);
    std::string_view b = r.pg.substr(bar + 1);
    b = b.substr(0, b.find('|'));
    out.clear();
    out.append(swapped ? b : a).push_back('|');
    out.append(swapped ? a : b);
}

// Pass 3: the segment's rows again, each written with its block's decision.
class Emitter {
public:
    Emitter(const Params& p, Spill& out, ContigResult& res, const std::vector<std::uint64_t>* rank)
        : p_(p), out_(out), res_(res), rank_(rank) {}

    void segment(const ContigJob& job, const Segment& seg, Spill* decisions, Range dec_range) {
        SpillReader rows(*job.rows, seg.rows);
        std::unique_ptr<SpillReader> dec;
        if (decisions) dec = std::make_unique<SpillReader>(*decisions, dec_range);
        std::string_view text;
        std::vector<std::string_view> f, g;
        Row r;
        std::deque<Decision> act;
        std::deque<std::uint64_t> seen;
        std::uint32_t base = 0, loaded = 0;
        const bool phased_blocks = seg.extend && seg.n_blocks >= 2;
        while (rows.next(text)) {
            parse_row(text, f, r, p_.weights.size());
            if (!seg.extend) {  // outside every --bed interval: as it is
                emit(r, r.pi, r.pg, ".", UINT64_MAX);
                continue;
            }
            while (loaded <= r.block) {
                std::string_view dt;
                dec->next(dt);
                read_decision(dt, g, act.emplace_back());
                seen.push_back(0);
                ++loaded;
            }
            const Decision& d = act[r.block - base];
            const std::uint64_t idx = seen[r.block - base]++;
            if (idx >= d.kept_from) {
                // 0.1.8 splits every row of a contig with two blocks or more on '|'
                if (phased_blocks) rebuild_genotype(p_, r, d.swapped, genotype_);
                const std::uint64_t e = emission_ + (r.block < offsets_.size() ? offsets_[r.block] : 0) + idx - d.kept_from;
                emit(r, d.label, d.verbatim ? r.pg : std::string_view(genotype_), d.lod, e);
            }
            while (!act.empty() && seen.front() == act.front().rows) {
                act.pop_front();
                seen.pop_front();
                ++base;
            }
        }
        flush();
        emission_ += seg_emitted_;
        seg_emitted_ = 0;
    }

    // Emission offsets of the blocks of the next segment (numpy order only).
    void set_offsets(std::vector<std::uint64_t> offsets) { offsets_ = std::move(offsets); }
    void finish() { flush(); }

private:
    struct Pending {
        std::uint64_t rank;
        std::string line;
    };

    void emit(const Row& r, std::string_view label, std::string_view genotype, std::string_view lod, std::uint64_t e) {
        ++seg_emitted_;
        if (!pending_.empty() && pending_pos_ != r.pos) flush();
        pending_pos_ = r.pos;
        std::string line = fmt::format("{}\t{}\t{}\t{}\t{}", r.pos, r.ref, r.alleles, label, genotype);
        if (p_.write_lod) line.append("\t").append(lod);
        res_.ref.add(r.ref);
        res_.alleles.add(r.alleles);
        res_.label.add(label);
        res_.genotype.add(genotype);
        pending_.push_back({rank_ && e != UINT64_MAX ? (*rank_)[e] : pending_.size(), std::move(line)});
        if (p_.hap_stats && !pdtext::is_na(label)) note_label(std::string(label), r.pos);
    }

    void note_label(const std::string& label, std::int64_t pos) {
        auto [it, fresh] = label_index_.emplace(label, res_.labels.size());
        if (fresh) res_.labels.push_back({label, 0, pos, pos});
        LabelStat& s = res_.labels[it->second];
        ++s.rows;
        s.first = std::min(s.first, pos);
        s.last = std::max(s.last, pos);
    }

    // Rows at one position, in numpy's order when asked (rank), else as they came.
    void flush() {
        if (pending_.size() > 1 && rank_)
            std::sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) { return a.rank < b.rank; });
        for (const Pending& x : pending_) out_.line(x.line);
        res_.rows += pending_.size();
        pending_.clear();
    }

    const Params& p_;
    Spill& out_;
    ContigResult& res_;
    const std::vector<std::uint64_t>* rank_;
    std::vector<std::uint64_t> offsets_;
    std::uint64_t emission_ = 0, seg_emitted_ = 0;
    std::vector<Pending> pending_;
    std::int64_t pending_pos_ = 0;
    std::string genotype_;
    std::unordered_map<std::string, std::size_t> label_index_;
};

// The rank of each emitted row (by its order of emission: block after block) in numpy's
// quicksort of the positions, for a contig with rows at one position; and the blocks'
// emission offsets.
std::vector<std::uint64_t> numpy_ranks(const Params& p, const ContigJob& job, const Segment& seg, Spill& decisions,
                                       Range dec_range, std::vector<std::uint64_t>& offsets) {
    std::vector<Decision> dec;
    {
        SpillReader in(decisions, dec_range);
        std::string_view t;
        std::vector<std::string_view> f;
        while (in.next(t)) read_decision(t, f, dec.emplace_back());
    }
    offsets.assign(dec.size(), 0);
    std::uint64_t total = 0;
    for (std::size_t b = 0; b < dec.size(); ++b) {
        offsets[b] = total;
        total += dec[b].rows - dec[b].kept_from;
    }
    std::vector<std::int64_t> keys(total);
    std::vector<std::uint64_t> seen(dec.size(), 0);
    SpillReader rows(*job.rows, seg.rows);
    std::string_view t;
    std::vector<std::string_view> f;
    Row r;
    while (rows.next(t)) {
        parse_row(t, f, r, p.weights.size());
        const std::uint64_t idx = seen[r.block]++;
        if (idx >= dec[r.block].kept_from) keys[offsets[r.block] + idx - dec[r.block].kept_from] = r.pos;
    }
    const std::vector<std::int64_t> order = numpy_argsort(keys);
    std::vector<std::uint64_t> rank(total);
    for (std::size_t k = 0; k < order.size(); ++k) rank[static_cast<std::size_t>(order[k])] = k;
    return rank;
}

}  // namespace

void extend_contig(const Params& p, ContigJob& job, Spill& out, ContigResult& res) {
    LodEngine lod(p.weights, p.sum);
    Spill& decisions = *job.decisions;
    job.rows->flush();
    job.blocks->flush();
    res.out.begin = out.offset();
    // numpy's unstable order matters only where rows share a position; 0.1.8 sorts a whole
    // contig at once (one segment: --bed gives segments, and its own stable order)
    const bool numpy = p.numpy_order && job.duplicate_positions && job.segments.size() == 1;
    std::vector<std::uint64_t> rank;
    Emitter emit(p, out, res, nullptr);
    for (const Segment& seg : job.segments) {
        res.blocks_before += seg.n_blocks;
        Range dec{decisions.offset(), decisions.offset()};
        if (seg.extend && seg.n_rows > 0) {
            Chain chain(p, job, seg, decisions, lod);
            res.blocks_after += seg.n_blocks - chain.run();
            decisions.flush();
            dec.end = decisions.offset();
        } else {
            res.blocks_after += seg.n_blocks;
        }
        if (numpy) {
            std::vector<std::uint64_t> offsets;
            rank = numpy_ranks(p, job, seg, decisions, dec, offsets);
            Emitter ranked(p, out, res, &rank);
            ranked.set_offsets(std::move(offsets));
            ranked.segment(job, seg, &decisions, dec);
            ranked.finish();
        } else {
            emit.segment(job, seg, seg.extend ? &decisions : nullptr, dec);
        }
    }
    emit.finish();
    out.flush();
    res.out.end = out.offset();
}

}  // namespace m2h::extend
