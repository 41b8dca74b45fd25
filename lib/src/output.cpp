#include "m2h/output.hpp"

#include <htslib/bgzf.h>
#include <htslib/hfile.h>
#include <htslib/hts.h>
#include <htslib/thread_pool.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "internal.hpp"
#include "m2h/error.hpp"

namespace m2h {

using detail::errno_text;

namespace {

// Temporary files to remove if the process is interrupted. Only the main thread
// touches the list (BGZF worker threads are started with these signals blocked),
// and it blocks the signals while changing it, so the handler sees it whole.
std::vector<char*> g_temps;
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

extern "C" void remove_temps_and_die(int sig) {
    for (char* p : g_temps) unlink(p);
    std::signal(sig, SIG_DFL);
    raise(sig);
}

class SignalBlock {
public:
    SignalBlock() {
        sigset_t set;
        sigemptyset(&set);
        for (int s : kSignals) sigaddset(&set, s);
        pthread_sigmask(SIG_BLOCK, &set, &old_);
    }
    ~SignalBlock() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

private:
    sigset_t old_;
};

void register_temp(const std::string& path) {
    static bool installed = false;
    SignalBlock block;
    if (!installed) {
        for (int s : kSignals) {
            struct sigaction sa {};
            sa.sa_handler = remove_temps_and_die;
            sigemptyset(&sa.sa_mask);
            sigaction(s, &sa, nullptr);
        }
        installed = true;
    }
    g_temps.push_back(strdup(path.c_str()));
}

void unregister_temp(const std::string& path) {
    SignalBlock block;
    auto it = std::find_if(g_temps.begin(), g_temps.end(), [&](char* p) { return path == p; });
    if (it == g_temps.end()) return;
    std::free(*it);
    *it = g_temps.back();
    g_temps.pop_back();
}


// write(2) until done, retrying on EINTR; a data error naming path otherwise.
void write_all(int fd, const char* p, std::size_t n, const char* what, const std::string& path) {
    while (n > 0) {
        ssize_t w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) file_error(what, path, errno_text());
        p += w;
        n -= static_cast<std::size_t>(w);
    }
}

mode_t default_mode() {
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

}  // namespace

std::string detail::errno_text() { return errno ? std::strerror(errno) : "I/O error"; }

std::string detail::create_temp(const std::string& target, int& fd) {
    auto slash = target.rfind('/');
    std::string dir = slash == std::string::npos ? "" : target.substr(0, slash + 1);
    std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
    if (base.size() > 200) base.resize(200);  // keep within NAME_MAX with the suffix
    std::string tmpl = dir + "." + base + ".tmp.XXXXXX";
    // A signal between mkstemp and register_temp would leave the file behind: hold the
    // signals until the handler knows it (a pending one is delivered after, and removes it).
    SignalBlock block;
    fd = mkstemp(tmpl.data());
    if (fd < 0) file_error("cannot create output", target, errno_text());
    register_temp(tmpl);
    return tmpl;
}

namespace {
// The type bits of an existing path that is not a regular file (a device, a pipe, a
// directory), else 0. Such an output is written in place: a rename would replace it.
mode_t special_type(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) ? st.st_mode & S_IFMT : 0;
}
}  // namespace

std::string detail::open_output(const std::string& target, int& fd) {
    if (const mode_t type = special_type(target)) {
        if (type == S_IFDIR) file_error("cannot write output", target, "it is a directory");
        fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) file_error("cannot open output", target, errno_text());
        return {};
    }
    return create_temp(target, fd);
}

void detail::finish_temp(const std::string& tmp, const std::string& target) {
    if (chmod(tmp.c_str(), default_mode()) < 0 || rename(tmp.c_str(), target.c_str()) < 0)
        file_error("cannot finish output", target, errno_text());
    unregister_temp(tmp);
}

void detail::drop_temp(const std::string& tmp) noexcept {
    unlink(tmp.c_str());
    unregister_temp(tmp);
}

