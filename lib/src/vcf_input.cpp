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
#include <htslib/kseq.h>
#include <htslib/kstring.h>
#include <htslib/tbx.h>
#include <htslib/vcf.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cstdint>
#include <chrono>
#include <cstring>
#include <filesystem>
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
#include "m2h/manifest.hpp"
#include "m2h/output.hpp"
#include "m2h/progress.hpp"
#include "m2h/transform.hpp"

namespace m2h {

namespace {

// "." (or nothing): a missing value.
inline bool missing(std::string_view v) { return v.empty() || (v.size() == 1 && v[0] == '.'); }

// Value i of a sample's encoded integer FORMAT values (at p), as bcf_get_format_int32 gives
// it: the narrow types' missing and vector-end markers widened to int32's.
std::int32_t encoded_int(const bcf_fmt_t* f, const std::uint8_t* p, int i) {
    switch (f->type) {
        case BCF_BT_INT8: {
            const auto x = static_cast<std::int8_t>(p[i]);
            return x == bcf_int8_vector_end ? bcf_int32_vector_end : x == bcf_int8_missing ? bcf_int32_missing : x;
        }
        case BCF_BT_INT16: {
            std::int16_t x;
            std::memcpy(&x, p + 2 * i, sizeof x);
            return x == bcf_int16_vector_end ? bcf_int32_vector_end : x == bcf_int16_missing ? bcf_int32_missing : x;
        }
        default: {
            std::int32_t x;
            std::memcpy(&x, p + 4 * i, sizeof x);
            return x;
        }
    }
}

// A FORMAT tag of the current record as text per sample ("." where missing), read in
// place from the record's encoded values (no copy per record: bcf_get_format_* copies
// every sample's values, most of the time of a wide record).
class TagText {
public:
    TagText(const bcf_hdr_t* hdr, const char* tag) : name_(tag) {
        id_ = bcf_hdr_id2int(hdr, BCF_DT_ID, tag);
        declared_ = id_ >= 0 && bcf_hdr_idinfo_exists(hdr, BCF_HL_FMT, id_);
        if (declared_) int_ = bcf_hdr_id2type(hdr, BCF_HL_FMT, id_) == BCF_HT_INT;
    }

    bool declared() const { return declared_; }
    bool is_int() const { return int_; }
    const char* name() const { return name_; }
    // Finds the record's values; false when it has none.
    bool load(bcf1_t* rec) {
        text_mode_ = false;
        f_ = declared_ ? bcf_get_fmt_id(rec, id_) : nullptr;
        if (f_ && (!f_->p || f_->n <= 0)) f_ = nullptr;
        return f_ != nullptr;
    }
    // A VCF text record's values instead (set per sample; '.' until set). A tag the header
    // does not declare is read as a String, as htslib declares it.
    void begin_text(int samples) {
        text_mode_ = true;
        present_ = false;
        samples_ = samples;
    }
    // The record's FORMAT names it: its values are set (each '.' until then; a sample's
    // trailing fields may be left out).
    void present() {
        present_ = true;
        text_.assign(static_cast<std::size_t>(samples_), std::string_view("."));
    }
    void undeclared_as_string() {
        if (!declared_) declared_ = true, int_ = false;
    }
    void set(int s, std::string_view v) { text_[static_cast<std::size_t>(s)] = v; }
    // Where the record's values go, sample by sample (after present()).
    std::string_view* values() { return text_.data(); }
    // Sample s's value (the first, for a vector), "." when missing.
    std::string_view at(int s) {
        if (text_mode_) {
            if (!present_) return ".";
            if (!int_) return text_[static_cast<std::size_t>(s)];
            return text_at(s);
        }
        return encoded_at(s);
    }

private:
    std::string_view encoded_at(int s) {
        if (!f_) return ".";
        const std::uint8_t* p = f_->p + static_cast<std::size_t>(s) * static_cast<std::size_t>(f_->size);
        std::int64_t v = 0;
        switch (f_->type) {
            case BCF_BT_CHAR: {
                const char* c = reinterpret_cast<const char*>(p);
                const void* nul = std::memchr(c, 0, static_cast<std::size_t>(f_->size));
                const std::size_t n = nul ? static_cast<std::size_t>(static_cast<const char*>(nul) - c)
                                          : static_cast<std::size_t>(f_->size);
                if (n == 0 || (n == 1 && (c[0] == '.' || c[0] == bcf_str_missing))) return ".";
                return {c, n};
            }
            case BCF_BT_INT8:
            case BCF_BT_INT16:
            case BCF_BT_INT32:
                v = encoded_int(f_, p, 0);
                if (v <= bcf_int32_vector_end) return ".";  // missing too
                break;
            default: return ".";  // a Float where a block or genotype is expected
        }
        const auto r = fmt::format_to_n(buf_, sizeof buf_, "{}", v);
        return {buf_, r.size};
    }

public:

