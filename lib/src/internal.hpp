// Helpers shared inside the core library only (not part of the public API).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "m2h/manifest.hpp"

typedef struct BGZF BGZF;
typedef struct htsFile htsFile;
struct hFILE;
struct hts_tpool;

namespace m2h {
struct SplitOptions;
struct TransformOptions;
struct TransformStats;
// m2h-transform's VCF/BCF input (vcf_input.cpp): the input opened when its content is VCF
// or BCF, else nullptr, and then `stream` is the input, peeked only (it goes on from its
// start, for the matrix reader; nullptr when the input cannot be opened); and the transform
// of a VCF/BCF (takes fp over).
htsFile* open_variant_input(const std::string& path, hFILE*& stream);
// part: the manifest's part read (a region of fp's file, or a part file), or nullptr.
TransformStats run_transform_vcf(const TransformOptions& o, htsFile* fp, const std::string& path,
                                 const ManifestEntry* part = nullptr);
// htslib's own messages off while a VCF/BCF reader gives its own (with file and line);
// the level before is restored after.
class QuietHtsLog {
public:
    QuietHtsLog();
    ~QuietHtsLog();
    QuietHtsLog(const QuietHtsLog&) = delete;
    QuietHtsLog& operator=(const QuietHtsLog&) = delete;

private:
    int level_;
};
// m2h-split of a VCF/BCF (vcf_split.cpp; takes fp over).
std::vector<ManifestEntry> split_variants(const SplitOptions& o, htsFile* fp);
}

namespace m2h::detail {

// strerror(errno), or "I/O error" when errno is 0 (htslib failed without a system error):
// no message ends in "Success".
std::string errno_text();
// '\n' bytes in [p, p + n), 16 at a time where SSE2 is.
std::uint64_t count_newlines(const char* p, std::size_t n);
// The key of a --by size part: its chromosome, or "first..last" when it holds several.
std::string span_key(std::string_view first, std::string_view last);
// m2h-split --ranges --by size of a plain file (split_size.cpp): the parts' byte ranges,
// found by reading only around each cut; their rows counted on opts.threads + 1 threads.
// data_start: the offset of the first data row (after the header line, if in the file).
std::vector<ManifestEntry> plain_size_ranges(const SplitOptions& opts, const std::string& matrix,
                                             std::uint64_t data_start);

// bgzf_mt with SIGINT/SIGTERM/SIGHUP/SIGPIPE blocked while htslib creates its
// threads, so those signals always reach the main thread (whose handler removes
// temporary files) and never interrupt a worker.
int bgzf_mt_main_signals(BGZF* fp, int threads);
// bgzf_close for a writer, freeing everything even when the final flush fails (a full
// disk): htslib's bgzf_close returns early then, leaking the handle. -1 on error.
int bgzf_close_writer(BGZF* fp);
// The same for an htsFile (VCF/BCF) whose data goes through BGZF.
int hts_close_writer(htsFile* fp);
// A thread running fn, with the same signal rule: those signals never land on it.
std::thread thread_without_signals(std::function<void()> fn);
// hts_tpool_init with the same signal rule; nullptr when threads <= 0.
hts_tpool* make_pool(int threads);

// Temporary files for outputs: created exclusively as ".<name>.tmp.XXXXXX" beside
// the target and registered for removal on SIGINT/SIGTERM/SIGHUP/SIGPIPE.
std::string create_temp(const std::string& target, int& fd);
// The output's descriptor: a temporary as create_temp makes (returned), or, for a target
// that exists and is not a regular file (/dev/null, /dev/stdout, a named pipe), the target
// itself opened for writing ("" returned): a rename would replace the device by a file.
std::string open_output(const std::string& target, int& fd);
// chmod to the umask's default and rename over the target.
void finish_temp(const std::string& tmp, const std::string& target);
// Removes and unregisters (never throws).
void drop_temp(const std::string& tmp) noexcept;

// write(2) until done, retrying on EINTR; a file error "<what> '<path>': reason" otherwise.
void write_all(int fd, const char* p, std::size_t n, const char* what, const std::string& path);

// An anonymous (already unlinked) file beside an output, or in TMPDIR when the output is
// stdout, a device or a pipe: nothing to clean up, whatever happens.
class ScratchFile {
public:
    explicit ScratchFile(const std::string& near_path);
    ~ScratchFile();
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    int fd() const { return fd_; }
    // Where it is, for errors: "cannot write scratch file beside '<where>'".
    const std::string& where() const { return where_; }

private:
    int fd_ = -1;
    std::string where_;
};

}  // namespace m2h::detail
