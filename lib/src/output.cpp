#include "m2h/output.hpp"

#include <htslib/bgzf.h>
#include <htslib/hfile.h>
#include <htslib/hts.h>
#include <htslib/thread_pool.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "direct_write.hpp"
#include "internal.hpp"
#include "lz4_frames.hpp"
#include "m2h/error.hpp"

namespace m2h {

using detail::errno_text;

namespace {

// Temporary files to remove if the process is interrupted. Only the main thread
// touches the list (BGZF worker threads are started with these signals blocked),
// and it blocks the signals while changing it, so the handler sees it whole.
std::vector<char*> g_temps;
std::mutex g_temps_lock;  // outputs and scratch files are made on several threads (m2h-extend's workers)
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

extern "C" void remove_temps_and_die(int sig) {
    for (char* p : g_temps) unlink(p);
    std::signal(sig, SIG_DFL);
    // Die by the signal itself (unblocked: the handler runs with it blocked), so the parent
    // sees how the process ended. As PID 1 of a container (a workflow task's tool) the
    // kernel ignores it: exit with the shell's code for it instead of writing on. (Not even
    // tried there: qemu-user, running an image of another platform, waits forever for the
    // death it asked for.)
    if (getpid() != 1) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, nullptr);
        raise(sig);
    }
    _exit(128 + sig);
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
    std::lock_guard lock(g_temps_lock);
    g_temps.push_back(strdup(path.c_str()));
}

void unregister_temp(const std::string& path) {
    SignalBlock block;
    std::lock_guard lock(g_temps_lock);
    auto it = std::find_if(g_temps.begin(), g_temps.end(), [&](char* p) { return path == p; });
    if (it == g_temps.end()) return;
    std::free(*it);
    *it = g_temps.back();
    g_temps.pop_back();
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

void detail::write_all(int fd, const char* p, std::size_t n, const char* what, const std::string& path) {
    while (n > 0) {
        ssize_t w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) file_error(what, path, errno_text());
        p += w;
        n -= static_cast<std::size_t>(w);
    }
}

detail::ScratchFile::ScratchFile(const std::string& near_path) : where_(near_path) {
    if (near_path == "-" || special_type(near_path)) {
        const char* dir = std::getenv("TMPDIR");
        where_ = std::string(dir && *dir ? dir : "/tmp") + "/m2h-scratch";
    }
    std::string tmp = create_temp(where_, fd_);
    drop_temp(tmp);
}

detail::ScratchFile::~ScratchFile() {
    if (fd_ >= 0) ::close(fd_);
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

bool OutputFile::direct_supported() {
#if M2H_HAVE_O_DIRECT && M2H_HAVE_FSTATFS
    return true;
#else
    return false;
#endif
}

bool is_bgzf_name(std::string_view path) { return path.ends_with(".gz") || path.ends_with(".bgz"); }

OutputFile::OutputFile(std::string path, const OutputOptions& opts) : path_(std::move(path)), opts_(opts) {
    stdout_ = path_ == "-";
    bgzf_ = opts_.compression == OutputCompression::kBgzf ||
            (opts_.compression == OutputCompression::kByName && !stdout_ && is_bgzf_name(path_));
    lz4_ = opts_.compression == OutputCompression::kLz4;
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
    file_fd_ = opts_.write_behind && !stdout_ && !tmp_.empty() && !lz4_ ? fd : -1;
    // A new plain file: by O_DIRECT where the filesystem takes it (not after a reopen,
    // whose end need not be a whole block).
    if (file_fd_ >= 0 && !bgzf_ && !append && (direct_ = detail::DirectWriter::open(fd, tmp_, path_))) file_fd_ = -1;
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
        written();
        return;
    }
    if (lz4_) {
        thread_local std::vector<char> frame;
        detail::lz4_frame(p, n, frame, path_);
        detail::write_all(fd_, frame.data(), frame.size(), "cannot write", path_);
        return;
    }
    if (direct_) direct_->write(p, n);
    else detail::write_all(fd_, p, n, "cannot write", path_);
    written();
}

