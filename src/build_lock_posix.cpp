#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

#include "clm/build_lock.hpp"

namespace clm {

// flock() rather than fcntl() locks: they belong to the open file, not to the process, so
// no other descriptor of the same file that clm happens to close can drop them.
Expected<BuildLock> BuildLock::acquire(const std::filesystem::path& file, bool wait,
                                       const std::function<void()>& waiting) {
    std::error_code ignored;
    std::filesystem::create_directories(file.parent_path(), ignored);
    int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return Diagnostic{file.string(), 0,
                          std::string("cannot create the build lock: ") + std::strerror(errno)};
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        return BuildLock(fd);
    }
    if (errno != EWOULDBLOCK || !wait) {
        int error = errno;
        ::close(fd);
        if (error == EWOULDBLOCK) {
            throw ConfigError(Diagnostic{file.string(), 0,
                                         "another clm build of this course is running; wait "
                                         "for it to end, or leave out --no-wait to wait for it"});
        }
        return Diagnostic{file.string(), 0,
                          std::string("cannot lock the build state: ") + std::strerror(error)};
    }
    waiting();
    int result = 0;
    while ((result = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR) {
    }
    if (result != 0) {
        int error = errno;
        ::close(fd);
        return Diagnostic{file.string(), 0,
                          std::string("cannot lock the build state: ") + std::strerror(error)};
    }
    return BuildLock(fd);
}

BuildLock::BuildLock(BuildLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)) {}

BuildLock& BuildLock::operator=(BuildLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

BuildLock::~BuildLock() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

} // namespace clm