    // An Integer's text as htslib would store it (the first of a vector; "05" is 5); false
    // for a text that is no integer (htslib refuses the record).
    static bool int_text(std::string_view v, std::int64_t& x) {
        v = v.substr(0, v.find(','));
        const char* b = v.data() + (!v.empty() && v[0] == '+');
        const auto r = std::from_chars(b, v.data() + v.size(), x);
        return r.ec == std::errc() && r.ptr == v.data() + v.size() && x > INT32_MIN + 7 && x <= INT32_MAX;
    }
    // An Integer tag's text that is neither missing nor a number, or "".
    std::string_view bad_int(int s) const {
        const std::string_view v = text_[static_cast<std::size_t>(s)];
        std::int64_t x = 0;
        return !int_ || v.empty() || v == "." || v.substr(0, v.find(',')) == "." || int_text(v, x) ? std::string_view() : v;
    }

private:
    std::string_view text_at(int s) {
        std::string_view v = text_[static_cast<std::size_t>(s)];
        if (!int_ || missing(v)) return v;
        std::int64_t x = 0;
        if (v.substr(0, v.find(',')) == "." || !int_text(v, x)) return ".";
        const auto w = fmt::format_to_n(buf_, sizeof buf_, "{}", x);
        return {buf_, w.size};
    }

