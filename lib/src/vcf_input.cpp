// m2h-transform of a phased VCF or BCF (read-backed phasing's output, or a reference
// panel) into phase-Extender's tables. Each call's block and phased genotype come from the
// tags its phasing tool writes (shared/notes/phased-vcf.md):
//   phASER   FORMAT/PI (block) and FORMAT/PG (1|0); GT ignored (it stays unphased)
//   PS       GT with '|' and FORMAT/PS, Integer or String (WhatsHap, HapCUT2, GATK 4, ...)
//   HP       GATK 3 ReadBackedPhasing: HP=24-1,24-2 (block 24; GT's alleles in HP's order)
//   PGT/PID  GATK's physical phasing, only where GT is heterozygous with PGT's alleles
//   none     a panel: phased GT, one block per contig
// With --phase-tags auto (the default) each call takes the first of these it carries; a
// file without any of the block tags is a panel.
#include <htslib/bgzf.h>
#include <htslib/hfile.h>
#include <htslib/hts.h>
#include <htslib/hts_log.h>
#include <htslib/kstring.h>
#include <htslib/vcf.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "extend/spill.hpp"
#include "internal.hpp"
#include "m2h/cli.hpp"
#include "m2h/vcf.hpp"
#include "m2h/error.hpp"
#include "m2h/line_reader.hpp"
#include "m2h/output.hpp"
#include "m2h/progress.hpp"
#include "m2h/transform.hpp"

namespace m2h {

namespace {

// A FORMAT tag of the current record as text per sample ("." where missing), whatever its
// header type.
class TagText {
public:
    TagText(const bcf_hdr_t* hdr, const char* tag) : tag_(tag) {
        const int id = bcf_hdr_id2int(hdr, BCF_DT_ID, tag);
        declared_ = id >= 0 && bcf_hdr_idinfo_exists(hdr, BCF_HL_FMT, id);
        if (declared_) type_ = bcf_hdr_id2type(hdr, BCF_HL_FMT, id);
    }
    ~TagText() {
        if (str_) {
            std::free(str_[0]);
            std::free(str_);
        }
        std::free(ints_);
    }
    TagText(const TagText&) = delete;
    TagText& operator=(const TagText&) = delete;

    bool declared() const { return declared_; }
    bool is_int() const { return type_ == BCF_HT_INT; }
    // Loads the record's values; false when it has none.
    bool load(const bcf_hdr_t* hdr, bcf1_t* rec) {
        has_ = false;
        if (!declared_) return false;
        if (type_ == BCF_HT_INT) {
            const int n = bcf_get_format_int32(hdr, rec, tag_, &ints_, &nints_);
            if (n <= 0) return false;
            per_ = n / bcf_hdr_nsamples(hdr);
        } else {
            // String (and anything else, as text): one string per sample
            if (bcf_get_format_string(hdr, rec, tag_, &str_, &nstr_) <= 0) return false;
        }
        has_ = true;
        return true;
    }
    // Sample s's value, "." when missing.
    std::string_view at(int s) {
        if (!has_) return ".";
        if (type_ == BCF_HT_INT) {
            const std::int32_t v = ints_[s * per_];
            if (v == bcf_int32_missing || v == bcf_int32_vector_end) return ".";
            buf_ = std::to_string(v);
            return buf_;
        }
        const char* p = str_[s];
        return p && *p ? std::string_view(p) : std::string_view(".");
    }

private:
    const char* tag_;
    bool declared_ = false, has_ = false;
    int type_ = BCF_HT_STR;
    std::int32_t* ints_ = nullptr;
    int nints_ = 0, per_ = 1;
    char** str_ = nullptr;
    int nstr_ = 0;
    std::string buf_;
};

// An allele's bases as phase-Extender wants them: upper case, no surrounding spaces.
std::string bases(const char* allele) {
    std::string_view a(allele);
    while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
    while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
    std::string s(a);
    for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return s;
}

// Two allele numbers out of "i|j" (or "i/j": phased false). False when the text is no
// diploid call with both alleles.
bool parse_pair(std::string_view t, int& a, int& b, bool& phased) {
    const std::size_t sep = t.find_first_of("|/");
    if (sep == std::string_view::npos) return false;
    phased = t[sep] == '|';
    auto num = [](std::string_view s, int& v) {
        if (s.empty() || s.size() > 9) return false;
        v = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        return true;
    };
    return num(t.substr(0, sep), a) && num(t.substr(sep + 1), b);
}

class VcfTransform {
public:
    VcfTransform(const TransformOptions& o, htsFile* fp, std::string path)
        : o_(o), fp_(fp), path_(std::move(path)) {}
    ~VcfTransform() {
        if (rec_) bcf_destroy(rec_);
        if (hdr_) bcf_hdr_destroy(hdr_);
        if (fp_) hts_close(fp_);
        std::free(gt_);
    }