// Write-behind, in windows: each window's writeback is started once it is full, and the
// window before it, started a window ago and on any disk of today mostly written since, is
// dropped from the cache. Pages still being written are kept (dropping skips them): the
// disk sets no pace here, the kernel does as it would anyway.
void OutputFile::written() {
    constexpr std::uint64_t kWindow = 64u << 20;
    if (file_fd_ < 0) return;
    const off_t end = ::lseek(file_fd_, 0, SEEK_CUR);
    if (end < 0 || static_cast<std::uint64_t>(end) < flushing_ + kWindow) return;
    // Advice only: a filesystem that cannot do either (tmpfs) still gets its data, and a
    // system without the calls writes through its cache as it would anyway.
#if M2H_HAVE_POSIX_FADVISE
    if (flushing_ > flushed_) ::posix_fadvise(file_fd_, static_cast<off_t>(flushed_), static_cast<off_t>(flushing_ - flushed_), POSIX_FADV_DONTNEED);
#endif
    flushed_ = flushing_;
#if M2H_HAVE_SYNC_FILE_RANGE
    ::sync_file_range(file_fd_, static_cast<off_t>(flushing_), end - static_cast<off_t>(flushing_), SYNC_FILE_RANGE_WRITE);
#endif
    flushing_ = static_cast<std::uint64_t>(end);
}

void OutputFile::drain() {
    if (!len_) return;
    if (lz4_ && opts_.lz4_threads) buf_ = opts_.lz4_threads->submit(*this, fd_, std::move(buf_), len_, cap_);
    else raw_write(buf_.get(), len_);
    len_ = 0;
}

void OutputFile::write_slow(std::string_view data) {
    drain();
    if (data.size() < cap_) {
        write(data);
    } else if (lz4_ && opts_.lz4_threads) {  // the thread takes only whole buffers
        for (; !data.empty(); data.remove_prefix(len_), drain()) {
            len_ = std::min(cap_, data.size());
            std::memcpy(buf_.get(), data.data(), len_);
        }
    } else {
        raw_write(data.data(), data.size());
    }
}

void OutputFile::copy_range(int in_fd, std::uint64_t offset, std::uint64_t len, const std::string& source) {
    drain();
    auto off = static_cast<off_t>(offset);
    while (len > 0 && direct_) {  // read straight into its blocks
        ssize_t n = direct_->read_from(in_fd, off, static_cast<std::size_t>(std::min<std::uint64_t>(len, SSIZE_MAX)));
        if (n <= 0) file_error("cannot read", source, n < 0 ? errno_text() : "the file is shorter than it was");
        off += n;
        len -= static_cast<std::uint64_t>(n);
    }
#if M2H_HAVE_COPY_FILE_RANGE
    // Kernel copy between regular files (several times faster than write(2) here); any
    // refusal (a pipe, another filesystem, an old kernel) falls back to the buffer.
    // In steps of 64 MiB when writing behind, so that it keeps pace.
    const std::uint64_t step = file_fd_ >= 0 ? 64u << 20 : 1u << 30;
    while (len > 0 && fd_ >= 0 && !fp_ && !lz4_) {
        ssize_t n = ::copy_file_range(in_fd, &off, fd_, nullptr, static_cast<std::size_t>(std::min(len, step)), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == ENOSPC || errno == EDQUOT || errno == EIO)) file_error("cannot write", path_, errno_text());
        if (n <= 0) break;
        len -= static_cast<std::uint64_t>(n);
        written();
    }
#endif
    while (len > 0) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(len, cap_));
        ssize_t n = ::pread(in_fd, buf_.get(), want, off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) file_error("cannot read", source, n < 0 ? errno_text() : "the file is shorter than it was");
        len_ = static_cast<std::size_t>(n);
        drain();
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
    if (opts_.lz4_threads) opts_.lz4_threads->wait(*this, true);
    if (direct_) {
        direct_->finish();
        direct_.reset();
    }
    buf_.reset();
    cap_ = 0;
    errno = 0;
    int r = 0;
    if (fp_) r = detail::bgzf_close_writer(fp_);
    else if (!stdout_) r = ::close(fd_);
    fp_ = nullptr;
    fd_ = file_fd_ = -1;
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
    if (opts_.lz4_threads) opts_.lz4_threads->wait(*this, false);  // it may still write to fd_
    direct_.reset();  // the same
    if (fp_) detail::bgzf_close_writer(fp_);
    else if (fd_ >= 0 && !stdout_) ::close(fd_);
    fp_ = nullptr;
    fd_ = file_fd_ = -1;
    if (!stdout_ && !tmp_.empty()) detail::drop_temp(tmp_);
}

struct Lz4Threads::Job {
    OutputFile* file;
    int fd;
    std::unique_ptr<char[]> buf;
    std::size_t len, cap;
    std::vector<char> frame;
    bool taken = false, done = false;  // being compressed; compressed
};

