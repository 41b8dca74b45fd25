#include "variant_writer.hpp"

#include <htslib/bgzf.h>
#include <htslib/hfile.h>
#include <htslib/hts_endian.h>
#include <htslib/kstring.h>
#include <htslib/vcf.h>

#include <charconv>
#include <cstring>
#include <fmt/format.h>

#include "internal.hpp"
#include "m2h/error.hpp"

namespace m2h::detail {

VariantWriter::VariantWriter(std::string path, bool bcf, int threads, int level)
    : out_(path, vcf_write_mode(path, bcf, level), threads), bcf_(bcf) {}

VariantWriter::~VariantWriter() { ks_free(&buf_); }

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
    // The records of a batch laid out one after the other, then written at once.
    buf_.l = 0;
    std::size_t start = 0;
    while (start < lines.size()) {
        const std::size_t end = lines.find('\n', start);
        encode_bcf(lines.substr(start, end - start));
        start = end + 1;
    }
    write_bytes(std::string_view(buf_.s ? buf_.s : "", buf_.l));
}

// line: CHROM \t POS \t REF \t ALT \t then each sample's two GT values as BCF stores them
// (int8), as RowTransformer writes for BCF (no '\n'). Appended to buf_ as a BCF2 record,
// laid out as htslib lays out the same VCF record (vcf_parse, then bcf_write; the tests
// compare the bytes), with htslib's own typed-value encoders: the fixed part (lengths,
// contig, position, rlen, QUAL missing, counts), then ID ".", the alleles, no FILTER, no
// INFO, and FORMAT GT as int8.
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

    const std::size_t at = buf_.l;
    int e = ks_resize(&buf_, at + 32) != 0;  // the fixed part, filled in below
    buf_.l = at + 32;
    e |= bcf_enc_size(&buf_, 0, BCF_BT_CHAR);  // ID "."
    e |= bcf_enc_vchar(&buf_, 1, ref);
    int alleles = 1;
    for (std::size_t a = alt_at; a < alt_end; a += 2, ++alleles) e |= bcf_enc_vchar(&buf_, 1, line.data() + a);
    e |= bcf_enc_vint(&buf_, 0, nullptr, -1);  // FILTER "."
    const std::size_t shared = buf_.l - (at + 32);
    e |= bcf_enc_int1(&buf_, gt_key_);
    e |= bcf_enc_size(&buf_, 2, BCF_BT_INT8);
    if (e != 0 || ks_resize(&buf_, buf_.l + n) != 0) file_error("cannot write", out_.path(), "out of memory");
    std::memcpy(buf_.s + buf_.l, line.data() + alt_end + 1, n);
    buf_.l += n;
    const std::size_t indiv = buf_.l - (at + 32 + shared);

    auto* x = reinterpret_cast<std::uint8_t*>(buf_.s + at);
    float qual;
    bcf_float_set_missing(qual);
    u32_to_le(static_cast<std::uint32_t>(shared + 24), x);  // the shared part counts the six words after
    u32_to_le(static_cast<std::uint32_t>(indiv), x + 4);
    i32_to_le(rid_, x + 8);
    u32_to_le(static_cast<std::uint32_t>(pos - 1), x + 12);
    u32_to_le(1, x + 16);  // rlen: REF is one base
    float_to_le(qual, x + 20);
    u16_to_le(0, x + 24);  // no INFO
    u16_to_le(static_cast<std::uint16_t>(alleles), x + 26);
    u32_to_le(1u << 24 | static_cast<std::uint32_t>(n / 2), x + 28);  // one FORMAT field, the samples
}

void VariantWriter::commit(bool write_index, IndexFormat format) { out_.commit(write_index, format); }

}  // namespace m2h::detail
