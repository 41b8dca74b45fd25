#include "m2h/vcf.hpp"

#include <htslib/bgzf.h>
#include <htslib/hfile.h>
#include <htslib/tbx.h>
#include <htslib/thread_pool.h>
#include <htslib/vcf.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <unistd.h>

#include "internal.hpp"
#include "m2h/error.hpp"
#include "m2h/output.hpp"

namespace m2h {

IndexFormat parse_index_format(std::string_view name) {
    if (name == "csi") return IndexFormat::kCsi;
    if (name == "tbi") return IndexFormat::kTbi;
    usage_error(fmt::format("unknown --index-format '{}' (csi or tbi)", name));
}

std::string vcf_write_mode(std::string_view path, bool bcf, int level) {
    std::string mode = bcf ? "wb" : is_bgzf_name(path) ? "wz" : "w";
    if (mode != "w" && level >= 0) mode += static_cast<char>('0' + level);
    return mode;
}

void check_contig_name(std::string_view name, std::string_view file, std::uint64_t line) {
    bool ok = !name.empty() && name[0] != '*' && name[0] != '=';
    for (unsigned char c : name)
        if (c <= ' ' || c >= 127 || c == ',' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '(' ||
            c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\\')
            ok = false;
    if (!ok)
        data_error("chromosome name not allowed in VCF in", file, line,
                   fmt::format("'{}' (VCF contig names cannot hold whitespace, commas, brackets, quotes "
                               "or start with '*' or '='; rename it or use --format seed/hap)",
                               name));
}

HtsOutput::HtsOutput(std::string path, const std::string& mode, int threads, bool raw_blocks) : path_(std::move(path)), threads_(threads) {
    bcf_ = mode.find('b') != std::string::npos;
    bgzf_ = bcf_ || mode.find('z') != std::string::npos;
    stdout_ = path_ == "-";
    int fd = STDOUT_FILENO;
    if (!stdout_) tmp_ = detail::open_output(path_, fd);
    errno = 0;
    hFILE* h = hdopen(fd, "w");
    if (h) fp_ = hts_hopen(h, path_.c_str(), mode.c_str());
    if (!fp_) {
        if (h) hclose_abruptly(h);
        if (!tmp_.empty()) detail::drop_temp(tmp_);
        else if (!stdout_) ::close(fd);
        file_error("cannot open output", path_, errno ? std::strerror(errno) : "unknown error");
    }
    // A thread pool of our own, as bcftools sets it up (htsThreadPool); hts_set_threads's own
    // pool stalled the writer more. Given to the BGZF stream itself: the records' bytes go
    // there, and htslib 1.16's hts_set_opt would also make a text-format state for VCF that
    // hts_close never frees.
    if (threads > 0 && bgzf_) {
        pool_.pool = detail::make_pool(threads);
        pool_.qsize = 0;
        if (!pool_.pool || (!raw_blocks && bgzf_thread_pool(hts_get_bgzfp(fp_), pool_.pool, pool_.qsize) != 0)) {
            release();  // no destructor runs for a constructor that throws
            file_error("cannot start compression threads for", path_, "out of memory");
        }
    }
}

HtsOutput::~HtsOutput() { release(); }

void HtsOutput::release() noexcept {
    if (fp_) detail::hts_close_writer(fp_);
    fp_ = nullptr;
    if (pool_.pool) hts_tpool_destroy(pool_.pool);
    pool_.pool = nullptr;
    if (!tmp_.empty()) detail::drop_temp(tmp_);
    tmp_.clear();
}

void HtsOutput::commit(bool write_index, IndexFormat format, const Indexer& indexer) {
    errno = 0;
    int r = detail::hts_close_writer(fp_);
    fp_ = nullptr;
    if (r < 0) file_error("cannot write", path_, errno ? std::strerror(errno) : "I/O error");
    if (tmp_.empty()) {  // standard output, a device or a pipe
        if (write_index) file_error("cannot index", path_, "the output is not a regular file");
        return;
    }
    if (write_index) {
        const bool tbi = !bcf_ && format == IndexFormat::kTbi;
        std::string idx = path_ + (tbi ? ".tbi" : ".csi");
        int fd = -1;
        std::string tmp_idx = detail::create_temp(idx, fd);
        ::close(fd);
        // min_shift 14: CSI (up to 2^32 with htslib's levels for VCF); 0: TBI.
        bool indexed = false;
        try {
            indexed = indexer ? indexer(tmp_, tmp_idx)
                      : bcf_    ? bcf_index_build3(tmp_.c_str(), tmp_idx.c_str(), 14, threads_) == 0
                                : tbx_index_build3(tmp_.c_str(), tmp_idx.c_str(), tbi ? 0 : 14, threads_, &tbx_conf_vcf) == 0;
        } catch (...) {
            detail::drop_temp(tmp_idx);
            throw;
        }
        if (!indexed) {
            detail::drop_temp(tmp_idx);
            file_error("cannot index", path_,
                       fmt::format("positions must be sorted within each chromosome and each chromosome contiguous{}",
                                   tbi ? fmt::format(", and below {} for a TBI index (CSI holds more)", kTbiMaxPos) : ""));
        }
        detail::finish_temp(tmp_, path_);  // the data first: an index never outlives its file
        tmp_.clear();
        detail::finish_temp(tmp_idx, idx);
        return;
    }
    detail::finish_temp(tmp_, path_);
    tmp_.clear();
}

}  // namespace m2h
