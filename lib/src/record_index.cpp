#include "record_index.hpp"

#include <htslib/hts.h>
#include <htslib/hts_endian.h>
#include <htslib/hts_log.h>
#include <htslib/tbx.h>
#include <htslib/vcf.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string_view>

#include "m2h/error.hpp"

namespace m2h::detail {

namespace {

// The blocks of a closed BGZF file, in order: each one's compressed address and
// uncompressed size, read from its header (BSIZE) and its last four bytes (ISIZE).
class BlockWalk {
public:
    // path: the file; name: the output it becomes, for errors.
    BlockWalk(const std::string& path, const std::string& name)
        : name_(name), fd_{::open(path.c_str(), O_RDONLY | O_CLOEXEC)} {
        if (fd_.v < 0) file_error("cannot index", name_, errno_text());
        const off_t size = ::lseek(fd_.v, 0, SEEK_END);
        if (size < 0) file_error("cannot index", name_, errno_text());
        size_ = static_cast<std::uint64_t>(size);
        read_block();
    }

    std::uint64_t address() const { return address_; }
    std::uint64_t start() const { return start_; }  // uncompressed bytes before the block
    std::uint32_t size() const { return usize_; }
    // Moves to the next block; false at the last one (which stays current).
    bool next() {
        if (next_ >= size_) return false;
        start_ += usize_;
        address_ = next_;
        read_block();
        return true;
    }

private:
    void read_block() {
        std::uint8_t h[18];
        std::uint8_t tail[4];
        if (!read_at(h, sizeof h, address_) || h[0] != 31 || h[1] != 139 || h[2] != 8 || !(h[3] & 4) ||
            le_to_u16(h + 10) != 6 || h[12] != 'B' || h[13] != 'C' || le_to_u16(h + 14) != 2)
            file_error("cannot index", name_, "not a BGZF file as written");
        next_ = address_ + le_to_u16(h + 16) + 1;
        if (next_ > size_ || !read_at(tail, sizeof tail, next_ - 4))
            file_error("cannot index", name_, "its last BGZF block is cut short");
        usize_ = le_to_u32(tail);
    }
    bool read_at(std::uint8_t* p, std::size_t n, std::uint64_t at) {
        const ssize_t got = ::pread(fd_.v, p, n, static_cast<off_t>(at));
        if (got < 0) file_error("cannot index", name_, errno_text());
        return static_cast<std::size_t>(got) == n;
    }

