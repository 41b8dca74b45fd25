// VCF/BCF output through htslib, with the same guarantees as OutputFile:
// written under a temporary name, renamed (with its index) only when complete.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

typedef struct htsFile htsFile;

namespace m2h {

// htslib write mode for an output name: BCF ("wb") when bcf is set, else
// VCF, BGZF-compressed ("wz") for .gz/.bgz names, plain ("w") otherwise.
std::string vcf_write_mode(std::string_view path, bool bcf);

// VCF 4.3 contig names: no whitespace, commas, angle brackets, quotes, or a
// leading '*' or '='. Data error naming file and line otherwise.
void check_contig_name(std::string_view name, std::string_view file, std::uint64_t line);

class HtsOutput {
public:
    HtsOutput(std::string path, const std::string& mode, int threads);
    ~HtsOutput();
    HtsOutput(const HtsOutput&) = delete;
    HtsOutput& operator=(const HtsOutput&) = delete;
    htsFile* get() { return fp_; }
    const std::string& path() const { return path_; }
    // Closes, optionally indexes (.tbi for vcf.gz, .csi for bcf), renames.
    void commit(bool write_index);

private:
    std::string path_, tmp_;
    htsFile* fp_ = nullptr;
    bool bcf_ = false, bgzf_ = false, stdout_ = false;
    int threads_ = 0;
};

}  // namespace m2h
