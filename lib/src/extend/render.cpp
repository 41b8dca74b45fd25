#include "extend/render.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <unordered_map>

#include "extend/pandas_text.hpp"
#include "extend/svg.hpp"
#include "m2h/fields.hpp"
#include "m2h/output.hpp"

namespace m2h::extend {

namespace {

using pdtext::Type;

// Extended-file columns that pandas types per contig.
enum Col { kChrom, kRef, kAlleles, kLabel, kGenotype, kCols };

Type classify(std::string_view cell) {
    pdtext::ColumnTyper t;
    t.add(cell);
    return t.type();
}

void put(std::string& out, std::string_view raw, Type t, std::string_view na) {
    if (pdtext::is_na(raw)) {
        out.append(na);
        return;
    }
    thread_local std::string s;
    pdtext::render(raw, t, s);
    out.append(s);
}

std::string text(std::string_view raw, Type t) {
    std::string s;
    put(s, raw, t, "");
    return s;
}

// A contig's place in a CHROM sort of pandas: numbers first (by value), then text.
struct Key {
    bool is_text = false;
    long double num = 0;
    std::string s;
};
Key key_of(std::string_view name, Type t) {
    Key k;
    switch (t) {
        case Type::kText: k.is_text = true; k.s.assign(name); break;
        case Type::kBool: k.num = text(name, t) == "True" ? 1 : 0; break;
        case Type::kInt: {
            long long v = 0;
            pdtext::parse_int(name, v);
            k.num = static_cast<long double>(v);
            break;
        }
        case Type::kFloat: {
            double v = 0;
            pdtext::parse_float(name, v);
            k.num = v;
            break;
        }
    }
    return k;
}
bool key_less(const Key& a, const Key& b) {
    if (a.is_text != b.is_text) return !a.is_text;
    return a.is_text ? a.s < b.s : a.num < b.num;
}
bool key_equal(const Key& a, const Key& b) { return a.is_text == b.is_text && (a.is_text ? a.s == b.s : a.num == b.num); }

// A contig of the extended file with its columns' types: its own (pandas' reading of its
// rows alone) and, put together with the others, the one its cells are written with.
struct Ext {
    const RenderContig* c = nullptr;
    Type own[kCols]{};
    Type final[kCols]{};
    Key key;
};

struct Stage {  // --hapStats of one table (initial or final)
    struct Chrom {
        std::string name;
        std::vector<LabelStat> blocks;
    };
    std::vector<Chrom> chroms;
};

class Writer {
public:
    explicit Writer(const RenderInput& in) : in_(in), o_(*in.opts), dir_(o_.output + "/") {}

    RunFigures run() {
        std::vector<std::unique_ptr<OutputFile>> files;
        auto open = [&](const std::string& name) -> OutputFile& {
            files.push_back(std::make_unique<OutputFile>(dir_ + name, OutputOptions{.compression = OutputCompression::kPlain}));
            written_.push_back(name);
            return *files.back();
        };
        const std::string& soi = o_.soi;
        write_missing(open("missingdata_" + soi + ".txt"));
        write_initial(open("initial_haplotype_" + soi + ".txt"));
        if (o_.hap_stats) write_stats(open("initial_haplotype_stats_" + soi + ".txt"), initial_stage(), "initial", open);
        order_extended();
        write_extended(open("extended_haplotype_" + soi + ".txt"));
        if (o_.hap_stats) write_stats(open("final_haplotype_stats_" + soi + ".txt"), final_stage(), "final", open);
        if (o_.add_missing_sites) write_allsites(open("extended_haplotype_" + soi + "_allsites.txt"));
        for (auto& f : files) f->commit();
        remove_stale();
        RunFigures fig;
        for (const auto& c : in_.contigs)
            if (c.result) {
                fig.blocks_before += c.result->blocks_before;
                fig.blocks_after += c.result->blocks_after;
            }
        return fig;
    }

private:
    std::string header6() const {
        return fmt::format("CHROM\tPOS\tREF\tall-alleles\t{}:PI\t{}:PG_al", o_.soi, o_.soi);
    }

