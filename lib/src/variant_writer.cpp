#include "variant_writer.hpp"

#include <htslib/bgzf.h>
#include <htslib/hfile.h>
#include <htslib/kstring.h>
#include <htslib/vcf.h>

#include <charconv>
#include <cstring>
#include <fmt/format.h>

#include "internal.hpp"
#include "m2h/error.hpp"

namespace m2h::detail {

VariantWriter::VariantWriter(std::string path, bool bcf, int threads, int level)
    : out_(path, vcf_write_mode(path, bcf, level), threads), bcf_(bcf) {
    rec_ = bcf_init();
    if (!rec_) file_error("cannot write", out_.path(), "out of memory");
}

VariantWriter::~VariantWriter() { bcf_destroy(rec_); }

void VariantWriter::write_header(bcf_hdr_t* hdr) {
    hdr_ = hdr;
    values_ = 2 * static_cast<std::size_t>(bcf_hdr_nsamples(hdr));
    gt_key_ = bcf_hdr_id2int(hdr, BCF_DT_ID, "GT");
    if (bcf_hdr_write(out_.get(), hdr) != 0) file_error("cannot write", out_.path(), errno_text());
}

void VariantWriter::write_bytes(std::string_view data) {
    htsFile* fp = out_.get();
    const ssize_t n = fp->format.compression == no_compression ? hwrite(fp->fp.hfile, data.data(), data.size())
                                                                : bgzf_write(fp->fp.bgzf, data.data(), data.size());
    if (n != static_cast<ssize_t>(data.size())) file_error("cannot write", out_.path(), errno_text());
}

void VariantWriter::write_records(std::string_view lines) {
    if (!bcf_) return write_bytes(lines);
    std::size_t start = 0;
    while (start < lines.size()) {
        const std::size_t end = lines.find('\n', start);
        encode_bcf(lines.substr(start, end - start));
        start = end + 1;
    }
}

// line: CHROM \t POS \t REF \t ALT \t then each sample's two GT values as BCF stores them
// (int8), as RowTransformer writes for BCF (no '\n'). The record is laid out as
// vcf_parse lays out the same VCF record (the tests compare the bytes), with htslib's own
// typed-value encoders: ID ".", the alleles, no FILTER, no INFO, and FORMAT GT as int8.
void VariantWriter::encode_bcf(std::string_view line) {
    const std::size_t t1 = line.find('\t');
    const std::string_view chrom = line.substr(0, t1);
    if (rid_ < 0 || chrom != chrom_) {
        chrom_.assign(chrom);
        rid_ = bcf_hdr_name2id(hdr_, chrom_.c_str());
        if (rid_ < 0) file_error("contig not in the VCF header of", out_.path(), chrom_);
    }
    const std::size_t t2 = line.find('\t', t1 + 1);
    std::int64_t pos = 0;
    std::from_chars(line.data() + t1 + 1, line.data() + t2, pos);
    const char* ref = line.data() + t2 + 1;
    const std::size_t alt_at = t2 + 3;  // after "REF\t"; the ALTs are single letters "A,C,..."
    const std::size_t alt_end = line.find('\t', alt_at);
    const std::size_t n = line.size() - (alt_end + 1);
    if (n != values_)
        file_error("cannot encode a BCF record for", out_.path(), "the sample count differs from the header");

    kstring_t* sh = &rec_->shared;
    sh->l = 0;
    int e = bcf_enc_size(sh, 0, BCF_BT_CHAR);  // ID "."
    e |= bcf_enc_vchar(sh, 1, ref);
    int alleles = 1;
    for (std::size_t a = alt_at; a < alt_end; a += 2, ++alleles) e |= bcf_enc_vchar(sh, 1, line.data() + a);
    e |= bcf_enc_vint(sh, 0, nullptr, -1);  // FILTER "."
    kstring_t* ind = &rec_->indiv;
    ind->l = 0;
    e |= bcf_enc_int1(ind, gt_key_);
    e |= bcf_enc_size(ind, 2, BCF_BT_INT8);
    if (e != 0 || ks_resize(ind, ind->l + n) != 0) file_error("cannot write", out_.path(), "out of memory");
    std::memcpy(ind->s + ind->l, line.data() + alt_end + 1, n);
    ind->l += n;

    rec_->rid = rid_;
    rec_->pos = pos - 1;
    rec_->rlen = 1;
    bcf_float_set_missing(rec_->qual);
    rec_->n_info = 0;
    rec_->n_allele = alleles;
    rec_->n_fmt = 1;
    rec_->n_sample = static_cast<std::uint32_t>(n / 2);
    if (bcf_write(out_.get(), hdr_, rec_) != 0) file_error("cannot write", out_.path(), errno_text());
}

void VariantWriter::commit(bool write_index, IndexFormat format) { out_.commit(write_index, format); }

}  // namespace m2h::detail