    struct Fd {  // closed even when the constructor throws
        explicit Fd(int fd) : v(fd) {}
        ~Fd() { if (v >= 0) ::close(v); }
        Fd(const Fd&) = delete;
        Fd& operator=(const Fd&) = delete;
        int v;
    };
    const std::string& name_;
    Fd fd_;
    std::uint64_t size_ = 0, address_ = 0, next_ = 0, start_ = 0;
    std::uint32_t usize_ = 0;
};

// The levels htslib's indexers give a CSI index: enough for the longest contig in the
// header (with 256 to spare) from `levels` up; with no lengths, a BCF is sized for 2^31.
int csi_levels(const bcf_hdr_t* hdr, int min_shift, int levels, bool vcf) {
    std::int64_t longest = 0;
    for (int i = 0; i < hdr->n[BCF_DT_CTG]; ++i)
        if (hdr->id[BCF_DT_CTG][i].val && hdr->id[BCF_DT_CTG][i].val->info[0] > static_cast<std::uint64_t>(longest))
            longest = static_cast<std::int64_t>(hdr->id[BCF_DT_CTG][i].val->info[0]);
    if (!longest && !vcf) longest = (std::int64_t{1} << 31) - 1;
    for (std::int64_t s = std::int64_t{1} << (min_shift + 3 * levels); longest + 256 > s; s <<= 3) ++levels;
    return levels;
}

int header_contigs(const bcf_hdr_t* hdr) {
    int n = 0;
    for (int i = 0; i < hdr->n[BCF_DT_CTG]; ++i) n += hdr->id[BCF_DT_CTG][i].val != nullptr;
    return n;
}

// An empty index laid out as htslib's indexers start one; for VCF with tabix's settings
// (TBX_VCF: name in column 1, position in 2, '#' lines skipped), the names added as the
// records name them.
hts_idx_t* new_index(const bcf_hdr_t* hdr, bool vcf, bool tbi, std::uint64_t first_offset) {
    if (!vcf) return hts_idx_init(header_contigs(hdr), HTS_FMT_CSI, first_offset, 14, csi_levels(hdr, 14, 0, false));
    hts_idx_t* idx = tbi ? hts_idx_init(0, HTS_FMT_TBI, first_offset, 14, 5)
                         : hts_idx_init(0, HTS_FMT_CSI, first_offset, 14, csi_levels(hdr, 14, (TBX_MAX_SHIFT - 14 + 2) / 3, true));
    std::uint8_t conf[28];
    const std::uint32_t values[7] = {TBX_VCF, 1, 2, 0, '#', 0, 0};  // the last: the names' length
    for (int i = 0; i < 7; ++i) u32_to_le(values[i], conf + 4 * i);
    if (idx && hts_idx_set_meta(idx, sizeof conf, conf, 1) != 0) {
        hts_idx_destroy(idx);
        return nullptr;
    }
    return idx;
}

void put_varint(std::vector<std::uint8_t>& out, std::uint64_t v) {
    for (; v >= 0x80; v >>= 7) out.push_back(static_cast<std::uint8_t>(v | 0x80));
    out.push_back(static_cast<std::uint8_t>(v));
}

// A varint from [p, end), p moved past it; false when it runs past end.
bool get_varint(const std::uint8_t*& p, const std::uint8_t* end, std::uint64_t& v) {
    v = 0;
    for (int shift = 0; p < end && shift < 64; shift += 7) {
        const std::uint8_t b = *p++;
        v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) return true;
    }
    return false;
}

}  // namespace

RecordIndex::RecordIndex(const std::string& output) : name_(output), scratch_(output) { notes_.reserve(kChunk + kMaxNote); }

void RecordIndex::add(int rid, std::int64_t pos, std::uint64_t end, std::uint32_t rlen) {
    if (rid != last_rid_) {
        notes_.push_back(0);
        put_varint(notes_, static_cast<std::uint32_t>(rid));
        last_rid_ = rid;
    }
    put_varint(notes_, end - last_end_);
    const std::uint64_t d = static_cast<std::uint64_t>(pos) - static_cast<std::uint64_t>(last_pos_);
    const std::uint64_t z = (d << 1) ^ (0 - (d >> 63));  // zigzag: small either way
    put_varint(notes_, z << 1 | (rlen != 1));
    if (rlen != 1) put_varint(notes_, rlen);
    last_end_ = end;
    last_pos_ = pos;
    if (notes_.size() >= kChunk) flush_notes();
}

void RecordIndex::flush_notes() {
    write_all(scratch_.fd(), reinterpret_cast<const char*>(notes_.data()), notes_.size(), "cannot write scratch file beside",
              scratch_.where());
    flushed_ += notes_.size();
    notes_.clear();
}