struct Lz4Threads::State {
    std::size_t max_queued;
    std::mutex mu;
    std::condition_variable work, done;
    std::deque<Job> jobs;  // in the order handed over; elements stay put while queued
    bool writing = false;  // a thread is writing the head of the queue
    // Written buffers and frames, reused: a fresh 256 KiB allocation costs page faults.
    std::vector<std::pair<std::unique_ptr<char[]>, std::size_t>> spare;
    std::vector<std::vector<char>> spare_frames;
    std::optional<Error> error;  // the first write error; nothing is written after it
    bool stop = false;
    std::vector<std::thread> threads;
};

Lz4Threads::Lz4Threads(int threads) : s_(std::make_unique<State>()) {
    s_->max_queued = 2 * static_cast<std::size_t>(threads) + 2;
    for (int i = 0; i < threads; ++i) s_->threads.push_back(detail::thread_without_signals([this] { run(); }));
}

Lz4Threads::~Lz4Threads() {
    {
        std::lock_guard lock(s_->mu);
        s_->stop = true;
    }
    s_->work.notify_all();
    for (auto& t : s_->threads) t.join();
}

std::unique_ptr<char[]> Lz4Threads::submit(OutputFile& file, int fd, std::unique_ptr<char[]> buf, std::size_t len,
                                           std::size_t cap) {
    std::unique_ptr<char[]> fresh;
    {
        std::unique_lock lock(s_->mu);
        // Queue full: help rather than wait.
        while (s_->jobs.size() >= s_->max_queued && !s_->error)
            if (!step(lock)) s_->done.wait(lock);
        if (s_->error) throw *s_->error;
        s_->jobs.push_back(Job{.file = &file, .fd = fd, .buf = std::move(buf), .len = len, .cap = cap});
        ++file.queued_;
        if (!s_->spare_frames.empty()) {
            s_->jobs.back().frame = std::move(s_->spare_frames.back());
            s_->spare_frames.pop_back();
        }
        auto same = std::find_if(s_->spare.begin(), s_->spare.end(), [&](const auto& b) { return b.second == cap; });
        if (same != s_->spare.end()) {
            fresh = std::move(same->first);
            s_->spare.erase(same);
        }
    }
    s_->work.notify_one();
    return fresh ? std::move(fresh) : std::make_unique<char[]>(cap);
}

void Lz4Threads::wait(OutputFile& file, bool throw_error) {
    std::unique_lock lock(s_->mu);
    while (file.queued_ > 0)
        if (!step(lock)) s_->done.wait(lock);
    if (throw_error && s_->error) throw *s_->error;
}

template <class Fn>
void Lz4Threads::unlocked(std::unique_lock<std::mutex>& lock, Fn fn) {
    lock.unlock();
    std::optional<Error> error;
    try {
        fn();
    } catch (const Error& e) {
        error = e;
    }
    lock.lock();
    if (error && !s_->error) s_->error = std::move(error);
}

bool Lz4Threads::step(std::unique_lock<std::mutex>& lock) {
    if (!s_->writing && !s_->jobs.empty() && s_->jobs.front().done) {
        s_->writing = true;
        Job& job = s_->jobs.front();
        if (!s_->error)
            unlocked(lock, [&] { detail::write_all(job.fd, job.frame.data(), job.frame.size(), "cannot write", job.file->path()); });
        --job.file->queued_;
        if (s_->spare.size() < s_->max_queued) s_->spare.emplace_back(std::move(job.buf), job.cap);
        if (s_->spare_frames.size() < s_->max_queued) s_->spare_frames.push_back(std::move(job.frame));
        s_->jobs.pop_front();
        s_->writing = false;
        s_->done.notify_all();
        s_->work.notify_all();
        return true;
    }
    auto next = std::find_if(s_->jobs.begin(), s_->jobs.end(), [](const Job& j) { return !j.taken; });
    if (next == s_->jobs.end()) return false;
    Job& job = *next;
    job.taken = true;
    unlocked(lock, [&] { detail::lz4_frame(job.buf.get(), job.len, job.frame, job.file->path()); });
    job.done = true;
    s_->work.notify_all();
    s_->done.notify_all();
    return true;
}

void Lz4Threads::run() {
    std::unique_lock lock(s_->mu);
    for (;;) {
        if (step(lock)) continue;
        if (s_->stop && s_->jobs.empty()) return;
        s_->work.wait(lock);
    }
}

}  // namespace m2h
