#include "variant_writer.hpp"

#include <htslib/bgzf.h>
#include <htslib/hfile.h>
#include <htslib/hts_endian.h>
#include <htslib/kstring.h>
#include <htslib/vcf.h>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <vector>
#include <fmt/format.h>

#include "internal.hpp"
#include "m2h/error.hpp"

namespace m2h::detail {

VariantWriter::VariantWriter(std::string path, bool bcf, int threads, int level, bcf_hdr_t* hdr, bool spill, bool index)
    : out_(path, vcf_write_mode(path, bcf, level), threads, spill), bcf_(bcf), hdr_(hdr) {
    values_ = 2 * static_cast<std::size_t>(bcf_hdr_nsamples(hdr));
    gt_key_ = bcf_hdr_id2int(hdr, BCF_DT_ID, "GT");
    if (spill) open_spill(level);
    if (index && out_.get()->format.compression != no_compression) index_.emplace(out_.path());
}

VariantWriter::~VariantWriter() {
    close_spill();  // before the output's threads end
    ks_free(&buf_);
}

// The scratch stream: BGZF at the output's level on its threads, or plain for plain VCF.
void VariantWriter::open_spill(int level) {
    scratch_.emplace(out_.path());
    const bool compressed = out_.get()->format.compression != no_compression;
    std::string mode = "w";
    if (!compressed) mode += 'u';
    else if (level >= 0) mode += static_cast<char>('0' + level);
    const int fd = dup(scratch_->fd());
    hFILE* h = fd >= 0 ? hdopen(fd, "w") : nullptr;
    spill_ = h ? bgzf_hopen(h, mode.c_str()) : nullptr;
    if (!spill_) {
        if (h) hclose_abruptly(h);
        else if (fd >= 0) ::close(fd);
        file_error("cannot write scratch file beside", scratch_->where(), errno_text());
    }
    if (const htsThreadPool* pool = out_.pool(); compressed && pool && bgzf_thread_pool(spill_, pool->pool, pool->qsize) != 0)
        file_error("cannot start compression threads for", out_.path(), "out of memory");
}

void VariantWriter::close_spill() noexcept {
    if (spill_) bgzf_close(spill_);  // an anonymous file: an error here loses nothing
    spill_ = nullptr;
    scratch_.reset();
}

void VariantWriter::write_header() {
    htsFile* fp = out_.get();
    if (bcf_hdr_write(fp, hdr_) != 0) file_error("cannot write", out_.path(), errno_text());
    // BCF records from a block of their own, as htslib writes them from 1.20 on (and VCF
    // always): the spilled blocks can follow, and an index's first offset is a block's.
    if (bcf_ && bgzf_flush(fp->fp.bgzf) != 0) file_error("cannot write", out_.path(), errno_text());
    if (spill_) copy_spill();
}

// The spilled blocks, finished, copied after the header as they are. The scratch stream is
// flushed, not closed, before the copy: its end-of-file block comes only after it.
void VariantWriter::copy_spill() {
    const std::string& where = scratch_->where();
    if ((spill_->is_compressed && bgzf_flush(spill_) != 0) || hflush(spill_->fp) != 0)
        file_error("cannot write scratch file beside", where, errno_text());
    const off_t size = htell(spill_->fp);
    htsFile* fp = out_.get();
    std::vector<char> chunk(std::min<off_t>(size, 1 << 20));
    for (off_t at = 0; at < size;) {
        const ssize_t got = pread(scratch_->fd(), chunk.data(), std::min<off_t>(size - at, chunk.size()), at);
        if (got <= 0) file_error("cannot read scratch file beside", where, got < 0 ? errno_text() : "it is shorter than written");
        const ssize_t put = fp->format.compression == no_compression ? hwrite(fp->fp.hfile, chunk.data(), got)
                                                                     : bgzf_raw_write(fp->fp.bgzf, chunk.data(), got);
        if (put != got) file_error("cannot write", out_.path(), errno_text());
        at += got;
    }
    close_spill();
}

void VariantWriter::write_bytes(std::string_view data) {
    htsFile* fp = out_.get();
    const ssize_t n = spill_                                          ? bgzf_write(spill_, data.data(), data.size())
                      : fp->format.compression == no_compression ? hwrite(fp->fp.hfile, data.data(), data.size())
                                                                 : bgzf_write(fp->fp.bgzf, data.data(), data.size());
    if (n != static_cast<ssize_t>(data.size()))
        file_error(spill_ ? "cannot write scratch file beside" : "cannot write", spill_ ? scratch_->where() : out_.path(),
                   errno_text());
}

void VariantWriter::write_records(std::string_view lines, int rid) {
    if (!bcf_) {
        if (index_) note_vcf_records(lines, rid);
        write_bytes(lines);
        records_ += lines.size();
        return;
    }
    // The records of a batch laid out one after the other, then written at once.
    buf_.l = 0;
    std::size_t start = 0;
    while (start < lines.size()) {
        const std::size_t end = lines.find('\n', start);
        const std::int64_t pos = encode_bcf(lines.substr(start, end - start), rid);
        if (index_) index_->add(rid, pos, records_ + buf_.l);
        start = end + 1;
    }
    write_bytes(std::string_view(buf_.s ? buf_.s : "", buf_.l));
    records_ += buf_.l;
}

// Each VCF line's position (after CHROM's tab) and end, for the index.
void VariantWriter::note_vcf_records(std::string_view lines, int rid) {
    const char* p = lines.data();
    const char* const end = p + lines.size();
    while (p < end) {
        const char* tab = static_cast<const char*>(std::memchr(p, '\t', end - p));
        const char* nl = static_cast<const char*>(std::memchr(tab, '\n', end - tab));
        std::int64_t pos = 0;
        std::from_chars(tab + 1, nl, pos);
        p = nl + 1;
        index_->add(rid, pos, records_ + (p - lines.data()));
    }
}

// line: CHROM \t POS \t REF \t ALT \t then each sample's two GT values as BCF stores them
// (int8), as RowTransformer writes for BCF (no '\n'). Appended to buf_ as a BCF2 record,
// laid out as htslib lays out the same VCF record (vcf_parse, then bcf_write; the tests
// compare the bytes), with htslib's own typed-value encoders: the fixed part (lengths,
// contig, position, rlen, QUAL missing, counts), then ID ".", the alleles, no FILTER, no
// INFO, and FORMAT GT as int8.
std::int64_t VariantWriter::encode_bcf(std::string_view line, int rid) {
    const std::size_t t1 = line.find('\t');
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
    i32_to_le(rid, x + 8);
    u32_to_le(static_cast<std::uint32_t>(pos - 1), x + 12);
    u32_to_le(1, x + 16);  // rlen: REF is one base
    float_to_le(qual, x + 20);
    u16_to_le(0, x + 24);  // no INFO
    u16_to_le(static_cast<std::uint16_t>(alleles), x + 26);
    u32_to_le(1u << 24 | static_cast<std::uint32_t>(n / 2), x + 28);  // one FORMAT field, the samples
    return pos;
}

void VariantWriter::commit(IndexFormat format) {
    if (!index_) return out_.commit(false);
    const bool tbi = !bcf_ && format == IndexFormat::kTbi;
    out_.commit(true, format, [&](const std::string& data, const std::string& index) {
        return index_->save(data, index, hdr_, !bcf_, tbi, records_);
    });
}

}  // namespace m2h::detail