    void write_missing(OutputFile& f) {
        std::string h;
        for (std::size_t i = 0; i < in_.header->size(); ++i) {
            if (i) h.push_back('\t');
            h.append((*in_.header)[i]);
        }
        f.write_line(h);
        SpillReader r(*in_.missing, Range{0, in_.missing->offset()});
        std::string_view line;
        std::vector<std::string_view> cells;
        while (r.next(line)) {
            f.write_line(line);
            // pandas' types of the six columns read back for --addMissingSites
            split_tabs(line, cells);
            for (std::size_t k = 0; k < 6; ++k) t4_[k].add(cells[in_.soi_columns[k]]);
            ++missing_rows_;
        }
    }

    // Contigs in text order (the initial table's CHROM is text), input order for ties.
    std::vector<const RenderContig*> initial_order() const {
        std::vector<const RenderContig*> v;
        for (const auto& c : in_.contigs)
            if (c.has_rows) v.push_back(&c);
        std::stable_sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->name < b->name; });
        return v;
    }

    void write_initial(OutputFile& f) {
        f.write_line(header6());
        for (const RenderContig* c : initial_order()) {
            SpillReader r(*in_.initial, c->initial);
            std::string_view line;
            while (r.next(line)) f.write_line(line);
        }
    }

    void order_extended() {
        for (const auto& c : in_.contigs) {
            if (!c.result) continue;
            Ext e;
            e.c = &c;
            e.own[kChrom] = classify(c.name);
            e.own[kRef] = c.result->ref.type();
            e.own[kAlleles] = c.result->alleles.type();
            e.own[kLabel] = c.result->label.type();
            e.own[kGenotype] = c.result->genotype.type();
            ext_.push_back(e);
        }
        for (int k = 0; k < kCols; ++k) {
            if (ext_.empty()) break;
            Type t = ext_[0].own[k];
            for (const Ext& e : ext_) t = pdtext::combine(t, e.own[k]);
            combined_[k] = t;
            for (Ext& e : ext_) e.final[k] = t == Type::kText ? e.own[k] : t;  // mixed: each cell its own
        }
        for (Ext& e : ext_) e.key = key_of(text(e.c->name, e.final[kChrom]), e.final[kChrom]);
        std::stable_sort(ext_.begin(), ext_.end(), [](const Ext& a, const Ext& b) { return key_less(a.key, b.key); });
    }

    // One extended row: CHROM, then the spilled POS REF all-alleles PI PG_al [log2odds].
    void ext_row(std::string& out, const Ext& e, std::string_view line, std::string_view na, bool lod) {
        split_tabs(line, cells_);
        put(out, e.c->name, e.final[kChrom], na);
        out.push_back('\t');
        out.append(cells_[0]);
        static constexpr Col cols[4] = {kRef, kAlleles, kLabel, kGenotype};
        for (int k = 0; k < 4; ++k) {
            out.push_back('\t');
            put(out, cells_[1 + k], e.final[cols[k]], na);
        }
        if (lod && cells_.size() > 5) {
            out.push_back('\t');
            out.append(cells_[5]);
        }
    }

    void write_extended(OutputFile& f) {
        std::string h = header6();
        if (o_.write_lod) h += "\tlog2odds";
        f.write_line(h);
        std::string out;
        for (const Ext& e : ext_) {
            SpillReader r(in_.worker_out(e.c->result->worker), e.c->result->out);
            std::string_view line;
            while (r.next(line)) {
                out.clear();
                ext_row(out, e, line, "", o_.write_lod);
                f.write_line(out);
            }
        }
    }