detail::ScratchFile::ScratchFile(const std::string& near_path) : where_(near_path) {
    // Beside the output, unless that is stdout, a device or a pipe: then in TMPDIR.
    if (near_path == "-" || special_type(near_path)) {
        const char* dir = std::getenv("TMPDIR");
        where_ = std::string(dir && *dir ? dir : "/tmp") + "/m2h-scratch";
    }
    std::string tmp = create_temp(where_, fd_);
    drop_temp(tmp);  // anonymous from now on: nothing to clean up, whatever happens
    buf_.reserve(256 * 1024);
}

detail::ScratchFile::~ScratchFile() {
    if (fd_ >= 0) ::close(fd_);
}

void detail::ScratchFile::flush() {
    write_all(fd_, buf_.data(), buf_.size(), "cannot write scratch file beside", where_);
    buf_.clear();
}

void detail::ScratchFile::write(std::string_view data) {
    if (buf_.size() + data.size() > buf_.capacity()) flush();
    buf_.append(data);
}

int detail::ScratchFile::reopen_for_reading() {
    flush();
    int fd = dup(fd_);
    if (fd < 0 || lseek(fd, 0, SEEK_SET) < 0) file_error("cannot read scratch file beside", where_, errno_text());
    return fd;
}

std::thread detail::thread_without_signals(std::function<void()> fn) {
    SignalBlock block;  // the new thread inherits the blocked mask
    return std::thread(std::move(fn));
}

int detail::bgzf_mt_main_signals(BGZF* fp, int threads) {
    SignalBlock block;
    return bgzf_mt(fp, threads, 256);
}

// htslib's bgzf_close gives up without freeing anything when a write fails (the last
// block, the end-of-file block, or closing the file below). So the data is flushed here
// first; if that fails, the file is dropped unflushed (hclose_abruptly) and bgzf_close
// finishes against /dev/null, which closes cleanly, and so frees the rest.
namespace {
bool flush_or_drop(BGZF* fp) {
    if (!fp->is_compressed || (bgzf_flush(fp) == 0 && hflush(fp->fp) == 0)) return true;
    hFILE* sink = hopen("/dev/null", "w");
    if (!sink) return false;  // no /dev/null: the handle leaks, the error still stands
    hclose_abruptly(fp->fp);
    fp->fp = sink;
    fp->is_compressed = 0;
    return false;
}
}  // namespace

int detail::bgzf_close_writer(BGZF* fp) {
    const bool ok = flush_or_drop(fp);
    return bgzf_close(fp) == 0 && ok ? 0 : -1;
}

int detail::hts_close_writer(htsFile* fp) {
    const bool ok = !fp->is_bgzf || flush_or_drop(fp->fp.bgzf);
    return hts_close(fp) == 0 && ok ? 0 : -1;
}

hts_tpool* detail::make_pool(int threads) {
    if (threads <= 0) return nullptr;
    SignalBlock block;
    return hts_tpool_init(threads);
}

bool is_bgzf_name(std::string_view path) { return path.ends_with(".gz") || path.ends_with(".bgz"); }

OutputFile::OutputFile(std::string path, const OutputOptions& opts) : path_(std::move(path)), opts_(opts) {
    stdout_ = path_ == "-";
    bgzf_ = opts_.compression == OutputCompression::kBgzf ||
            (opts_.compression == OutputCompression::kByName && !stdout_ && is_bgzf_name(path_));
    open(false);
}

OutputFile::~OutputFile() {
    if (!committed_) discard();
}

