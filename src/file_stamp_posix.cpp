#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

StampReader::~StampReader() {
    close_all();
}

std::optional<FileStamp> StampReader::stamp(const std::string& path) {
    std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) {
        return stamp_of(path);
    }
    std::string_view directory(path.data(), slash == 0 ? 1 : slash);
    auto it = m_directories.find(directory);
    if (it == m_directories.end()) {
        // A few directories at a time: the descriptors are needed elsewhere too, and plan
        // order keeps an output's directory among the recent ones.
        if (m_directories.size() >= max_open) {
            close_all();
        }
        std::string name(directory);
        int fd = ::open(name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            return stamp_of(path); // no descriptor to spare, or no directory: the long way
        }
        it = m_directories.emplace(std::move(name), fd).first;
    }
    struct stat info {};
    if (::fstatat(it->second, path.c_str() + slash + 1, &info, 0) != 0) {
        return std::nullopt;
    }
    return regular_stamp(info);
}

void StampReader::close_all() {
    for (const auto& [directory, fd] : m_directories) {
        ::close(fd);
    }
    m_directories.clear();
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