    TransformStats run() {
        const auto start = std::chrono::steady_clock::now();
        if (o_.format == Format::kSeed)
            usage_error("--format seed is the genome matrix's table: from a VCF or BCF, write hap, refhap, vcf or bcf");
        // a BGZF file without its end-of-file block was cut short (checked here when seekable,
        // at the end otherwise)
        if (fp_->format.compression == bgzf && bgzf_check_EOF(fp_->fp.bgzf) == 0)
            file_error("truncated BGZF file", path_, "the end-of-file marker is missing");
        if (o_.threads > 0) hts_set_threads(fp_, o_.threads);
        hdr_ = bcf_hdr_read(fp_);
        if (!hdr_) file_error("cannot read the VCF header of", path_, "not a VCF or BCF header");
        select_samples();
        tags_.emplace(hdr_);
        rec_ = bcf_init();
        if (!rec_) throw std::bad_alloc();
        const bool variant = is_variant_format(o_.format);
        if (o_.write_index && !variant) usage_error("--write-index needs --format vcf (.vcf.gz) or bcf");
        std::optional<OutputFile> table;
        std::optional<extend::Spill> records;  // VCF/BCF: the header needs every contig first
        if (variant) {
            records.emplace(o_.output);
        } else {
            table.emplace(o_.output, OutputOptions{.threads = o_.threads, .level = o_.level});
            std::vector<SamplePair> names;
            for (const auto& n : names_) names.push_back({n, -1, -1});
            table->write_line(table_header(o_.format, names));
            table->flush_block();
        }
        Progress progress(o_.progress);
        TransformStats st;
        std::string line;
        for (;;) {
            const int r = bcf_read(fp_, hdr_, rec_);
            if (r == -1) break;
            ++st.rows_read;
            if (r < -1 || (rec_->errcode & ~(BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF))) bad_record(r);
            if (rec_->pos < 0) fail("POS is not a number from 1 up");
            row(line);
            if (table) table->write(line);
            else records->line(std::string_view(line).substr(0, line.size() - 1));
            ++st.rows_written;
            progress.update(st.rows_read, 0);
        }
        progress.finish(st.rows_read, 0);
        if ((fp_->format.compression == bgzf || fp_->format.compression == gzip) && fp_->fp.bgzf &&
            (fp_->fp.bgzf->errcode || (fp_->format.compression == bgzf && !fp_->fp.bgzf->last_block_eof)))
            file_error("truncated or corrupt compressed file", path_, "the compressed data ends early or is damaged");
        st.rows_skipped = st.rows_read - st.rows_written;
        struct rusage ru {};
        getrusage(RUSAGE_SELF, &ru);
        st.max_rss_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;
        st.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::optional<OutputFile> stats;
        if (!o_.stats.empty()) {
            stats.emplace(o_.stats, OutputOptions{.compression = OutputCompression::kPlain});
            stats->write(fmt::format("input\trows_read\trows_written\trows_skipped\twall_s\tmax_rss_mib\n{}\t{}\t{}\t{}\t{:.3f}\t{:.1f}\n",
                                     path_, st.rows_read, st.rows_written, st.rows_skipped, st.wall_s, st.max_rss_mib));
        }
        if (table) table->commit();
        else write_variants(*records);
        if (stats) stats->commit();
        return st;
    }

private:
    // VCF/BCF output: the header (every contig, with its length where the input gives one;
    // GT and PS; the samples), then the records set aside, parsed and written by htslib.
    void write_variants(extend::Spill& records) {
        records.flush();
        std::unique_ptr<bcf_hdr_t, decltype(&bcf_hdr_destroy)> h(bcf_hdr_init("w"), bcf_hdr_destroy);
        bool ok = h != nullptr;
        ok = ok && bcf_hdr_append(h.get(), "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">") == 0;
        ok = ok && bcf_hdr_append(h.get(), "##FORMAT=<ID=PS,Number=1,Type=Integer,Description=\"Phase set: the position of "
                                           "the block's first record\">") == 0;
        if (!o_.no_version) {
            ok = ok && bcf_hdr_printf(h.get(), "##m2h-transformVersion=%s", version_string().c_str()) == 0;
            ok = ok && bcf_hdr_printf(h.get(), "##m2h-transformCommand=%s", o_.command_line.c_str()) == 0;
        }
        int n = 0;
        const char** names = bcf_hdr_seqnames(hdr_, &n);
        for (int i = 0; ok && i < n; ++i) {
            const std::uint64_t length = hdr_->id[BCF_DT_CTG][i].val->info[0];
            ok = length ? bcf_hdr_printf(h.get(), "##contig=<ID=%s,length=%llu>", names[i],
                                         static_cast<unsigned long long>(length)) == 0
                        : bcf_hdr_printf(h.get(), "##contig=<ID=%s>", names[i]) == 0;
        }
        std::free(names);
        for (const auto& s : names_) ok = ok && bcf_hdr_add_sample(h.get(), s.c_str()) == 0;
        ok = ok && bcf_hdr_sync(h.get()) == 0;
        if (!ok) file_error("cannot build the VCF header for", o_.output, "htslib refused it");
        HtsOutput out(o_.output, vcf_write_mode(o_.output, o_.format == Format::kBcf, o_.level), o_.threads);
        if (bcf_hdr_write(out.get(), h.get()) < 0) file_error("cannot write", o_.output, detail::errno_text());
        extend::SpillReader in(records, extend::Range{0, records.offset()});
        std::unique_ptr<bcf1_t, decltype(&bcf_destroy)> rec(bcf_init(), bcf_destroy);
        kstring_t ks = KS_INITIALIZE;
        std::string_view l;
        while (in.next(l)) {
            ks.l = 0;
            kputsn(l.data(), l.size(), &ks);
            if (vcf_parse(&ks, h.get(), rec.get()) < 0 || bcf_write(out.get(), h.get(), rec.get()) < 0) {
                ks_free(&ks);
                file_error("cannot write", o_.output, detail::errno_text());
            }
        }
        ks_free(&ks);
        out.commit(o_.write_index, o_.index_format);
    }

    struct Tags {
        explicit Tags(const bcf_hdr_t* h)
            : ps(h, "PS"), pi(h, "PI"), pg(h, "PG"), hp(h, "HP"), pgt(h, "PGT"), pid(h, "PID") {}
        TagText ps, pi, pg, hp, pgt, pid;
        bool any_block() const { return ps.declared() || (pi.declared() && pg.declared()) || hp.declared() || pid.declared(); }
    };

    // The line of the record last read (VCF text) or its number (BCF), for messages.
    std::uint64_t where() const {
        return fp_->format.format == vcf ? static_cast<std::uint64_t>(fp_->lineno) : records_;
    }
    std::string what() const { return fp_->format.format == vcf ? "" : "record "; }

    [[noreturn]] void fail(const std::string& detail) const {
        data_error(fp_->format.format == vcf ? "bad VCF record" : "bad BCF record", path_, where(), detail);
    }

    [[noreturn]] void bad_record(int r) const {
        if (r < -1 && !(rec_->errcode)) {
            if (fp_->format.compression == bgzf || fp_->format.compression == gzip)
                file_error("truncated or corrupt compressed file", path_, "the data ends early or is damaged");
            fail("htslib cannot parse it");
        }
        const int e = rec_->errcode;
        if (e & BCF_ERR_NCOLS) fail("fewer or more columns than the header names samples, or no POS number");
        if (e & BCF_ERR_LIMITS) fail("a value past htslib's limits (POS, REF length)");
        if (e & BCF_ERR_CHAR) fail("a character VCF does not allow");
        if (e & BCF_ERR_CTG_INVALID) fail("an invalid contig name");
        if (e & BCF_ERR_TAG_INVALID) fail("a tag that does not match its header definition");
        fail(fmt::format("htslib error code {}", e));
    }

    void select_samples() {
        const int n = bcf_hdr_nsamples(hdr_);
        std::vector<std::string> wanted;
        bool exclude = false;
        if (!o_.samples_file.empty()) {
            LineReader in(o_.samples_file);
            std::string_view l;
            while (in.next(l))
                if (!l.empty()) wanted.emplace_back(l.substr(0, l.find_first_of(" \t")));
        } else if (o_.samples != "auto") {
            std::string list = o_.samples;
            if (!list.empty() && list[0] == '^') exclude = true, list.erase(0, 1);
            std::size_t at = 0;
            for (;;) {
                const std::size_t comma = list.find(',', at);
                wanted.push_back(list.substr(at, comma - at));
                if (comma == std::string::npos) break;
                at = comma + 1;
            }
        }
        auto index_of = [&](const std::string& s) {
            const int i = bcf_hdr_id2int(hdr_, BCF_DT_SAMPLE, s.c_str());
            if (i < 0) usage_error(fmt::format("sample '{}' is not in '{}'", s, path_));
            return i;
        };
        if (wanted.empty() || exclude) {
            std::vector<bool> drop(static_cast<std::size_t>(n), false);
            for (const auto& w : wanted) drop[static_cast<std::size_t>(index_of(w))] = true;
            for (int i = 0; i < n; ++i)
                if (!drop[static_cast<std::size_t>(i)]) idx_.push_back(i);
        } else {
            for (const auto& w : wanted) {
                const int i = index_of(w);
                if (std::find(idx_.begin(), idx_.end(), i) != idx_.end()) usage_error(fmt::format("sample '{}' given twice", w));
                idx_.push_back(i);
            }
        }
        for (int i : idx_) {
            std::string name = hdr_->samples[i];
            if (name.find_first_of(":,\t") != std::string::npos)
                data_error("sample name phase-Extender cannot read in", path_, 1,
                           fmt::format("'{}' (its tables name columns '<sample>:PI'; ':' and ',' cannot be in a name)", name));
            names_.push_back(std::move(name));
        }
        if (names_.empty()) usage_error(fmt::format("no samples selected from '{}'", path_));
    }

    // The record as a table row (with '\n').
    void row(std::string& line) {
        ++records_;
        bcf_unpack(rec_, BCF_UN_ALL);
        const int nal = rec_->n_allele;
        alleles_.resize(static_cast<std::size_t>(nal));
        for (int a = 0; a < nal; ++a) alleles_[static_cast<std::size_t>(a)] = bases(rec_->d.allele[a]);
        const char* chrom = bcf_seqname_safe(hdr_, rec_);
        line.clear();
        fmt::format_to(std::back_inserter(line), "{}\t{}\t{}\t", chrom, rec_->pos + 1, alleles_[0]);
        if (o_.format == Format::kHap) {
            for (int a = 0; a < nal; ++a) line.append(a ? "," : "").append(alleles_[static_cast<std::size_t>(a)]);
        } else {
            if (nal == 1) line.push_back('.');
            for (int a = 1; a < nal; ++a) line.append(a > 1 ? "," : "").append(alleles_[static_cast<std::size_t>(a)]);
        }
        const int ngt = bcf_get_genotypes(hdr_, rec_, &gt_, &ngt_);
        ploidy_ = ngt > 0 ? ngt / bcf_hdr_nsamples(hdr_) : 0;
        Tags& t = *tags_;
        const bool mode_auto = o_.phase_tags == PhaseTags::kAuto;
        auto want = [&](PhaseTags p) { return mode_auto || o_.phase_tags == p; };
        if (want(PhaseTags::kPs)) t.ps.load(hdr_, rec_);
        if (want(PhaseTags::kPiPg)) t.pi.load(hdr_, rec_), t.pg.load(hdr_, rec_);
        if (want(PhaseTags::kHp)) t.hp.load(hdr_, rec_);
        if (want(PhaseTags::kPgt)) t.pgt.load(hdr_, rec_), t.pid.load(hdr_, rec_);
        if (is_variant_format(o_.format)) return variant_line(chrom, line);
        for (int s : idx_) {
            line.push_back('\t');
            cells(call(s, chrom), line);
        }
        line.push_back('\n');
    }

    // The record as a VCF line (with '\n'): its site, then GT:PS per sample, PS the block's
    // number: an Integer PS as it is, else the block's first position in this contig (the
    // convention WhatsHap keeps); a panel's calls (a block per contig) get none.
    void variant_line(const char* chrom, std::string& line) {
        if (chrom != last_chrom_) {
            last_chrom_ = chrom;
            for (auto& m : first_pos_) m.clear();
            if (seen_contigs_.insert(last_chrom_).second) contigs_.push_back(last_chrom_);
        }
        line.clear();
        const char* id = rec_->d.id ? rec_->d.id : ".";
        fmt::format_to(std::back_inserter(line), "{}\t{}\t{}\t{}\t", chrom, rec_->pos + 1, id, rec_->d.allele[0]);
        if (rec_->n_allele == 1) line.push_back('.');
        for (int a = 1; a < rec_->n_allele; ++a) line.append(a > 1 ? "," : "").append(rec_->d.allele[a]);
        line.append("\t.\t.\t.\tGT:PS");
        first_pos_.resize(idx_.size());
        for (std::size_t k = 0; k < idx_.size(); ++k) {
            const Call c = call(idx_[k], chrom);
            switch (c.kind) {
                case Call::kNone: line.append("\t./.:."); break;
                case Call::kUnphased: fmt::format_to(std::back_inserter(line), "\t{}/{}:.", c.a, c.b); break;
                case Call::kPhased:
                    fmt::format_to(std::back_inserter(line), "\t{}|{}:", c.a, c.b);
                    if (c.contig_block) {
                        line.push_back('.');
                    } else if (c.int_block) {
                        line.append(c.block);
                    } else {
                        auto [it, fresh] = first_pos_[k].try_emplace(std::string(c.block), rec_->pos + 1);
                        (void)fresh;
                        line.append(std::to_string(it->second));
                    }
                    break;
            }
        }
        line.push_back('\n');
    }

    // GT of sample s: its two allele numbers and whether phased; false when it is not a
    // diploid call with both alleles (missing, half missing, haploid, polyploid).
    bool genotype(int s, int& a, int& b, bool& phased) const {
        if (ploidy_ < 2) return false;
        const std::int32_t* g = gt_ + s * ploidy_;
        if (ploidy_ > 2 && g[2] != bcf_int32_vector_end) return false;  // polyploid
        if (g[1] == bcf_int32_vector_end || bcf_gt_is_missing(g[0]) || bcf_gt_is_missing(g[1])) return false;
        a = bcf_gt_allele(g[0]);
        b = bcf_gt_allele(g[1]);
        phased = bcf_gt_is_phased(g[1]);
        return true;
    }

    const std::string& allele(int a) const {
        if (a < 0 || a >= static_cast<int>(alleles_.size()))
            fail(fmt::format("an allele number {} past the record's {} alleles", a, alleles_.size()));
        return alleles_[static_cast<std::size_t>(a)];
    }

    // One sample's call: its block and phased alleles, or unphased, or nothing.
    struct Call {
        enum Kind { kNone, kUnphased, kPhased } kind = kNone;
        std::string_view block;  // kPhased: the block's text
        bool contig_block = false;  // a panel's: the block is the contig
        bool int_block = false;     // the block is an Integer PS
        int a = 0, b = 0;           // allele numbers, left and right
    };

    Call call(int s, const char* chrom) {
        Tags& t = *tags_;
        Call c;
        int a = 0, b = 0;
        bool ph = false;
        const bool gt = genotype(s, a, b, ph);
        const PhaseTags mode = o_.phase_tags;
        const bool any = mode == PhaseTags::kAuto;
        auto phased = [&](std::string_view block, int x, int y) {
            allele(x), allele(y);  // checked
            c.kind = Call::kPhased, c.block = block, c.a = x, c.b = y;
            return c;
        };
        // phASER: PI and PG (GT ignored)
        if ((any || mode == PhaseTags::kPiPg) && t.pi.declared() && t.pg.declared()) {
            const std::string_view pi = t.pi.at(s), pg = t.pg.at(s);
            int x = 0, y = 0;
            bool p = false;
            if (pi != "." && pg != "." && parse_pair(pg, x, y, p) && p) return phased(pi, x, y);
        }
        if ((any || mode == PhaseTags::kPs) && t.ps.declared() && gt && ph) {
            const std::string_view ps = t.ps.at(s);
            if (ps != ".") {
                used(kUsedPs);
                phased(ps, a, b);
                c.int_block = t.ps.is_int();
                return c;
            }
        }
        if ((any || mode == PhaseTags::kHp) && t.hp.declared() && gt) {
            const std::string_view hp = t.hp.at(s);
            bool left_first = true;
            if (hp != "." && parse_hp(hp, hp_block_, left_first)) {
                used(kUsedHp);
                return left_first ? phased(hp_block_, a, b) : phased(hp_block_, b, a);
            }
        }
        if ((any || mode == PhaseTags::kPgt) && t.pgt.declared() && t.pid.declared() && gt && a != b) {
            const std::string_view pgt = t.pgt.at(s), pid = t.pid.at(s);
            int x = 0, y = 0;
            bool p = false;
            // only where GT is heterozygous with PGT's alleles (GATK writes 1|1 beside 1/1 too)
            if (pgt != "." && pid != "." && parse_pair(pgt, x, y, p) && p && std::minmax(x, y) == std::minmax(a, b))
                return phased(pid, x, y);
        }
        if ((mode == PhaseTags::kNone || (any && !t.any_block())) && gt && ph) {
            phased(chrom, a, b);
            c.contig_block = true;
            return c;
        }
        if (o_.unphased && gt) {  // kept, unphased: A/T with no block
            allele(a), allele(b);
            c.kind = Call::kUnphased, c.a = a, c.b = b;
        }
        return c;
    }

    // The call as the table's PI and PG_al cells.
    void cells(const Call& c, std::string& line) const {
        switch (c.kind) {
            case Call::kPhased:
                line.append(c.block).push_back('\t');
                line.append(allele(c.a)).push_back('|');
                line.append(allele(c.b));
                break;
            case Call::kUnphased:
                line.append(".\t").append(allele(c.a)).push_back('/');
                line.append(allele(c.b));
                break;
            case Call::kNone: line.append(".\t."); break;
        }
    }

    // GATK 3's HP "24-1,24-2": block 24; true with left_first when GT's first allele is
    // on haplotype 1.
    static bool parse_hp(std::string_view hp, std::string& block, bool& left_first) {
        const std::size_t comma = hp.find(',');
        if (comma == std::string_view::npos) return false;
        const std::string_view e1 = hp.substr(0, comma), e2 = hp.substr(comma + 1);
        const std::size_t d1 = e1.rfind('-'), d2 = e2.rfind('-');
        if (d1 == std::string_view::npos || d2 == std::string_view::npos || e1.substr(0, d1) != e2.substr(0, d2))
            return false;
        const std::string_view h1 = e1.substr(d1 + 1), h2 = e2.substr(d2 + 1);
        if (!((h1 == "1" && h2 == "2") || (h1 == "2" && h2 == "1"))) return false;
        block.assign(e1.substr(0, d1));
        left_first = h1 == "1";
        return true;
    }

    static constexpr int kUsedPs = 1, kUsedHp = 2;
    void used(int tag) {
        used_ |= tag;
        if (used_ == (kUsedPs | kUsedHp))
            fail("phase blocks in both HP and PS tags (as WhatsHap, m2h-transform refuses a file mixing them): "
                 "keep one (--phase-tags ps or hp reads only that one)");
    }

    const TransformOptions& o_;
    htsFile* fp_;
    std::string path_;
    bcf_hdr_t* hdr_ = nullptr;
    bcf1_t* rec_ = nullptr;
    std::vector<int> idx_;
    std::vector<std::string> names_;
    std::optional<Tags> tags_;
    std::vector<std::string> alleles_;
    std::int32_t* gt_ = nullptr;
    int ngt_ = 0, ploidy_ = 0, used_ = 0;
    std::uint64_t records_ = 0;
    std::string hp_block_;
    // VCF/BCF output: per sample, the first position of each block of the contig; the
    // contigs in order
    std::string last_chrom_;
    std::vector<std::unordered_map<std::string, std::int64_t>> first_pos_;
    std::unordered_set<std::string> seen_contigs_;
    std::vector<std::string> contigs_;
};

}  // namespace

PhaseTags parse_phase_tags(std::string_view name) {
    if (name == "auto") return PhaseTags::kAuto;
    if (name == "pi-pg") return PhaseTags::kPiPg;
    if (name == "ps") return PhaseTags::kPs;
    if (name == "hp") return PhaseTags::kHp;
    if (name == "pgt") return PhaseTags::kPgt;
    if (name == "none") return PhaseTags::kNone;
    usage_error(fmt::format("--phase-tags '{}': auto, pi-pg, ps, hp, pgt or none", name));
}

htsFile* open_variant_input(const std::string& path, hFILE*& stream) {
    stream = nullptr;
    hFILE* h = path == "-" ? hdopen(0, "r") : hopen(path.c_str(), "r");
    if (!h) return nullptr;  // the matrix reader names the failure
    htsFormat fmt{};
    if (hts_detect_format2(h, path.c_str(), &fmt) == 0 && (fmt.format == vcf || fmt.format == bcf)) {
        htsFile* fp = hts_hopen(h, path.c_str(), "r");
        if (!fp) {
            hclose_abruptly(h);
            file_error("cannot open", path, "htslib cannot read it as VCF or BCF");
        }
        return fp;
    }
    // a matrix: peeked only, the matrix reader goes on from here (never reopened: a pipe or a
    // FIFO would have lost what was peeked)
    stream = h;
    return nullptr;
}

TransformStats run_transform_vcf(const TransformOptions& o, htsFile* fp, const std::string& path) {
    const int level = hts_get_log_level();
    hts_set_log_level(HTS_LOG_OFF);  // our own messages, with the line
    struct Restore {
        int level;
        ~Restore() { hts_set_log_level(static_cast<htsLogLevel>(level)); }
    } restore{level};
    return VcfTransform(o, fp, path).run();
}

}  // namespace m2h