void OutputFile::open(bool append) {
    int fd = STDOUT_FILENO;
    if (!stdout_) {
        if (append) {
            const std::string& at = tmp_.empty() ? path_ : tmp_;
            fd = ::open(at.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
            if (fd < 0) file_error("cannot reopen output", path_, errno_text());
        } else {
            tmp_ = detail::open_output(path_, fd);
        }
    }
    cap_ = std::max<std::size_t>(opts_.buffer, 4096);
    buf_ = std::make_unique<char[]>(cap_);
    len_ = 0;
    if (!bgzf_) {
        fd_ = fd;
        return;
    }
    hFILE* h = hdopen(fd, "w");
    if (!h) {
        if (!stdout_) ::close(fd);
        file_error("cannot open output", path_, errno_text());
    }
    std::string mode = "w";  // "w0".."w9" for an explicit level
    if (opts_.level >= 0 && opts_.level <= 9) mode += static_cast<char>('0' + opts_.level);
    fp_ = bgzf_hopen(h, mode.c_str());
    if (!fp_) {
        hclose_abruptly(h);
        file_error("cannot open output", path_, errno_text());
    }
    if (opts_.pool) {
        if (bgzf_thread_pool(fp_, opts_.pool, 0) < 0) file_error("cannot start threads for", path_, "bgzf_thread_pool failed");
    } else if (opts_.threads > 0) {
        detail::bgzf_mt_main_signals(fp_, opts_.threads);
    }
}

void OutputFile::raw_write(const char* p, std::size_t n) {
    errno = 0;
    if (fp_) {
        if (bgzf_write(fp_, p, n) < 0) file_error("cannot write", path_, errno_text());
        return;
    }
    write_all(fd_, p, n, "cannot write", path_);
}

void OutputFile::drain() {
    if (len_) raw_write(buf_.get(), len_);
    len_ = 0;
}

void OutputFile::write_slow(std::string_view data) {
    drain();
    if (data.size() >= cap_) raw_write(data.data(), data.size());
    else write(data);
}

void OutputFile::copy_range(int in_fd, std::uint64_t offset, std::uint64_t len, const std::string& source) {
    drain();
    auto off = static_cast<off_t>(offset);
    // Kernel copy between regular files (several times faster than write(2) here); any
    // refusal (a pipe, another filesystem, an old kernel) falls back to the buffer.
    while (len > 0 && fd_ >= 0 && !fp_) {
        ssize_t n = ::copy_file_range(in_fd, &off, fd_, nullptr, static_cast<std::size_t>(std::min<std::uint64_t>(len, 1u << 30)), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == ENOSPC || errno == EDQUOT || errno == EIO)) file_error("cannot write", path_, errno_text());
        if (n <= 0) break;
        len -= static_cast<std::uint64_t>(n);
    }
    while (len > 0) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(len, cap_));
        ssize_t n = ::pread(in_fd, buf_.get(), want, off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) file_error("cannot read", source, n < 0 ? errno_text() : "the file is shorter than it was");
        raw_write(buf_.get(), static_cast<std::size_t>(n));
        off += n;
        len -= static_cast<std::uint64_t>(n);
    }
}

void OutputFile::flush_block() {
    drain();
    if (fp_ && bgzf_flush(fp_) < 0) file_error("cannot write", path_, errno_text());
}

BGZF* OutputFile::bgzf_for_copy() {
    if (!fp_ || opts_.threads > 0 || opts_.pool) file_error("cannot copy BGZF blocks into", path_, "needs BGZF output without threads");
    drain();
    return fp_;
}

void OutputFile::close_checked() {
    drain();
    buf_.reset();
    cap_ = 0;
    errno = 0;
    int r = 0;
    if (fp_) r = detail::bgzf_close_writer(fp_);
    else if (!stdout_) r = ::close(fd_);
    fp_ = nullptr;
    fd_ = -1;
    if (r < 0) file_error("cannot write", path_, errno_text());
}

void OutputFile::suspend() { close_checked(); }

void OutputFile::reopen() { open(true); }

void OutputFile::commit() {
    if (is_open()) close_checked();
    if (!stdout_ && !tmp_.empty()) {
        detail::finish_temp(tmp_, path_);
        struct stat st {};
        if (stat(path_.c_str(), &st) == 0) bytes_ = static_cast<std::uint64_t>(st.st_size);
    }
    committed_ = true;
}

void OutputFile::discard() noexcept {
    if (fp_) detail::bgzf_close_writer(fp_);
    else if (fd_ >= 0 && !stdout_) ::close(fd_);
    fp_ = nullptr;
    fd_ = -1;
    if (!stdout_ && !tmp_.empty()) detail::drop_temp(tmp_);
}

}  // namespace m2h
