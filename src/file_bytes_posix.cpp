#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

#include "clm/file_bytes.hpp"

namespace clm {
namespace {

// Plain POSIX calls: this runs for every deck of a course, and iostreams cost several times
// more for the same bytes. Reading into a reused buffer saves both the fstat() that sizing
// the string first would cost and zero-filling a fresh one.
std::optional<std::string> read_descriptor(int fd) {
    thread_local std::vector<char> buffer(64 * 1024);
    std::string bytes;
    ssize_t count = 0;
    do {
        count = ::read(fd, buffer.data(), buffer.size());
        if (count > 0) {
            bytes.append(buffer.data(), static_cast<std::size_t>(count));
        }
    } while (count > 0 || (count < 0 && errno == EINTR));
    ::close(fd);
    if (count < 0) {
        return std::nullopt;
    }
    return bytes;
}

} // namespace

std::optional<std::string> read_file_bytes(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    return fd < 0 ? std::nullopt : read_descriptor(fd);
}

std::optional<std::string> read_file_bytes(const std::filesystem::path& path, FileStamp& stamp) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    stamp = stamp_of_descriptor(fd).value_or(FileStamp{});
    return read_descriptor(fd);
}

} // namespace clm