bool RecordIndex::save(const std::string& data, const std::string& index_path, const bcf_hdr_t* hdr, bool vcf,
                       bool tbi, std::uint64_t records) {
    flush_notes();
    // The records are the last `records` bytes of the stream and start a block (the header
    // is flushed before them): find that block.
    BlockWalk all(data, name_);
    while (all.next()) {}
    const std::uint64_t total = all.start() + all.size();
    BlockWalk blocks(data, name_);
    const std::uint64_t header = total - records;
    while (blocks.start() < header && blocks.next()) {}
    if (blocks.start() != header) file_error("cannot index", name_, "its records do not start a BGZF block");

    std::unique_ptr<hts_idx_t, decltype(&hts_idx_destroy)> idx(new_index(hdr, vcf, tbi, blocks.address() << 16),
                                                               hts_idx_destroy);
    if (!idx) file_error("cannot index", name_, "out of memory");
    // The notes read back a chunk at a time; a record's notes may straddle two chunks, so
    // what is left of one moves to the front before the next is read.
    std::vector<std::uint8_t>& in = notes_;
    in.resize(kChunk + kMaxNote);
    std::size_t have = 0, at = 0;
    std::uint64_t read = 0, end = 0;
    std::int64_t pos = 0;
    int rid = -1, tid = -1;
    // TBI names contigs as they come, so one that comes back would be named twice, where
    // htslib's indexer refuses it (BCF's are the header's numbers: hts_idx_push refuses).
    std::vector<bool> seen(static_cast<std::size_t>(std::max(hdr->n[BCF_DT_CTG], 0)));
    for (;;) {
        if (have - at < kMaxNote && read < flushed_) {
            std::memmove(in.data(), in.data() + at, have - at);
            have -= at;
            at = 0;
            const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(in.size() - have, flushed_ - read));
            const ssize_t got = ::pread(scratch_.fd(), in.data() + have, want, static_cast<off_t>(read));
            if (got != static_cast<ssize_t>(want))
                file_error("cannot read scratch file beside", scratch_.where(), got < 0 ? errno_text() : "it is shorter than written");
            have += want;
            read += want;
        }
        if (at == have) break;
        const std::uint8_t* p = in.data() + at;
        const std::uint8_t* const stop = in.data() + have;
        std::uint64_t step = 0, z = 0, r = 0, rlen = 1;
        bool ok = get_varint(p, stop, step);
        if (ok && step == 0) {  // another contig; TBI numbers contigs as they come, and names them
            ok = get_varint(p, stop, r) && get_varint(p, stop, step);
            rid = static_cast<int>(r);
            if (vcf && rid >= 0 && static_cast<std::size_t>(rid) < seen.size()) {
                if (seen[rid]) {
                    hts_log_error("Chromosome blocks not continuous");
                    return false;
                }
                seen[static_cast<std::size_t>(rid)] = true;
            }
            tid = vcf ? hts_idx_tbi_name(idx.get(), rid, bcf_hdr_id2name(hdr, rid)) : rid;
            if (tid < 0) file_error("cannot index", name_, "out of memory");
        }
        ok = ok && get_varint(p, stop, z) && rid >= 0 && (!(z & 1) || get_varint(p, stop, rlen));
        z >>= 1;
        if (!ok) file_error("cannot read scratch file beside", scratch_.where(), "its notes are cut short");
        at = static_cast<std::size_t>(p - in.data());
        end += step;
        pos = static_cast<std::int64_t>(static_cast<std::uint64_t>(pos) + ((z >> 1) ^ (0 - (z & 1))));
        const std::uint64_t u = header + end;
        while (u >= blocks.start() + blocks.size() && blocks.next()) {}
        if (hts_idx_push(idx.get(), tid, pos - 1, pos - 1 + static_cast<std::int64_t>(rlen), blocks.address() << 16 | (u - blocks.start()), 1) != 0)
            return false;
    }
    while (blocks.next()) {}  // the end-of-file block: where the index ends
    if (hts_idx_finish(idx.get(), blocks.address() << 16) != 0) file_error("cannot index", name_, "out of memory");
    errno = 0;
    if (hts_idx_save_as(idx.get(), nullptr, index_path.c_str(), tbi ? HTS_FMT_TBI : HTS_FMT_CSI) != 0)
        file_error("cannot write index of", name_, errno_text());
    return true;
}

void RecordScanner::feed(const char* p, std::size_t n) {
    if (!usable_ || n == 0) return;
    if (bcf_) feed_bcf(p, n);
    else feed_vcf(p, n);
}

