// Fuzz input as a file the readers can open: an in-memory file (memfd) reached through
// /proc/self/fd, so every target reads through the same code paths as the tools.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace m2h::fuzz {

class MemFile {
public:
    MemFile(const std::uint8_t* data, std::size_t size) {
        fd_ = memfd_create("m2h-fuzz", MFD_CLOEXEC);
        if (fd_ < 0 || write(fd_, data, size) != static_cast<ssize_t>(size)) std::abort();
        path_ = "/proc/self/fd/" + std::to_string(fd_);
    }
    ~MemFile() { close(fd_); }
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;
    const std::string& path() const { return path_; }

private:
    int fd_ = -1;
    std::string path_;
};

}  // namespace m2h::fuzz