    // --addMissingSites: the extended rows and the rows missing for the SOI together,
    // sorted by (CHROM, POS) as pandas sorts the two tables' CHROM values together.
    void write_allsites(OutputFile& f) {
        f.write_line(header6());
        // (no missing rows: pandas reads a header alone as text columns)
        Type t4[6];
        for (int k = 0; k < 6; ++k) t4[k] = missing_rows_ ? t4_[k].type() : Type::kText;
        // the column types of the two tables put together; 'mixed' keeps each cell's own
        struct Part {
            bool ext = true;
            const Ext* e = nullptr;
            const RenderContig* c = nullptr;
            Key key;
            std::string chrom;  // missing rows: CHROM as text
        };
        static constexpr int ext_of[6] = {kChrom, -1, kRef, kAlleles, kLabel, kGenotype};
        bool mixed[6];
        Type joint[6];
        for (int k = 0; k < 6; ++k) {
            const Type a = ext_of[k] < 0 ? Type::kInt : combined_[ext_of[k]];
            const Type b = k == 0 ? Type::kText : t4[k];  // CHROM of the missing rows is made text
            if (ext_.empty()) {
                joint[k] = b;
                mixed[k] = false;
                continue;
            }
            joint[k] = pdtext::combine(a, b);
            mixed[k] = joint[k] == Type::kText;  // an object column: each cell as its own table had it
        }
        std::vector<Part> parts;
        for (const Ext& e : ext_) parts.push_back({true, &e, e.c, e.key, ""});
        for (const auto& c : in_.contigs) {
            if (c.missing.empty()) continue;
            Part p;
            p.ext = false;
            p.c = &c;
            p.chrom = text(c.name, t4[0]);
            p.key.is_text = true;
            p.key.s = p.chrom;
            parts.push_back(std::move(p));
        }
        std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return key_less(a.key, b.key); });
        std::string out;
        auto ext_line = [&](const Ext& e, std::string_view line) {
            split_tabs(line, cells_);
            out.clear();
            put(out, e.c->name, mixed[0] ? e.final[kChrom] : joint[0], ".");
            out.push_back('\t');
            out.append(cells_[0]);
            for (int k = 2; k < 6; ++k) {
                out.push_back('\t');
                put(out, cells_[static_cast<std::size_t>(k - 1)], mixed[k] ? e.final[ext_of[k]] : joint[k], ".");
            }
            f.write_line(out);
        };
        auto miss_line = [&](const Part& p, std::string_view line) {
            split_tabs(line, cells_);
            out.clear();
            out.append(p.chrom);
            for (int k = 1; k < 6; ++k) {
                out.push_back('\t');
                put(out, cells_[in_.soi_columns[static_cast<std::size_t>(k)]], mixed[k] ? t4[k] : joint[k], ".");
            }
            f.write_line(out);
        };
        for (std::size_t i = 0; i < parts.size();) {
            std::size_t j = i + 1;
            while (j < parts.size() && key_equal(parts[j].key, parts[i].key)) ++j;
            if (j - i == 2 && parts[i].ext && !parts[i + 1].ext) {
                merge_by_pos(*parts[i].e, *parts[i + 1].c, ext_line, [&](std::string_view l) { miss_line(parts[i + 1], l); });
            } else {
                for (std::size_t k = i; k < j; ++k) {
                    const Part& p = parts[k];
                    std::string_view line;
                    if (p.ext) {
                        SpillReader r(in_.worker_out(p.e->c->result->worker), p.e->c->result->out);
                        while (r.next(line)) ext_line(*p.e, line);
                    } else {
                        SpillReader r(*in_.missing, p.c->missing);
                        while (r.next(line)) miss_line(p, line);
                    }
                }
            }
            i = j;
        }
    }

    template <class ExtFn, class MissFn>
    void merge_by_pos(const Ext& e, const RenderContig& m, ExtFn ext_line, MissFn miss_line) {
        SpillReader a(in_.worker_out(e.c->result->worker), e.c->result->out), b(*in_.missing, m.missing);
        std::string_view la, lb;
        std::string sa, sb;
        bool ha = a.next(la), hb = b.next(lb);
        std::vector<std::string_view> f;
        auto pos_a = [&] {
            long long v = 0;
            pdtext::parse_int(la.substr(0, la.find('\t')), v);
            return v;
        };
        auto pos_b = [&] {
            split_tabs(lb, f);
            long long v = 0;
            pdtext::parse_int(f[in_.soi_columns[1]], v);
            return v;
        };
        while (ha || hb) {
            if (ha && (!hb || pos_a() <= pos_b())) {
                sa.assign(la);
                ext_line(e, sa);
                ha = a.next(la);
            } else {
                sb.assign(lb);
                miss_line(sb);
                hb = b.next(lb);
            }
        }
    }

    Stage initial_stage() const {
        Stage s;
        for (const RenderContig* c : initial_order())
            if (c->initial_stats && !c->initial_stats->empty()) s.chroms.push_back({c->name, *c->initial_stats});
        return s;
    }

    Stage final_stage() const {
        Stage s;
        for (const Ext& e : ext_) {
            Stage::Chrom ch;
            ch.name = text(e.c->name, e.final[kChrom]);
            std::unordered_map<std::string, std::size_t> at;  // labels alike once written merge
            for (const LabelStat& l : e.c->result->labels) {
                LabelStat r = l;
                r.label = text(l.label, e.final[kLabel]);
                auto [it, fresh] = at.emplace(r.label, ch.blocks.size());
                if (fresh) {
                    ch.blocks.push_back(r);
                } else {
                    LabelStat& x = ch.blocks[it->second];
                    x.rows += r.rows;
                    x.first = std::min(x.first, r.first);
                    x.last = std::max(x.last, r.last);
                }
            }
            if (!ch.blocks.empty()) s.chroms.push_back(std::move(ch));
        }
        return s;
    }

    template <class Open>
    void write_stats(OutputFile& f, const Stage& s, const std::string& stage, Open& open) {
        f.write_line(fmt::format("CHROM\t{}:PI\tnum_Vars_by_PI\trange_of_PI\ttotal_haplotypes\ttotal_Vars", o_.soi));
        for (const auto& c : s.chroms) {
            std::string pis, counts, ranges;
            std::uint64_t total = 0;
            for (std::size_t k = 0; k < c.blocks.size(); ++k) {
                const LabelStat& b = c.blocks[k];
                const char* sep = k ? "," : "";
                pis += sep + b.label;
                counts += fmt::format("{}{}", sep, b.rows);
                ranges += fmt::format("{}{}", sep, b.last - b.first);
                total += b.rows;
            }
            f.write_line(fmt::format("{}\t{}\t{}\t{}\t{}\t{}", c.name, pis, counts, ranges, c.blocks.size(), total));
        }
        // the figures 0.1.8 draws (as PNG), drawn as SVG
        std::vector<std::pair<std::string, double>> vars, haps;
        for (const auto& c : s.chroms) {
            std::uint64_t total = 0;
            for (const auto& b : c.blocks) total += b.rows;
            vars.emplace_back(c.name, static_cast<double>(total));
            haps.emplace_back(c.name, static_cast<double>(c.blocks.size()));
        }
        const std::string& soi = o_.soi;
        open("total_vars_" + soi + "_" + stage + ".svg")
            .write(svg::bars(stage + " number of variants for each chromosome", "chromosomes", "number of variants", vars));
        open("total_haps_" + soi + "_" + stage + ".svg")
            .write(svg::bars(stage + " number of haplotypes for each chromosome", "chromosomes", "number of haplotypes",
                             haps));
        std::vector<svg::Series> sizes, spans;
        for (const auto& c : s.chroms) {
            svg::Series a{c.name, {}}, b{c.name, {}};
            for (const auto& x : c.blocks) {
                a.values.push_back(static_cast<double>(x.rows));
                b.values.push_back(static_cast<double>(x.last - x.first));
            }
            sizes.push_back(std::move(a));
            spans.push_back(std::move(b));
        }
        open("hap_size_byVar_" + soi + "_" + stage + ".svg")
            .write(svg::histograms(stage + " haplotype sizes by number of variants", "variants in a haplotype block", sizes));
        open("hap_size_byGenomicRange_" + soi + "_" + stage + ".svg")
            .write(svg::histograms(stage + " haplotype sizes by genomic range", "genomic range of a haplotype block (bp)",
                                   spans));
    }

    // --force: files of this sample an earlier run wrote and this one did not are removed,
    // so that the directory holds one run's results.
    void remove_stale() {
        const std::string& s = o_.soi;
        std::vector<std::string> ours = {"missingdata_" + s + ".txt", "initial_haplotype_" + s + ".txt",
                                         "extended_haplotype_" + s + ".txt", "extended_haplotype_" + s + "_allsites.txt",
                                         "initial_haplotype_stats_" + s + ".txt", "final_haplotype_stats_" + s + ".txt",
                                         "switch_errors_" + s + ".txt"};
        for (const char* fig : {"total_vars_", "total_haps_", "hap_size_byVar_", "hap_size_byGenomicRange_"})
            for (const char* stage : {"_initial.svg", "_final.svg"}) ours.push_back(fig + s + stage);
        for (const auto& name : ours)
            if (std::find(written_.begin(), written_.end(), name) == written_.end()) std::remove((dir_ + name).c_str());
    }

    const RenderInput& in_;
    const ExtendOptions& o_;
    std::string dir_;
    std::vector<std::string> written_;
    pdtext::ColumnTyper t4_[6];
    std::uint64_t missing_rows_ = 0;
    std::vector<Ext> ext_;
    Type combined_[kCols]{};
    std::vector<std::string_view> cells_;
};

}  // namespace

RunFigures render_outputs(const RenderInput& in) { return Writer(in).run(); }

}  // namespace m2h::extend