void RecordScanner::end_part() {
    if (!prefix_.empty() || rest_ || skip_) usable_ = false;
}

void RecordScanner::feed_vcf(const char* p, std::size_t n) {
    while (n && usable_) {
        if (rest_) {  // the samples' columns, skipped whole
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', n));
            const std::size_t k = nl ? static_cast<std::size_t>(nl - p) + 1 : n;
            offset_ += k;
            p += k;
            n -= k;
            if (nl) {
                rest_ = false;
                vcf_line();
            }
            continue;
        }
        std::size_t i = 0;
        bool line_end = false;
        for (; i < n; ++i) {
            if (p[i] == '\n') {
                line_end = true;
                break;
            }
            if (p[i] == '\t' && ++tabs_ == 8) {
                rest_ = true;
                break;
            }
        }
        prefix_.append(p, i);
        if (prefix_.size() > kMaxPrefix) usable_ = false;
        const std::size_t k = i < n ? i + 1 : n;  // the newline or the 8th tab too
        offset_ += k;
        p += k;
        n -= k;
        if (line_end) vcf_line();
    }
}

// As htslib's tabix reads a VCF line (TBX_VCF): POS's base before it to the end of REF,
// or to INFO/END; the simple lines only.
void RecordScanner::vcf_line() {
    std::string_view f[8];
    std::string_view line(prefix_);
    int cols = 0;
    for (std::size_t b = 0; cols < 8;) {
        const std::size_t t = line.find('\t', b);
        f[cols++] = line.substr(b, t == std::string_view::npos ? std::string_view::npos : t - b);
        if (t == std::string_view::npos) break;
        b = t + 1;
    }
    // POS: decimal without a leading zero (tabix reads 0x and 0 prefixes as hex and octal).
    const std::string_view pos = f[1];
    bool ok = cols == 8 && !f[0].empty() && f[0][0] != '#' && !pos.empty() && pos.size() <= 18 && pos[0] != '0' &&
              f[3].size() < (std::size_t{1} << 31) && f[7].find("END=") == std::string_view::npos;
    std::int64_t value = 0;
    for (char c : pos) {
        ok = ok && c >= '0' && c <= '9';
        value = value * 10 + (c - '0');
    }
    if (ok && f[0] != contig_) {
        contig_ = f[0];
        rid_ = bcf_hdr_name2id(hdr_, contig_.c_str());
    }
    if (!ok || rid_ < 0) {
        usable_ = false;
        return;
    }
    index_.add(rid_, value, offset_, f[3].empty() ? 1 : static_cast<std::uint32_t>(f[3].size()));
    prefix_.clear();
    tabs_ = 0;
}

void RecordScanner::feed_bcf(const char* p, std::size_t n) {
    while (n && usable_) {
        if (skip_) {
            const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(skip_, n));
            skip_ -= k;
            offset_ += k;
            p += k;
            n -= k;
        } else {
            const std::size_t k = std::min(kBcfHead - prefix_.size(), n);
            prefix_.append(p, k);
            offset_ += k;
            p += k;
            n -= k;
            if (prefix_.size() < kBcfHead) return;
            const auto* h = reinterpret_cast<const std::uint8_t*>(prefix_.data());
            const std::uint32_t shared = le_to_u32(h), indiv = le_to_u32(h + 4);
            const std::int32_t rid = le_to_i32(h + 8), rlen = le_to_i32(h + 16);
            if (shared < kBcfHead - 8 || rid < 0 || rlen < 0) {
                usable_ = false;
                return;
            }
            rid_ = rid;
            pos_ = std::int64_t{le_to_i32(h + 12)} + 1;
            rlen_ = static_cast<std::uint32_t>(rlen);
            skip_ = std::uint64_t{shared} - (kBcfHead - 8) + indiv;
            prefix_.clear();
        }
        if (!skip_) index_.add(rid_, pos_, offset_, rlen_);
    }
}

}  // namespace m2h::detail
