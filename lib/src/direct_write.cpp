#include "direct_write.hpp"

#include <fcntl.h>
#include <unistd.h>
#if M2H_HAVE_O_DIRECT && M2H_HAVE_FSTATFS
#include <sys/vfs.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <new>

#include "internal.hpp"

namespace m2h::detail {

#if M2H_HAVE_O_DIRECT && M2H_HAVE_FSTATFS
bool DirectWriter::suits(int fd) {
    // Local filesystems only: on a network filesystem (NFS, Lustre, GPFS, ...) each direct
    // write can be a round trip of its own, while the page cache lets writes overlap.
    constexpr unsigned long kLocal[] = {
        0xEF53,      // ext2, ext3, ext4
        0x58465342,  // XFS
        0x9123683E,  // btrfs
        0x01021994,  // tmpfs (no gain, no harm)
    };
    struct statfs fs {};
    if (::fstatfs(fd, &fs) < 0) return false;
    const auto type = static_cast<unsigned long>(fs.f_type);
    return std::find(std::begin(kLocal), std::end(kLocal), type) != std::end(kLocal);
}

std::unique_ptr<DirectWriter> DirectWriter::open(int fd, const std::string& path, const std::string& name) {
    if (!suits(fd)) return nullptr;
    const int direct_fd = ::open(path.c_str(), O_WRONLY | O_DIRECT | O_CLOEXEC);
    if (direct_fd < 0) return nullptr;  // EINVAL: a filesystem without O_DIRECT
    return std::unique_ptr<DirectWriter>(new DirectWriter(fd, direct_fd, name));
}
#else
// Without O_DIRECT (or a way to tell a local filesystem): no direct writer; the output
// goes through the cache (OutputFile's write-behind does what the system offers).
bool DirectWriter::suits(int) { return false; }
std::unique_ptr<DirectWriter> DirectWriter::open(int, const std::string&, const std::string&) { return nullptr; }
#endif

DirectWriter::DirectWriter(int fd, int direct_fd, std::string name)
    : fd_(fd), direct_fd_(direct_fd), name_(std::move(name)),
      mem_(static_cast<char*>(std::aligned_alloc(kAlign, kBlock * kSlots)), std::free) {
    if (!mem_) {
        ::close(direct_fd_);
        throw std::bad_alloc();
    }
    for (int i = 0; i < kSlots; ++i) slot_[i] = mem_.get() + i * kBlock;
    for (int i = 1; i < kSlots; ++i) free_.push_back(i);
    thread_ = thread_without_signals([this] { run(); });
}

DirectWriter::~DirectWriter() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    ::close(direct_fd_);
}

void DirectWriter::write(const char* p, std::size_t n) {
    while (n > 0) {
        const std::size_t take = std::min(n, kBlock - fill_);
        std::memcpy(slot_[cur_] + fill_, p, take);
        fill_ += take;
        p += take;
        n -= take;
        if (fill_ == kBlock) submit();
    }
}

ssize_t DirectWriter::read_from(int in_fd, off_t offset, std::size_t len) {
    ssize_t n;
    do n = ::pread(in_fd, slot_[cur_] + fill_, std::min(len, kBlock - fill_), offset);
    while (n < 0 && errno == EINTR);
    if (n > 0) {
        fill_ += static_cast<std::size_t>(n);
        if (fill_ == kBlock) submit();
    }
    return n;
}

void DirectWriter::submit() {
    std::unique_lock lock(mu_);
    if (error_) throw *error_;
    queue_.push_back({cur_, fill_, end_});
    end_ += fill_;
    fill_ = 0;
    cv_.notify_all();
    cv_.wait(lock, [this] { return !free_.empty(); });
    cur_ = free_.front();
    free_.pop_front();
}

void DirectWriter::finish() {
    {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return queue_.empty(); });
        if (error_) throw *error_;
    }
    // The thread is idle now. The rest: its whole blocks by O_DIRECT, the tail (less than
    // kAlign) through the page cache.
    const std::size_t whole = fill_ / kAlign * kAlign;
    put(slot_[cur_], whole, end_, false);
    put(slot_[cur_] + whole, fill_ - whole, end_ + whole, true);
    end_ += fill_;
    fill_ = 0;
}

void DirectWriter::put(const char* p, std::size_t n, std::uint64_t offset, bool cached) {
    while (n > 0) {
        const int fd = buffered_ || cached ? fd_ : direct_fd_;
        ssize_t w = ::pwrite(fd, p, n, static_cast<off_t>(offset));
        if (w < 0 && errno == EINTR) continue;
        // Some filesystems open with O_DIRECT and refuse the write: write through the cache.
        if (w < 0 && errno == EINVAL && fd == direct_fd_) {
            buffered_ = true;
            continue;
        }
        if (w <= 0) file_error("cannot write", name_, errno_text());
        p += w;
        n -= static_cast<std::size_t>(w);
        offset += static_cast<std::uint64_t>(w);
    }
}

void DirectWriter::run() {
    std::unique_lock lock(mu_);
    for (;;) {
        cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        const Job job = queue_.front();
        if (!error_) {
            lock.unlock();
            std::optional<Error> error;
            try {
                put(slot_[job.slot], job.len, job.offset, false);
            } catch (const Error& e) {
                error = e;
            }
            lock.lock();
            if (error && !error_) error_ = std::move(error);
        }
        queue_.pop_front();
        free_.push_back(job.slot);
        cv_.notify_all();
    }
}

}  // namespace m2h::detail
