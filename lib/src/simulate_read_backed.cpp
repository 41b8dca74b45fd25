// m2h-simulate --read-backed: phased haplotype tables with linkage, and a sample cut into
// read-backed blocks, for m2h-extend (and phase-Extender) at any size, with the truth; or
// the same as a read-backed phased VCF (an output named .vcf or .vcf.gz), as WhatsHap writes
// one: GT with '|' and an Integer PS, the block's first position.
#include <algorithm>
#include <fmt/format.h>
#include <memory>

#include "m2h/error.hpp"
#include "m2h/output.hpp"
#include "simulate_plan.hpp"

namespace m2h::detail {

namespace {

constexpr char kBases[4] = {'A', 'C', 'G', 'T'};

// One variant site: its alleles (0 = REF) and each founder's.
struct Site {
    std::string ref;
    std::vector<std::string> alts;  // sorted, as m2h-transform lists them
    std::vector<std::uint8_t> founder;
    const std::string& allele(std::size_t i) const { return i == 0 ? ref : alts[i - 1]; }
    std::size_t count() const { return 1 + alts.size(); }
};

class SiteMaker {
public:
    explicit SiteMaker(const SimulateOptions& o) : o_(o) {}
    void make(Rng& rng, Site& s) {
        const int r = static_cast<int>(rng.below(4));
        const char ref = kBases[r], alt = kBases[(r + 1 + static_cast<int>(rng.below(3))) & 3];
        s.alts.clear();
        const double kind = rng.uniform();
        bool third = false;
        if (kind < o_.indel_rate) {  // a deletion or an insertion of one base
            const char next = kBases[rng.below(4)];
            if (rng.below(2)) {
                s.ref = {ref, next};
                s.alts.push_back(std::string(1, ref));
            } else {
                s.ref = std::string(1, ref);
                s.alts.push_back(std::string{ref, next});
            }
        } else {
            s.ref = std::string(1, ref);
            s.alts.push_back(std::string(1, alt));
            if (kind < o_.indel_rate + o_.star_rate) {
                s.alts.push_back("*");
                third = true;
            } else if (rng.uniform() < o_.multi_rate) {
                char others[2];
                int k = 0;
                for (char b : kBases)
                    if (b != ref && b != alt) others[k++] = b;
                s.alts.push_back(std::string(1, others[rng.below(2)]));
                third = true;
            }
        }
        const std::string first_alt = s.alts[0];
        std::sort(s.alts.begin(), s.alts.end());
        const auto alt1 = static_cast<std::uint8_t>(1 + (std::find(s.alts.begin(), s.alts.end(), first_alt) - s.alts.begin()));
        const auto alt2 = static_cast<std::uint8_t>(third ? 3 - alt1 : alt1);
        const double freq = 0.15 + 0.7 * rng.uniform();
        s.founder.resize(o_.founders);
        for (auto& f : s.founder) {
            f = rng.uniform() < freq ? alt1 : 0;
            if (f && third && rng.uniform() < 0.25) f = alt2;
        }
    }

private:
    const SimulateOptions& o_;
};

// A haplotype: the founder it copies now.
struct Hap {
    std::uint32_t founder = 0;
};

struct Sample {
    std::string name;
    bool blocks = false;  // cut into read-backed blocks
    bool in_panel = false;
    Hap hap[2];
    // the block being written
    std::uint32_t left = 0;
    std::string pi;
    bool flip = false;
};

class Writer {
public:
    explicit Writer(const SimulateOptions& o) : o_(o), rng_(o.seed), sites_(o) {
        samples_.push_back({o.soi, true, false});
        const int width = std::max(2, static_cast<int>(std::to_string(o.samples).size()));
        for (std::uint32_t i = 1; i <= o.samples; ++i) {
            Sample s{fmt::format("s{:0{}}", i, width), i <= o.read_backed_samples, false};
            s.in_panel = !o.panel.empty() && !s.blocks;
            samples_.push_back(std::move(s));
        }
        // a sample's two haplotypes start from different founders (else a sample is
        // homozygous until the first switch)
        for (auto& s : samples_) {
            s.hap[0].founder = static_cast<std::uint32_t>(rng_.below(o.founders));
            s.hap[1].founder = o.founders < 2 ? 0
                                              : static_cast<std::uint32_t>((s.hap[0].founder + 1 + rng_.below(o.founders - 1)) % o.founders);
        }
        vcf_ = o.output.ends_with(".vcf") || o.output.ends_with(".vcf.gz") || o.output.ends_with(".vcf.bgz");
        table_ = std::make_unique<OutputFile>(o.output, OutputOptions{.threads = o.threads, .level = o.level});
        if (!o.panel.empty()) panel_ = std::make_unique<OutputFile>(o.panel, OutputOptions{.level = o.level});
        if (!o.truth.empty()) truth_ = std::make_unique<OutputFile>(o.truth, OutputOptions{.level = o.level});
    }

