// m2h-split of a VCF or BCF. The file is read once (sites only: CHROM and POS) and cut into
// parts of whole positions: per contig, per N records or per N bytes of records, a part
// never spanning two contigs. With --ranges nothing is copied: each part is a region of the
// indexed file (a region manifest: m2h-transform --manifest --part queries the index and
// keeps the records whose POS is in it). Otherwise each part is written as a file of the
// input's kind (.vcf.gz or .bcf) with the header. Contigs must come together and positions
// in order within one, as for an index.
#include <htslib/bgzf.h>
#include <htslib/hts.h>
#include <htslib/kseq.h>
#include <htslib/kstring.h>
#include <htslib/tbx.h>
#include <htslib/vcf.h>

#include <charconv>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <unordered_set>

#include "internal.hpp"
#include "m2h/error.hpp"
#include "m2h/names.hpp"
#include "m2h/progress.hpp"
#include "m2h/split.hpp"
#include "m2h/vcf.hpp"

namespace m2h {

namespace {

class VariantSplit {
public:
    VariantSplit(const SplitOptions& o, htsFile* fp) : o_(o), fp_(fp) {}
    ~VariantSplit() {
        out_.reset();
        std::error_code ec;
        if (!done_)  // a failed split leaves no part behind, the ones completed included
            for (const auto& f : written_) std::filesystem::remove(f, ec);
        if (!done_ && !built_.empty()) std::filesystem::remove(built_, ec);
        if (rec_) bcf_destroy(rec_);
        if (hdr_) bcf_hdr_destroy(hdr_);
        if (fp_) hts_close(fp_);
        ks_free(&ks_);
    }

    std::vector<ManifestEntry> run() {
        text_ = fp_->format.format == vcf;
        if (o_.ranges) check_index();
        if (o_.threads > 0) hts_set_threads(fp_, o_.threads);
        hdr_ = bcf_hdr_read(fp_);
        if (!hdr_) file_error("cannot read the VCF header of", o_.input, "not a VCF or BCF header");
        rec_ = bcf_init();
        if (!rec_) throw std::bad_alloc();
        Progress progress(o_.progress);
        std::string_view chrom;
        std::int64_t pos = 0;
        std::uint64_t bytes = 0;
        while (next(chrom, pos, bytes)) {
            ++records_;
            place(chrom, pos, bytes);
            progress.update(records_, 0);
        }
        progress.finish(records_, 0);
        if ((fp_->format.compression == bgzf || fp_->format.compression == gzip) && fp_->fp.bgzf &&
            (fp_->fp.bgzf->errcode || (fp_->format.compression == bgzf && !fp_->fp.bgzf->last_block_eof)))
            file_error("truncated or corrupt compressed file", o_.input, "the compressed data ends early or is damaged");
        if (entries_.empty()) file_error("no records in", o_.input, "nothing to split");
        close_part();
        write_manifest(o_.outdir + "/manifest.tsv", entries_);
        done_ = true;
        return entries_;
    }

private:
    // --ranges: the parts are regions of the file, read through its index: its own (.csi
    // or .tbi beside it) or, without one, an index built into the output directory (the
    // input's directory may not be ours to write).
    void check_index() {
        if (fp_->format.compression != bgzf)
            usage_error(fmt::format("--ranges reads the parts of '{}' through an index: compress it with bgzip, "
                                    "or split without --ranges",
                                    o_.input));
        path_ = std::filesystem::canonical(o_.input).string();
        const bool is_bcf = fp_->format.format == bcf;
        hts_idx_t* idx = hts_idx_load3(path_.c_str(), nullptr, is_bcf ? HTS_FMT_CSI : HTS_FMT_TBI, HTS_IDX_SILENT_FAIL);
        const std::string own = o_.outdir + "/" + std::string(kRegionIndexFile);
        std::error_code ec;
        if (idx) {
            hts_idx_destroy(idx);
            std::filesystem::remove(own, ec);  // an earlier split's, of another file
            return;
        }
        const std::string tmp = own + ".tmp";
        const int r = is_bcf ? bcf_index_build3(path_.c_str(), tmp.c_str(), 14, o_.threads)
                             : tbx_index_build3(path_.c_str(), tmp.c_str(), 14, o_.threads, &tbx_conf_vcf);
        if (r != 0) {
            std::filesystem::remove(tmp, ec);
            file_error("cannot index", o_.input,
                       r == -2 ? "it is not BGZF-compressed" : "htslib cannot (unsorted records, or a damaged file?)");
        }
        std::filesystem::rename(tmp, own, ec);
        if (ec) file_error("cannot write", own, ec.message());
        built_ = own;
    }

