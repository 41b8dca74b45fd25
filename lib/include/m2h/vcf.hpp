// VCF/BCF output through htslib, with the same guarantees as OutputFile:
// written under a temporary name, renamed (with its index) only when complete.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <htslib/hts.h>

namespace m2h {

// The index --write-index writes beside a .vcf.gz: CSI by default (as bcftools does),
// which holds any position up to 2^32; TBI only on request, for tools that read no CSI:
// it holds positions up to 2^29 (536,870,912), shorter than many plant chromosomes.
// BCF is always indexed as CSI.
enum class IndexFormat { kCsi, kTbi };
inline constexpr std::uint64_t kTbiMaxPos = 536870912;   // 2^29
inline constexpr std::uint64_t kBcfMaxPos = 2147483647;  // 2^31 - 1: BCF stores POS in 32 bits
IndexFormat parse_index_format(std::string_view name);

// htslib write mode for an output name: BCF ("wb") when bcf is set, else
// VCF, BGZF-compressed ("wz") for .gz/.bgz names, plain ("w") otherwise; with a
// compression level 0-9 for BGZF ("wz1"), -1 for htslib's default.
std::string vcf_write_mode(std::string_view path, bool bcf, int level = -1);

// VCF 4.3 contig names: no whitespace, commas, angle brackets, quotes, or a
// leading '*' or '='. Data error naming file and line otherwise.
void check_contig_name(std::string_view name, std::string_view file, std::uint64_t line);

class HtsOutput {
public:
    // threads: compression threads for its BGZF stream, and the index's. raw_blocks: the
    // caller will write ready BGZF blocks to it, which must land in order, so its own stream
    // compresses on the calling thread and pool() offers the threads to another stream.
    HtsOutput(std::string path, const std::string& mode, int threads, bool raw_blocks = false);
    ~HtsOutput();
    HtsOutput(const HtsOutput&) = delete;
    HtsOutput& operator=(const HtsOutput&) = delete;
    htsFile* get() { return fp_; }
    const std::string& path() const { return path_; }
    // The compression threads (nullptr without any), alive until the output is closed.
    const htsThreadPool* pool() const { return pool_.pool ? &pool_ : nullptr; }
    // Closes, optionally indexes (.csi, or .tbi for a vcf.gz with IndexFormat::kTbi), renames.
    // indexer: writes the index of the closed file (its path, the index's path) and says
    // whether its records could be indexed; without one, htslib's indexer reads the file.
    using Indexer = std::function<bool(const std::string& data, const std::string& index)>;
    void commit(bool write_index, IndexFormat format = IndexFormat::kCsi, const Indexer& indexer = {});

private:
    void release() noexcept;  // closes and removes what is still open, unfinished

    std::string path_, tmp_;
    htsFile* fp_ = nullptr;
    bool bcf_ = false, bgzf_ = false, stdout_ = false;
    int threads_ = 0;
    htsThreadPool pool_ = {nullptr, 0};  // compression threads, after fp_ is closed
};

}  // namespace m2h
