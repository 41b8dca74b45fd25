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

    // A record of contig rid (its number in the header) at 1-based pos, one base long,
    // ending `end` bytes into the records (the bytes written after the header).
    void add(int rid, std::int64_t pos, std::uint64_t end);

    // Writes the index of data, the closed BGZF file whose last `records` uncompressed
    // bytes are the records noted, to index_path: for VCF (tbi or CSI) as htslib's tabix
    // indexer makes it, for BCF (CSI) as its BCF indexer does. False when the records
    // cannot be indexed (positions out of order, a contig not contiguous, a position past
    // the format's limit; htslib says which); a file error throws.
    bool save(const std::string& data, const std::string& index_path, const bcf_hdr_t* hdr, bool vcf, bool tbi,
              std::uint64_t records);

private:
    // The notes are varints of each record's differences from the one before: its end's
    // (never 0), its position's (zigzag: positions may go back, and indexing then fails);
    // a 0 and the contig's number go before a record of another contig. 2 or 3 bytes a
    // record in practice.
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

}  // namespace m2h::detail