    void run() {
        const std::vector<Chrom> chroms = plan_chroms(o_);
        header(chroms);
        for (const Chrom& c : chroms) {
            std::uint64_t pos = 0;
            for (auto& s : samples_) s.left = 0;  // blocks end with their contig
            contig_ps_.clear();
            for (std::uint64_t i = 1; i <= c.rows; ++i) {
                pos = c.length ? position(c, i) : pos + 1 + rng_.below(40);
                row(c.name, pos);
            }
        }
        table_->commit();
        if (panel_) panel_->commit();
        if (truth_) truth_->commit();
    }

private:
    void header(const std::vector<Chrom>& chroms) {
        std::string t = "CHROM\tPOS\tREF\tall-alleles", p = "CHROM\tPOS\tREF\tALT";
        if (vcf_) {
            table_->write_line("##fileformat=VCFv4.2");
            table_->write_line("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">");
            table_->write_line("##FORMAT=<ID=PS,Number=1,Type=Integer,Description=\"Phase set: the position of the "
                               "block's first record (a sample phased whole: the contig's first)\">");
            for (const Chrom& c : chroms)
                table_->write_line(c.length ? fmt::format("##contig=<ID={},length={}>", c.name, c.length)
                                            : fmt::format("##contig=<ID={}>", c.name));
            t = "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT";
        }
        for (const auto& s : samples_)
            if (vcf_ && !s.in_panel) t += "\t" + s.name;
            else (s.in_panel ? p : t) += fmt::format("\t{0}:PI\t{0}:PG_al", s.name);
        table_->write_line(t);
        if (panel_) panel_->write_line(p);
        if (truth_) {  // a b: the sample of interest's, as before; then every table sample's
            std::string h = "CHROM\tPOS\ta\tb";
            for (const auto& s : samples_)
                if (!s.in_panel) h += fmt::format("\t{0}:a\t{0}:b", s.name);
            truth_->write_line(h);
        }
    }

    std::uint8_t allele(Hap& h, const Site& site) {
        if (rng_.uniform() < o_.switch_rate) h.founder = static_cast<std::uint32_t>(rng_.below(o_.founders));
        std::uint8_t a = site.founder[h.founder];
        if (rng_.uniform() < o_.mutation_rate)
            a = static_cast<std::uint8_t>((a + 1 + rng_.below(site.count() - 1)) % site.count());
        return a;
    }

    void row(const std::string& chrom, std::uint64_t pos) {
        sites_.make(rng_, site_);
        std::string alts;
        for (std::size_t k = 0; k < site_.alts.size(); ++k) alts += (k ? "," : "") + site_.alts[k];
        if (vcf_) {
            if (contig_ps_.empty()) contig_ps_ = std::to_string(pos);  // a sample phased whole: one set
            t_ = fmt::format("{}\t{}\t.\t{}\t{}\t.\t.\t.\tGT:PS", chrom, pos, site_.ref, alts);
        } else {
            t_ = fmt::format("{}\t{}\t{}\t{},{}", chrom, pos, site_.ref, site_.ref, alts);
        }
        p_ = fmt::format("{}\t{}\t{}\t{}", chrom, pos, site_.ref, alts);
        for (auto& s : samples_) {
            const std::uint8_t a = allele(s.hap[0], site_), b = allele(s.hap[1], site_);
            const std::string& x = site_.allele(a);
            const std::string& y = site_.allele(b);
            if (truth_ && !s.in_panel) {
                if (&s == &samples_[0]) truth_row_ = fmt::format("{}\t{}\t{}\t{}", chrom, pos, x, y);
                truth_row_ += fmt::format("\t{}\t{}", x, y);
            }
            std::string& out = s.in_panel ? p_ : t_;
            const bool vcf = vcf_ && !s.in_panel;
            if (rng_.uniform() < o_.missing_rate) {
                out += vcf ? "\t./.:." : "\t.\t.";
            } else if (!s.blocks) {
                out += vcf ? fmt::format("\t{}|{}:{}", a, b, contig_ps_) : fmt::format("\t{}\t{}|{}", chrom, x, y);
            } else if (a == b) {  // read-backed phasing leaves homozygous sites unphased
                out += vcf ? fmt::format("\t{}/{}:.", a, b) : "\t.\t.";
            } else {
                if (s.left == 0) {
                    s.left = o_.block_min + static_cast<std::uint32_t>(rng_.below(o_.block_max - o_.block_min + 1));
                    s.pi = std::to_string(pos);
                    s.flip = rng_.uniform() < o_.flip_rate;
                }
                --s.left;
                if (vcf) out += fmt::format("\t{}|{}:{}", s.flip ? b : a, s.flip ? a : b, s.pi);
                else out += fmt::format("\t{}\t{}|{}", s.pi, s.flip ? y : x, s.flip ? x : y);
            }
        }
        table_->write_line(t_);
        if (panel_) panel_->write_line(p_);
        if (truth_) truth_->write_line(truth_row_);
    }

    const SimulateOptions& o_;
    Rng rng_;
    SiteMaker sites_;
    Site site_;
    std::vector<Sample> samples_;
    std::unique_ptr<OutputFile> table_, panel_, truth_;
    std::string truth_row_;
    std::string t_, p_;
    bool vcf_ = false;        // the output is a VCF
    std::string contig_ps_;   // VCF: the contig's first position, the PS of samples phased whole
};

}  // namespace

void simulate_read_backed(const SimulateOptions& o) {
    if (o.founders < 1) usage_error("--founders must be at least 1");
    if (o.block_min < 1 || o.block_max < o.block_min) usage_error("--block-sites: MIN,MAX with 1 <= MIN <= MAX");
    if (o.read_backed_samples > o.samples) usage_error("--read-backed-samples: more than --samples");
    for (double r : {o.switch_rate, o.mutation_rate, o.flip_rate, o.indel_rate, o.star_rate})
        if (!(r >= 0.0 && r <= 1.0)) usage_error("rates must be between 0 and 1");
    if (o.soi.empty() || o.soi.find_first_of(":\t_") != std::string::npos)
        usage_error(fmt::format("--soi '{}': a sample name without ':', '_' or tabs", o.soi));
    Writer(o).run();
}

}  // namespace m2h::detail