    const char* name_;
    int id_ = -1;
    bool declared_ = false, int_ = false, text_mode_ = false, present_ = false;
    int samples_ = 0;
    std::vector<std::string_view> text_;
    bcf_fmt_t* f_ = nullptr;
    char buf_[24] = {};
};

// An allele's bases as phase-Extender wants them (into out): upper case, no surrounding spaces.
void bases(std::string_view a, std::string& out) {
    while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
    while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
    out.assign(a);
    for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
}

// Two allele numbers out of "i|j" (or "i/j": phased false). False when the text is no
// diploid call with both alleles.
bool parse_pair(std::string_view t, int& a, int& b, bool& phased) {
    std::size_t sep = 0;
    while (sep < t.size() && t[sep] != '|' && t[sep] != '/') ++sep;
    if (sep == t.size()) return false;
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

// One sample's extension (m2h-extend's extended_haplotype_<SOI>.txt: CHROM POS REF
// all-alleles SOI:PI SOI:PG_al, log2odds with --writeLOD, in the table's order), read alongside the records: at each
// record, the row at its position with its alleles, if any. PS is the extended block's first
// position in its contig (its first row: the rows are in position order).
class Extension {
public:
    explicit Extension(const std::string& path) : path_(path), in_(path) {
        std::string_view h;
        if (!in_.next(h)) file_error("empty extension file", path_, "expected m2h-extend's extended_haplotype_<SOI>.txt");
        std::vector<std::string_view> f;
        split(h, f);
        if (f.size() < 6 || f[0] != "CHROM" || f[1] != "POS" || !f[4].ends_with(":PI") || !f[5].ends_with(":PG_al"))
            data_error("not an extended haplotype file", path_, 1, "expected CHROM POS REF all-alleles <SOI>:PI <SOI>:PG_al");
        sample_ = std::string(f[4].substr(0, f[4].size() - 3));
    }
    const std::string& sample() const { return sample_; }
    int column = -1;  // the sample's place among the selected ones

    // The extended call at the record (its contig's header id rid, position pos, alleles as
    // bases): its allele numbers and PS; false when the file has no row there. rank_of gives a
    // contig's header id (-1 for one the header lacks: its rows are passed over).
    template <class RankOf>
    bool at(int rid, std::int64_t pos, const std::vector<std::string>& alleles, RankOf rank_of, int& a, int& b,
            std::int64_t& ps) {
        if (!started_) started_ = true, advance(rank_of);
        while (has_ && (rank_ < rid || (rank_ == rid && pos_ < pos))) advance(rank_of);
        for (; has_ && rank_ == rid && pos_ == pos; advance(rank_of)) {
            if (!same_alleles(alleles)) continue;
            a = index_of(alleles, pg_a_);
            b = index_of(alleles, pg_b_);
            ps = block_first_;
            advance(rank_of);
            return true;
        }
        return false;
    }

private:
    static void split(std::string_view l, std::vector<std::string_view>& f) {
        f.clear();
        for (std::size_t at = 0;;) {
            const std::size_t tab = l.find('\t', at);
            f.push_back(l.substr(at, tab == l.npos ? tab : tab - at));
            if (tab == l.npos) break;
            at = tab + 1;
        }
    }
    // The next row, its contig's rank (by rank_of), position, alleles and block.
    template <class RankOf>
    void advance(RankOf rank_of) {
        std::string_view l;
        has_ = in_.next(l);
        if (!has_) return;
        split(l, f_);
        if (f_.size() < 6) data_error("bad extended haplotype row", path_, in_.line_number(), "expected 6 columns or more");
        if (f_[0] != chrom_) {
            chrom_.assign(f_[0]);
            first_.clear();
            rank_ = rank_of(chrom_);
        }
        const auto r = std::from_chars(f_[1].data(), f_[1].data() + f_[1].size(), pos_);
        if (r.ec != std::errc()) data_error("bad extended haplotype row", path_, in_.line_number(), "POS is not a number");
        all_.assign(f_[3]);
        const std::string_view pg = f_[5];
        const std::size_t bar = pg.find('|');
        if (bar == pg.npos) data_error("bad extended haplotype row", path_, in_.line_number(), "PG_al is not a|b");
        pg_a_.assign(pg.substr(0, bar));
        pg_b_.assign(pg.substr(bar + 1));
        block_first_ = first_.try_emplace(std::string(f_[4]), pos_).first->second;
        line_ = in_.line_number();
    }
    bool same_alleles(const std::vector<std::string>& alleles) const {
        std::size_t at = 0;
        for (const auto& al : alleles) {
            if (all_.compare(at, al.size(), al) != 0) return false;
            at += al.size();
            if (at < all_.size() && all_[at] != ',') return false;
            ++at;
        }
        return at == all_.size() + 1;
    }
    int index_of(const std::vector<std::string>& alleles, const std::string& allele) const {
        for (std::size_t i = 0; i < alleles.size(); ++i)
            if (alleles[i] == allele) return static_cast<int>(i);
        data_error("bad extended haplotype row", path_, line_, fmt::format("allele '{}' is not one of the record's", allele));
    }

    std::string path_;
    LineReader in_;
    std::string sample_;
    std::vector<std::string_view> f_;
    bool has_ = false, started_ = false;
    std::string chrom_, all_, pg_a_, pg_b_;
    int rank_ = -1;
    std::int64_t pos_ = 0, block_first_ = 0;
    std::uint64_t line_ = 0;
    std::unordered_map<std::string, std::int64_t> first_;  // the contig's blocks: first position
};

class VcfTransform {
public:
    VcfTransform(const TransformOptions& o, htsFile* fp, std::string path, const ManifestEntry* part)
        : o_(o), fp_(fp), path_(std::move(path)), part_(part) {}
    ~VcfTransform() {
        if (itr_) hts_itr_destroy(itr_);
        if (tbx_) tbx_destroy(tbx_);
        if (idx_bcf_) hts_idx_destroy(idx_bcf_);
        if (rec_) bcf_destroy(rec_);
        ks_free(&ks_);
        if (hdr_) bcf_hdr_destroy(hdr_);
        if (fp_) hts_close(fp_);
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
        find_tags();
        panel_ = o_.phase_tags == PhaseTags::kNone || (o_.phase_tags == PhaseTags::kAuto && !tags_->any_block());
        open_extensions(is_variant_format(o_.format));
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
        text_ = fp_->format.format == vcf && !variant;
        if (part_ && !part_->region.empty()) query(*part_);
        for (;;) {
            if (text_) {
                const int r = itr_ ? tbx_itr_next(fp_, tbx_, itr_, &ks_) : hts_getline(fp_, KS_SEP_LINE, &ks_);
                if (r == -1) break;
                if (r < -1) bad_record(r);
                if (ks_.l && ks_.s[ks_.l - 1] == '\r') ks_.s[--ks_.l] = '\0';  // a file with CRLF line ends
                if (ks_.l == 0) continue;
                ++records_;
                if (!text_row(std::string_view(ks_.s, ks_.l), line)) continue;  // before the region
                ++st.rows_read;
                table->write(line);
                ++st.rows_written;
                progress.update(st.rows_read, 0);
                continue;
            }
            const int r = !itr_ ? bcf_read(fp_, hdr_, rec_) : tbx_ ? next_text_record() : bcf_itr_next(fp_, itr_, rec_);
            if (r == -1) break;
            ++records_;
            if (r < -1 || (rec_->errcode & ~(BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF))) bad_record(r);
            if (rec_->pos < 0) fail("POS is not a number from 1 up");
            if (itr_ && rec_->pos + 1 < first_) {  // begins before the region, reaches into it
                --records_;
                continue;
            }
            ++st.rows_read;
            if (rec_->errcode & BCF_ERR_TAG_UNDEF) find_tags();  // htslib declared a tag as it read it
            row(line);
            if (table) table->write(line);
            else records->line(std::string_view(line).substr(0, line.size() - 1));
            ++st.rows_written;
            progress.update(st.rows_read, 0);
        }
        progress.finish(st.rows_read, 0);
        if (part_ && st.rows_read != part_->rows)
            file_error("part does not match the manifest", o_.manifest,
                       fmt::format("part {} ('{}') has {} records, the manifest lists {}", part_->part,
                                   part_->region.empty() ? path_ : part_->region, st.rows_read, part_->rows));
        if (!itr_ && (fp_->format.compression == bgzf || fp_->format.compression == gzip) && fp_->fp.bgzf &&
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
        if (!panel_)
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
        TagText& at(int i) { return *all()[static_cast<std::size_t>(i)]; }
        // A tag's index in all(), -1 for one not read.
        int index(std::string_view name) {
            for (std::size_t i = 0; i < 6; ++i)
                if (name == all()[i]->name()) return static_cast<int>(i);
            return -1;
        }
        void begin_text(int samples) {
            for (TagText* t : all()) t->begin_text(samples);
        }
        std::array<TagText*, 6> all() { return {&ps, &pi, &pg, &hp, &pgt, &pid}; }
        bool any_block() const { return ps.declared() || (pi.declared() && pg.declared()) || hp.declared() || pid.declared(); }
    };

    // A region manifest's part: the records of its region, through the file's index (those
    // that begin before it and reach into it are left out: the part before holds them).
    void query(const ManifestEntry& part) {
        const std::size_t colon = part.region.rfind(':'), dash = part.region.rfind('-');
        std::int64_t last = 0;
        const std::string contig = part.region.substr(0, colon);
        const char* b = part.region.data();
        if (colon == std::string::npos || dash == std::string::npos || dash < colon ||
            std::from_chars(b + colon + 1, b + dash, first_).ptr != b + dash ||
            std::from_chars(b + dash + 1, b + part.region.size(), last).ptr != b + part.region.size() || first_ < 1 || last < first_)
            file_error("bad region in manifest", o_.manifest, fmt::format("part {}: '{}'", part.part, part.region));
        // the index m2h-split built beside the manifest, else the file's own
        std::string built = resolve_path(parent_dir(o_.manifest), kRegionIndexFile);
        std::error_code ec;
        const char* fnidx = std::filesystem::exists(built, ec) ? built.c_str() : nullptr;
        if (fp_->format.format == vcf) {  // VCF text: tabix's (or CSI's) query, whatever the output
            tbx_ = tbx_index_load3(path_.c_str(), fnidx, HTS_IDX_SILENT_FAIL);
            if (!tbx_) file_error("cannot load the index of", path_, "a region manifest reads its parts through it (bcftools index)");
            const int tid = tbx_name2id(tbx_, contig.c_str());
            itr_ = tid < 0 ? nullptr : tbx_itr_queryi(tbx_, tid, first_ - 1, last);
        } else {
            idx_bcf_ = bcf_index_load3(path_.c_str(), fnidx, HTS_IDX_SILENT_FAIL);
            if (!idx_bcf_) file_error("cannot load the index of", path_, "a region manifest reads its parts through it (bcftools index)");
            const int tid = bcf_hdr_name2id(hdr_, contig.c_str());
            itr_ = tid < 0 ? nullptr : bcf_itr_queryi(idx_bcf_, tid, first_ - 1, last);
        }
        if (!itr_)
            file_error("part does not match the manifest", o_.manifest,
                       fmt::format("part {}: the index of '{}' has no contig '{}'", part.part, path_, contig));
        if (is_variant_format(o_.format)) prime_blocks(contig);
    }

    // VCF/BCF output of a region after its contig's first record: a block named by text
    // (phASER's PI, a String PS, HP, PID) gets as PS its first position in the contig, which
    // lies before the region when the cut runs through the block. The contig's records before
    // the region are read (not written) for those first positions, as the whole file's
    // transform has them. An Integer PS is written as it is: nothing to read.
    void prime_blocks(const std::string& contig) {
        Tags& t = *tags_;
        const bool text_blocks = (t.ps.declared() && !t.ps.is_int()) || (t.pi.declared() && t.pg.declared()) ||
                                 t.hp.declared() || t.pid.declared();
        if (first_ <= 1 || panel_ || !text_blocks) return;
        const bool text = fp_->format.format == vcf;
        const int tid = text ? tbx_name2id(tbx_, contig.c_str()) : bcf_hdr_name2id(hdr_, contig.c_str());
        hts_itr_t* before = text ? tbx_itr_queryi(tbx_, tid, 0, first_ - 1) : bcf_itr_queryi(idx_bcf_, tid, 0, first_ - 1);
        if (!before) return;  // nothing before the region
        std::swap(before, itr_);  // next_text_record reads itr_
        first_pos_.assign(idx_.size(), {});
        const std::uint64_t counted = records_;
        for (;;) {
            const int r = text ? next_text_record() : bcf_itr_next(fp_, itr_, rec_);
            if (r == -1) break;
            if (r < -1 || (rec_->errcode & ~(BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF))) bad_record(r);
            if (rec_->pos + 1 >= first_) break;
            if (rec_->errcode & BCF_ERR_TAG_UNDEF) find_tags();
            const char* chrom = load_record();
            for (std::size_t k = 0; k < idx_.size(); ++k) {
                const Call c = call(idx_[k], chrom);
                if (c.kind == Call::kPhased && !c.contig_block && !c.int_block)
                    first_pos_[k].try_emplace(std::string(c.block), rec_->pos + 1);
            }
        }
        records_ = counted;
        std::swap(before, itr_);
        hts_itr_destroy(before);
        primed_ = contig;
    }

    // The next record of a VCF text region, parsed by htslib (VCF/BCF output): as bcf_read.
    int next_text_record() {
        const int r = tbx_itr_next(fp_, tbx_, itr_, &ks_);
        if (r < 0) return r;
        return vcf_parse(&ks_, hdr_, rec_) == 0 ? 0 : -2;
    }

    // The FORMAT tags' header ids, again when htslib adds an undeclared one.
    void find_tags() {
        tags_.emplace(hdr_);
        gt_id_ = bcf_hdr_id2int(hdr_, BCF_DT_ID, "GT");
        if (gt_id_ >= 0 && !bcf_hdr_idinfo_exists(hdr_, BCF_HL_FMT, gt_id_)) gt_id_ = -1;
    }

    // The line of the record last read (VCF text) or its number (BCF), for messages.
    std::uint64_t where() const {
        return fp_->format.format == vcf ? static_cast<std::uint64_t>(fp_->lineno) : records_;
    }
    std::string what() const { return fp_->format.format == vcf ? "" : "record "; }

    [[noreturn]] void fail(const std::string& detail) const {
        const char* what = fp_->format.format == vcf ? "bad VCF record" : "bad BCF record";
        if (itr_)  // read through the index: no line number, the record's place in the region
            file_error(what, path_, fmt::format("record {} of region {}: {}", records_, part_->region, detail));
        data_error(what, path_, where(), detail);
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
        const char* chrom = load_record();
        if (is_variant_format(o_.format)) return variant_line(chrom, line);
        site(chrom, rec_->pos + 1, line);
        samples(chrom, line);
    }

    // The record read (rec_) made ready for call(): its alleles, GT and phase tags; its contig.
    const char* load_record() {
        bcf_unpack(rec_, BCF_UN_ALL);
        const int nal = rec_->n_allele;
        alleles_.resize(static_cast<std::size_t>(nal));
        for (int a = 0; a < nal; ++a) bases(rec_->d.allele[a], alleles_[static_cast<std::size_t>(a)]);
        const char* chrom = bcf_seqname_safe(hdr_, rec_);
        gt_ = gt_id_ >= 0 ? bcf_get_fmt_id(rec_, gt_id_) : nullptr;
        ploidy_ = gt_ && gt_->p && gt_->type != BCF_BT_CHAR && gt_->type != BCF_BT_FLOAT ? gt_->n : 0;
        Tags& t = *tags_;
        const bool mode_auto = o_.phase_tags == PhaseTags::kAuto;
        auto want = [&](PhaseTags p) { return mode_auto || o_.phase_tags == p; };
        if (want(PhaseTags::kPs)) t.ps.load(rec_);
        if (want(PhaseTags::kPiPg)) t.pi.load(rec_), t.pg.load(rec_);
        if (want(PhaseTags::kHp)) t.hp.load(rec_);
        if (want(PhaseTags::kPgt)) t.pgt.load(rec_), t.pid.load(rec_);
        return chrom;
    }

    // The table row's CHROM POS REF and alleles (hap: all of them; refhap: ALT), from alleles_.
    void site(std::string_view chrom, std::int64_t pos, std::string& line) const {
        const std::size_t nal = alleles_.size();
        line.clear();
        fmt::format_to(std::back_inserter(line), "{}\t{}\t{}\t", chrom, pos, alleles_[0]);
        if (o_.format == Format::kHap) {
            for (std::size_t a = 0; a < nal; ++a) line.append(a ? "," : "").append(alleles_[a]);
        } else {
            if (nal == 1) line.push_back('.');
            for (std::size_t a = 1; a < nal; ++a) line.append(a > 1 ? "," : "").append(alleles_[a]);
        }
    }

    // The selected samples' cells, and the line's end.
    void samples(std::string_view chrom, std::string& line) {
        for (int s : idx_) {
            line.push_back('\t');
            cells(call(s, chrom), line);
        }
        line.push_back('\n');
    }

    // A VCF text record as a table row (with '\n'), read without htslib's parse: vcf_parse
    // encodes every FORMAT value of every sample, most of the time of a wide record, where
    // a table needs a few tags' text. The header is htslib's; what is checked is what
    // vcf_parse refuses in the columns read (sample columns, POS, fields past FORMAT's,
    // an Integer tag's text).
    bool text_row(std::string_view rec, std::string& line) {
        std::string_view col[9];
        std::size_t at = 0;
        int ncol = 0;
        while (ncol < 9 && at != std::string_view::npos) {
            const std::size_t tab = rec.find('\t', at);
            col[ncol++] = rec.substr(at, tab == std::string_view::npos ? tab : tab - at);
            at = tab == std::string_view::npos ? tab : tab + 1;
        }
        if (ncol < 8) fail(fmt::format("{} columns where VCF has at least 8", ncol));
        std::int64_t pos = 0;
        const auto r = std::from_chars(col[1].data(), col[1].data() + col[1].size(), pos);
        if (r.ec != std::errc() || r.ptr != col[1].data() + col[1].size() || pos < 1)
            fail(fmt::format("POS '{}' is not a number from 1 up", col[1]));
        if (itr_ && pos < first_) {  // the part before's
            --records_;
            return false;
        }
        alleles_.resize(1);
        bases(col[3], alleles_[0]);
        if (col[4] != "." && !col[4].empty()) {
            std::size_t a = 0;
            for (;;) {
                const std::size_t comma = col[4].find(',', a);
                bases(col[4].substr(a, comma == std::string_view::npos ? comma : comma - a), alleles_.emplace_back());
                if (comma == std::string_view::npos) break;
                a = comma + 1;
            }
        }
        site(col[0], pos, line);
        const int ns = bcf_hdr_nsamples(hdr_);
        Tags& t = *tags_;
        t.begin_text(ns);
        gt_text_.assign(static_cast<std::size_t>(ns), std::string_view("."));
        if (ncol == 9 && col[8] != ".") text_samples(rec, at, col[8], ns);
        samples(col[0], line);
        return true;
    }

    // Each sample's fields, by the FORMAT column's keys, into the tags read (GT, PS, ...).
    void text_samples(std::string_view rec, std::size_t at, std::string_view format, int ns) {
        if (format != format_) keys(format);
        Tags& t = *tags_;
        // per FORMAT key, where its values go (nullptr: not read), and the Integer tag checked
        dest_.clear();
        for (const int slot : slots_) {
            if (slot == kGtSlot) {
                dest_.push_back({gt_text_.data(), nullptr});
            } else if (slot >= 0) {
                TagText& tag = t.at(slot);
                tag.present();
                dest_.push_back({tag.values(), tag.is_int() ? &tag : nullptr});
            } else {
                dest_.push_back({nullptr, nullptr});
            }
        }
        const char* p = at == std::string_view::npos ? nullptr : rec.data() + at;
        const char* const end = rec.data() + rec.size();
        const std::size_t nkeys = dest_.size();
        for (int s = 0; s < ns; ++s) {
            if (!p) fail(fmt::format("{} sample column{} where the header names {}", s, s == 1 ? "" : "s", ns));
            if (p == end || *p == '\t') fail(fmt::format("sample '{}' has an empty column", hdr_->samples[s]));
            // one pass over the column: its fields end at ':', the column at TAB
            std::size_t k = 0;
            const char* f = p;
            for (;; ++p) {
                const char c = p == end ? '\t' : *p;
                if (c != ':' && c != '\t') continue;
                if (k == nkeys)
                    fail(fmt::format("sample '{}' has more fields than FORMAT '{}' names", hdr_->samples[s], format));
                const Dest& d = dest_[k++];
                if (d.values) {
                    d.values[s] = std::string_view(f, static_cast<std::size_t>(p - f));
                    if (d.int_tag)
                        if (const std::string_view bad = d.int_tag->bad_int(s); !bad.empty())
                            fail(fmt::format("{} '{}' of sample '{}' is not an Integer, as the header declares it",
                                             d.int_tag->name(), bad, hdr_->samples[s]));
                }
                f = p + 1;
                if (c == '\t') break;
            }
            p = p == end ? nullptr : p + 1;
        }
        // more columns than samples: ignored, as htslib ignores them
    }

    // Where each FORMAT key's values go: GT, one of the tags read, or nowhere (another tag,
    // or a key given twice: the first is read, as htslib reads it).
    void keys(std::string_view format) {
        format_.assign(format);
        slots_.clear();
        Tags& t = *tags_;
        bool gt = false;
        std::vector<int> seen;
        std::size_t f = 0;
        for (;;) {
            const std::size_t colon = format.find(':', f);
            const std::string_view key = format.substr(f, colon == std::string_view::npos ? colon : colon - f);
            int slot = -1;
            if (key == "GT") {
                slot = gt ? -1 : kGtSlot;
                gt = true;
            } else if (const int i = t.index(key); i >= 0 && std::find(seen.begin(), seen.end(), i) == seen.end()) {
                slot = i;
                seen.push_back(i);
                t.at(i).undeclared_as_string();
            }
            slots_.push_back(slot);
            if (colon == std::string_view::npos) break;
            f = colon + 1;
        }
    }

    // --extended: each file's sample among the selected ones; calls then get a PS.
    void open_extensions(bool variant) {
        if (o_.extended.empty()) return;
        if (!variant) usage_error("--extended rewrites the calls of VCF/BCF output: give --format vcf or bcf");
        ext_by_col_.assign(names_.size(), nullptr);
        for (const auto& path : o_.extended) {
            auto e = std::make_unique<Extension>(path);
            const auto it = std::find(names_.begin(), names_.end(), e->sample());
            if (it == names_.end())
                usage_error(fmt::format("--extended '{}': sample '{}' is not among the samples of '{}'", path, e->sample(), path_));
            const auto k = static_cast<std::size_t>(it - names_.begin());
            if (ext_by_col_[k]) usage_error(fmt::format("--extended: sample '{}' given twice", e->sample()));
            ext_by_col_[k] = e.get();
            ext_.push_back(std::move(e));
        }
        panel_ = false;
    }

    // The record as a VCF line (with '\n'): its site, then GT:PS per sample, PS the block's
    // number: an Integer PS as it is, else the block's first position in this contig (the
    // convention WhatsHap keeps); a panel's calls (a block per contig) get none.
    void variant_line(const char* chrom, std::string& line) {
        if (chrom != last_chrom_) {
            last_chrom_ = chrom;
            if (last_chrom_ != primed_)
                for (auto& m : first_pos_) m.clear();
            primed_.clear();
            if (seen_contigs_.insert(last_chrom_).second) contigs_.push_back(last_chrom_);
        }
        line.clear();
        const char* id = rec_->d.id ? rec_->d.id : ".";
        fmt::format_to(std::back_inserter(line), "{}\t{}\t{}\t{}\t", chrom, rec_->pos + 1, id, rec_->d.allele[0]);
        if (rec_->n_allele == 1) line.push_back('.');
        for (int a = 1; a < rec_->n_allele; ++a) line.append(a > 1 ? "," : "").append(rec_->d.allele[a]);
        // a panel (phased GT, a block per contig) keeps GT alone: a PS tag in its header would
        // make its calls, which have none, unphased when read again
        const bool ps = !panel_;
        line.append(ps ? "\t.\t.\t.\tGT:PS" : "\t.\t.\t.\tGT");
        first_pos_.resize(idx_.size());
        if (!ext_.empty()) {  // the extension files follow the header's contig order
            if (rec_->rid < last_rid_)
                fail("a contig before the previous one in the header's order: --extended reads the records in that "
                     "order (bcftools sort)");
            last_rid_ = rec_->rid;
        }
        auto rank_of = [this](const std::string& name) { return bcf_hdr_name2id(hdr_, name.c_str()); };
        for (std::size_t k = 0; k < idx_.size(); ++k) {
            int ea = 0, eb = 0;
            std::int64_t eps = 0;
            if (!ext_.empty() && ext_by_col_[k] && ext_by_col_[k]->at(rec_->rid, rec_->pos + 1, alleles_, rank_of, ea, eb, eps)) {
                fmt::format_to(std::back_inserter(line), "\t{}|{}:{}", ea, eb, eps);
                continue;
            }
            const Call c = call(idx_[k], chrom);
            switch (c.kind) {
                case Call::kNone: line.append(ps ? "\t./.:." : "\t./."); break;
                case Call::kUnphased:
                    fmt::format_to(std::back_inserter(line), "\t{}/{}", c.a, c.b);
                    if (ps) line.append(":.");
                    break;
                case Call::kPhased:
                    fmt::format_to(std::back_inserter(line), "\t{}|{}", c.a, c.b);
                    if (!ps) break;
                    line.push_back(':');
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
        if (text_) {
            // diploid: one separator (parse_pair refuses a third allele's, as not a number)
            return parse_pair(gt_text_[static_cast<std::size_t>(s)], a, b, phased);
        }
        if (ploidy_ < 2) return false;
        // the first three values as bcf_get_genotypes gives them, read in place
        std::int32_t g[3] = {0, 0, bcf_int32_vector_end};
        const std::uint8_t* p = gt_->p + static_cast<std::size_t>(s) * static_cast<std::size_t>(gt_->size);
        const int n = std::min(ploidy_, 3);
        for (int i = 0; i < n; ++i) g[i] = encoded_int(gt_, p, i);
        if (g[2] != bcf_int32_vector_end) return false;  // polyploid
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

    Call call(int s, std::string_view chrom) {
        Tags& t = *tags_;
        int a = 0, b = 0;
        bool ph = false;
        const bool gt = genotype(s, a, b, ph);
        const PhaseTags mode = o_.phase_tags;
        const bool any = mode == PhaseTags::kAuto;
        auto phased = [&](std::string_view block, int x, int y) {
            allele(x), allele(y);  // checked
            return Call{Call::kPhased, block, false, false, x, y};
        };
        // phASER: PI and PG (GT ignored)
        if ((any || mode == PhaseTags::kPiPg) && t.pi.declared() && t.pg.declared()) {
            const std::string_view pi = t.pi.at(s), pg = t.pg.at(s);
            int x = 0, y = 0;
            bool p = false;
            if (!missing(pi) && !missing(pg) && parse_pair(pg, x, y, p) && p) return phased(pi, x, y);
        }
        if ((any || mode == PhaseTags::kPs) && t.ps.declared() && gt && ph) {
            const std::string_view ps = t.ps.at(s);
            if (!missing(ps)) {
                used(kUsedPs);
                Call c = phased(ps, a, b);
                c.int_block = t.ps.is_int();
                return c;
            }
        }
        if ((any || mode == PhaseTags::kHp) && t.hp.declared() && gt) {
            const std::string_view hp = t.hp.at(s);
            bool left_first = true;
            if (!missing(hp) && parse_hp(hp, hp_block_, left_first)) {
                used(kUsedHp);
                return left_first ? phased(hp_block_, a, b) : phased(hp_block_, b, a);
            }
        }
        if ((any || mode == PhaseTags::kPgt) && t.pgt.declared() && t.pid.declared() && gt && a != b) {
            const std::string_view pgt = t.pgt.at(s), pid = t.pid.at(s);
            int x = 0, y = 0;
            bool p = false;
            // only where GT is heterozygous with PGT's alleles (GATK writes 1|1 beside 1/1 too)
            if (!missing(pgt) && !missing(pid) && parse_pair(pgt, x, y, p) && p && std::minmax(x, y) == std::minmax(a, b))
                return phased(pid, x, y);
        }
        if ((mode == PhaseTags::kNone || (any && !t.any_block())) && gt && ph) {
            Call c = phased(chrom, a, b);
            c.contig_block = true;
            return c;
        }
        if (o_.unphased && gt) {  // kept, unphased: A/T with no block
            allele(a), allele(b);
            return Call{Call::kUnphased, {}, false, false, a, b};
        }
        return Call{};
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
    const ManifestEntry* part_;  // --manifest/--part: the part (a region, or a part file)
    tbx_t* tbx_ = nullptr;        // a region's index: VCF text
    hts_idx_t* idx_bcf_ = nullptr;  // BCF
    hts_itr_t* itr_ = nullptr;
    std::int64_t first_ = 0;     // the region's first position
    bcf_hdr_t* hdr_ = nullptr;
    bcf1_t* rec_ = nullptr;
    std::vector<int> idx_;
    std::vector<std::string> names_;
    std::optional<Tags> tags_;
    std::vector<std::string> alleles_;
    bcf_fmt_t* gt_ = nullptr;  // the record's GT, encoded
    // VCF text read without htslib's parse: the line, the last FORMAT column and where its
    // keys go (a tag's index in Tags::all(), kGtSlot, -1), each sample's GT text
    bool text_ = false;
    kstring_t ks_ = KS_INITIALIZE;
    std::string format_;
    std::vector<int> slots_;
    static constexpr int kGtSlot = 100;
    std::vector<std::string_view> gt_text_;
    struct Dest {
        std::string_view* values;  // per sample
        const TagText* int_tag;    // an Integer tag's, to check
    };
    std::vector<Dest> dest_;
    int gt_id_ = -1, ploidy_ = 0, used_ = 0;
    std::uint64_t records_ = 0;
    std::string hp_block_;
    // VCF/BCF output: per sample, the first position of each block of the contig; the
    // contigs in order
    bool panel_ = false;  // read as a panel: VCF/BCF output without PS
    // --extended: the files, and per selected sample its file or nullptr
    std::vector<std::unique_ptr<Extension>> ext_;
    std::vector<Extension*> ext_by_col_;
    int last_rid_ = -1;
    std::string last_chrom_;
    std::vector<std::unordered_map<std::string, std::int64_t>> first_pos_;
    std::string primed_;  // the contig whose blocks before the region prime_blocks read
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

QuietHtsLog::QuietHtsLog() : level_(hts_get_log_level()) { hts_set_log_level(HTS_LOG_OFF); }
QuietHtsLog::~QuietHtsLog() { hts_set_log_level(static_cast<htsLogLevel>(level_)); }

TransformStats run_transform_vcf(const TransformOptions& o, htsFile* fp, const std::string& path, const ManifestEntry* part) {
    const QuietHtsLog quiet;
    return VcfTransform(o, fp, path, part).run();
}

}  // namespace m2h
