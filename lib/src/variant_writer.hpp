// Writing the records RowTransformer makes, as VCF or BCF, without a parse round trip: VCF
// records go to the file as the bytes they are; for BCF RowTransformer writes each row's
// contig, position, alleles and GT values (int8 pairs with the phase bit, as htslib stores
// them), which are laid out as BCF2 records with htslib's encoders, a batch at a time into
// htslib's BGZF stream.
// Internal to the core library.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "m2h/vcf.hpp"

#include <htslib/kstring.h>

typedef struct bcf_hdr_t bcf_hdr_t;

namespace m2h::detail {

class VariantWriter {
public:
    // bcf: BCF, else VCF (BGZF for .gz/.bgz names); level -1: htslib's default.
    VariantWriter(std::string path, bool bcf, int threads, int level);
    ~VariantWriter();
    VariantWriter(const VariantWriter&) = delete;
    VariantWriter& operator=(const VariantWriter&) = delete;

    // Writes hdr (kept, not owned: it must outlive the writer) before any record.
    void write_header(bcf_hdr_t* hdr);
    // Whole lines, each ending in '\n', as RowTransformer writes them: VCF records, or for
    // BCF "CHROM POS REF ALT " and each sample's two GT values (int8, as BCF stores them:
    // never '\n'); their contigs must be in the header.
    void write_records(std::string_view lines);
    // Closes, indexes if asked, renames into place.
    void commit(bool write_index, IndexFormat format);
    const std::string& path() const { return out_.path(); }

private:
    void encode_bcf(std::string_view line);
    void write_bytes(std::string_view data);

    HtsOutput out_;
    bool bcf_;
    bcf_hdr_t* hdr_ = nullptr;
    kstring_t buf_ = KS_INITIALIZE;  // a batch of BCF records
    std::size_t values_ = 0;        // GT values of a record: 2 per sample
    std::string chrom_;             // the contig of rid_
    int rid_ = -1, gt_key_ = -1;
};

}  // namespace m2h::detail
