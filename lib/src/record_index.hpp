// The index (CSI, or TBI for VCF) of the records a writer lays out in a BGZF file, built
// without reading the file back. While writing, the writer notes each record's contig,
// position and where it ends in the uncompressed stream of records. Once the file is
// closed, its blocks' headers give each block's compressed address and uncompressed size,
// which turn those ends into the virtual offsets htslib's indexer reads when it indexes
// the file (an offset at a block's end is the next block's start), so the index is the
// one `bcftools index` writes, byte for byte. The notes go to an anonymous scratch file
// beside the output, a few bytes a record: memory stays bounded whatever their number.
// Internal to the core library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "internal.hpp"

typedef struct bcf_hdr_t bcf_hdr_t;

namespace m2h::detail {

class RecordIndex {
public:
    // output: the file indexed (its name in errors; the notes go beside it).
    explicit RecordIndex(const std::string& output);

    // A record of contig rid (its number in the header) at 1-based pos, spanning rlen
    // bases (0 or more), ending `end` bytes into the records (the bytes written after the
    // header).
    void add(int rid, std::int64_t pos, std::uint64_t end, std::uint32_t rlen = 1);

    // Writes the index of data, the closed BGZF file whose last `records` uncompressed
    // bytes are the records noted, to index_path: for VCF (tbi or CSI) as htslib's tabix
    // indexer makes it, for BCF (CSI) as its BCF indexer does. False when the records
    // cannot be indexed (positions out of order, a contig not contiguous, a position past
    // the format's limit; htslib says which); a file error throws.
    bool save(const std::string& data, const std::string& index_path, const bcf_hdr_t* hdr, bool vcf, bool tbi,
              std::uint64_t records);

private:
    // The notes are varints of each record's differences from the one before: its end's
    // (never 0), its position's (zigzag: positions may go back, and indexing then fails),
    // shifted left by one bit that says whether its length follows (when not 1); a 0 and
    // the contig's number go before a record of another contig. 2 or 3 bytes a record in
    // practice.
    static constexpr std::size_t kChunk = 256 * 1024;  // notes held, and read back, at a time
    static constexpr std::size_t kMaxNote = 32;        // the most bytes one record's notes take
    void flush_notes();

    std::string name_;
    ScratchFile scratch_;
    std::vector<std::uint8_t> notes_;  // not yet in the scratch file
    std::uint64_t flushed_ = 0;        // bytes of notes in the scratch file
    int last_rid_ = -1;
    std::int64_t last_pos_ = 0;
    std::uint64_t last_end_ = 0;
};

// Notes the records of a VCF or BCF stream for a RecordIndex as its bytes go by, in any
// pieces (m2h-merge's copied blocks, after the header). Only records htslib's indexers
// read as it does are noted: a VCF line whose POS is not plain decimal, whose INFO names
// an END, with fewer than 8 columns or a contig not in the header, or a BCF record cut
// short, makes usable() false, and the caller has htslib index the file instead.
class RecordScanner {
public:
    // index: where the notes go; hdr: the output's header (contig numbers); bcf: BCF records,
    // else VCF lines.
    RecordScanner(RecordIndex& index, const bcf_hdr_t* hdr, bool bcf) : index_(index), hdr_(hdr), bcf_(bcf) {}

    void feed(const char* p, std::size_t n);
    // A part's records end here: a record left unfinished makes the notes unusable.
    void end_part();
    bool usable() const { return usable_; }
    std::uint64_t bytes() const { return offset_; }  // the records' bytes fed so far

private:
    static constexpr std::size_t kMaxPrefix = 1 << 20;  // VCF columns 1-8 kept, at most
    static constexpr std::size_t kBcfHead = 20;         // BCF: the two lengths, CHROM, POS, rlen
    void feed_vcf(const char* p, std::size_t n);
    void feed_bcf(const char* p, std::size_t n);
    void vcf_line();  // a whole line's columns 1-8 are in prefix_

    RecordIndex& index_;
    const bcf_hdr_t* hdr_;
    bool bcf_, usable_ = true;
    std::uint64_t offset_ = 0;
    std::string prefix_;      // VCF: the current line up to its 8th tab; BCF: its first bytes
    int tabs_ = 0;            // VCF: tabs in prefix_
    bool rest_ = false;       // VCF: past the 8th tab, skipping to the newline
    std::uint64_t skip_ = 0;  // BCF: bytes of the current record still to come
    std::string contig_;      // VCF: the last record's CHROM
    int rid_ = -1;
    std::int64_t pos_ = 0;    // BCF: the current record's
    std::uint32_t rlen_ = 1;
};

}  // namespace m2h::detail
