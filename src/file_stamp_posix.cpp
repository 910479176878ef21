#include <sys/stat.h>
#include <time.h>

#include "clm/file_stamp.hpp"

namespace clm {
namespace {

std::optional<FileStamp> regular_stamp(const struct stat& info) {
    if (!S_ISREG(info.st_mode)) {
        return std::nullopt;
    }
    return FileStamp{static_cast<std::int64_t>(info.st_size),
                     static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
                         info.st_mtim.tv_nsec};
}

} // namespace

std::optional<FileStamp> stamp_of(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return std::nullopt;
    }
    return regular_stamp(info);
}

std::optional<FileStamp> stamp_of_descriptor(int fd) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        return std::nullopt;
    }
    return regular_stamp(info);
}

bool is_racy(const FileStamp& stamp, std::int64_t now_ns) {
    return stamp.mtime_ns > now_ns - 1'000'000'000;
}

std::int64_t wall_clock_ns() {
    struct timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace clm