    // The next record's CHROM, POS and size; false at the end.
    bool next(std::string_view& chrom, std::int64_t& pos, std::uint64_t& bytes) {
        if (text_) {
            for (;;) {
                const int r = hts_getline(fp_, KS_SEP_LINE, &ks_);
                if (r == -1) return false;
                if (r < -1) file_error("truncated or corrupt compressed file", o_.input, "the data ends early or is damaged");
                if (ks_.l) break;
            }
            const std::string_view line(ks_.s, ks_.l);
            const std::size_t t1 = line.find('\t'), t2 = t1 == line.npos ? t1 : line.find('\t', t1 + 1);
            if (t2 == line.npos) fail("fewer than 8 columns");
            chrom = line.substr(0, t1);
            const std::string_view p = line.substr(t1 + 1, t2 - t1 - 1);
            const auto r = std::from_chars(p.data(), p.data() + p.size(), pos);
            if (r.ec != std::errc() || r.ptr != p.data() + p.size() || pos < 1)
                fail(fmt::format("POS '{}' is not a number from 1 up", p));
            bytes = ks_.l + 1;
            return true;
        }
        const int r = bcf_read(fp_, hdr_, rec_);
        if (r == -1) return false;
        if (r < -1 || (rec_->errcode & ~(BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF))) fail("htslib cannot parse it");
        chrom = bcf_seqname_safe(hdr_, rec_);
        pos = rec_->pos + 1;
        bytes = rec_->shared.l + rec_->indiv.l + 8;
        return true;
    }

    [[noreturn]] void fail(const std::string& detail) const {
        data_error(text_ ? "bad VCF record" : "bad BCF record", o_.input,
                   text_ ? static_cast<std::uint64_t>(fp_->lineno) : records_, detail);
    }

    // The record into the current part, or a new one: a contig's first record, or (by rows
    // or size) the first at a new position once the part holds enough.
    void place(std::string_view chrom, std::int64_t pos, std::uint64_t bytes) {
        const bool same_contig = !entries_.empty() && chrom == contig_;
        if (same_contig && pos < last_pos_)
            fail(fmt::format("POS {} after {} in '{}': the file is not sorted (sort it: bcftools sort)", pos, last_pos_, contig_));
        bool cut = !same_contig;
        if (same_contig && pos != last_pos_) {
            const ManifestEntry& e = entries_.back();
            cut = (o_.by == SplitBy::kRows && e.rows >= o_.rows_per_part) ||
                  (o_.by == SplitBy::kSize && e.bytes >= o_.part_bytes);
        }
        if (!same_contig) {
            if (seen_.count(std::string(chrom)))
                fail(fmt::format("contig '{}' comes back after '{}': its records must come together (sort it: bcftools sort)",
                                 chrom, contig_));
            seen_.emplace(chrom);
        }
        if (cut) open_part(chrom, pos);
        ManifestEntry& e = entries_.back();
        ++e.rows;
        e.bytes += bytes;
        last_pos_ = pos;
        if (out_) write_record();
    }

    void open_part(std::string_view chrom, std::int64_t pos) {
        close_part();
        closed_ = false;
        contig_.assign(chrom);
        ManifestEntry e;
        e.part = entries_.size() + 1;
        e.key = contig_;
        first_pos_ = pos;
        if (o_.ranges) {
            e.path = path_;
        } else {
            e.path = part_file_stem(e.part, contig_) + (text_ ? ".vcf.gz" : ".bcf");
            out_.emplace(o_.outdir + "/" + e.path, text_ ? "wz" : "wb", o_.threads);
            if (bcf_hdr_write(out_->get(), hdr_) < 0) file_error("cannot write", out_->path(), detail::errno_text());
        }
        entries_.push_back(std::move(e));
    }

    // The part's region (its contig, first and last position: the key of a part by rows or
    // size), and its file completed.
    void close_part() {
        if (entries_.empty() || closed_) return;
        ManifestEntry& e = entries_.back();
        const std::string span = fmt::format("{}:{}-{}", contig_, first_pos_, last_pos_);
        if (o_.ranges) e.region = span;
        if (o_.by != SplitBy::kChrom) e.key = span;
        if (out_) {
            out_->commit(false);
            written_.push_back(o_.outdir + "/" + e.path);
            std::error_code ec;
            e.bytes = std::filesystem::file_size(o_.outdir + "/" + e.path, ec);
            out_.reset();
        }
        closed_ = true;
    }

    void write_record() {
        if (text_) {
            BGZF* z = hts_get_bgzfp(out_->get());
            if (bgzf_write(z, ks_.s, ks_.l) < 0 || bgzf_write(z, "\n", 1) < 0)
                file_error("cannot write", out_->path(), detail::errno_text());
        } else if (bcf_write(out_->get(), hdr_, rec_) < 0) {
            file_error("cannot write", out_->path(), detail::errno_text());
        }
    }

    const SplitOptions& o_;
    htsFile* fp_;
    std::string path_;  // --ranges: the file's absolute path
    bcf_hdr_t* hdr_ = nullptr;
    bcf1_t* rec_ = nullptr;
    kstring_t ks_ = KS_INITIALIZE;
    bool text_ = false, closed_ = false, done_ = false;
    std::vector<std::string> written_;  // the part files completed
    std::string built_;                 // the index built into the output directory
    std::uint64_t records_ = 0;
    std::vector<ManifestEntry> entries_;
    std::string contig_;
    std::unordered_set<std::string> seen_;
    std::int64_t first_pos_ = 0, last_pos_ = 0;
    std::optional<HtsOutput> out_;
};

}  // namespace

std::vector<ManifestEntry> split_variants(const SplitOptions& o, htsFile* fp) {
    const QuietHtsLog quiet;
    return VariantSplit(o, fp).run();
}

}  // namespace m2h
