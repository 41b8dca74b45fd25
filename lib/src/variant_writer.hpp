// Writing the records RowTransformer makes, as VCF or BCF, without a parse round trip: VCF
// records go to the file as the bytes they are; for BCF RowTransformer writes each row's
// contig, position, alleles and GT values (int8 pairs with the phase bit, as htslib stores
// them), which are laid out as BCF2 records with htslib's encoders, a batch at a time into
// htslib's BGZF stream.
//
// The header must list every contig before the first record. When the contigs are not
// known in advance, the records are spilled: written, compressed as the output is and on
// its threads, to an anonymous scratch file beside it; once the header is written, the
// finished blocks are copied after it, not compressed again. A record's bytes do not
// depend on the header, only its contig's number (the header lists the contigs in the
// order they are numbered), and from the header on the output is laid out in blocks as
// htslib lays it out (BCF as htslib 1.20 and later: records from a new block).
//
// With an index asked for, each record's contig, position and end are noted as it is
// written and the index is built from those notes once the file is closed (RecordIndex),
// not by reading the file back.
// Internal to the core library.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "internal.hpp"
#include "record_index.hpp"
#include "m2h/vcf.hpp"

#include <htslib/kstring.h>

typedef struct bcf_hdr_t bcf_hdr_t;

namespace m2h::detail {

class VariantWriter {
public:
    // bcf: BCF, else VCF (BGZF for .gz/.bgz names); level -1: htslib's default. hdr: the
    // header, its samples and FORMAT set (kept, not owned; it must outlive the writer); its
    // contigs may be added until write_header. spill: records come before the header.
    // index: the records are noted for commit's index (a BGZF output only).
    VariantWriter(std::string path, bool bcf, int threads, int level, bcf_hdr_t* hdr, bool spill, bool index);
    ~VariantWriter();
    VariantWriter(const VariantWriter&) = delete;
    VariantWriter& operator=(const VariantWriter&) = delete;

    // Writes the header, complete now; then the spilled records, if any.
    void write_header();
    // Whole lines of one contig (numbered rid in the header, as it is or will be), each
    // ending in '\n', as RowTransformer writes them: VCF records, or for BCF "CHROM POS
    // REF ALT " and each sample's two GT values (int8, as BCF stores them: never '\n').
    // Before write_header only when spilling.
    void write_records(std::string_view lines, int rid);
    // Closes, writes the index if the writer was made with one (CSI, or TBI for VCF with
    // IndexFormat::kTbi), renames into place.
    void commit(IndexFormat format);
    bool spilling() const { return spill_ != nullptr; }
    const std::string& path() const { return out_.path(); }

private:
    void open_spill(int level);
    void copy_spill();
    void close_spill() noexcept;
    std::int64_t encode_bcf(std::string_view line, int rid);  // its position
    void note_vcf_records(std::string_view lines, int rid);
    void write_bytes(std::string_view data);

    HtsOutput out_;
    bool bcf_;
    bcf_hdr_t* hdr_;
    std::optional<ScratchFile> scratch_;
    std::optional<RecordIndex> index_;
    std::uint64_t records_ = 0;      // bytes of records written (spilled or not)
    BGZF* spill_ = nullptr;          // the records' stream into scratch_, until write_header
    kstring_t buf_ = KS_INITIALIZE;  // a batch of BCF records
    std::size_t values_ = 0;         // GT values of a record: 2 per sample
    int gt_key_ = -1;
};

}  // namespace m2h::detail
