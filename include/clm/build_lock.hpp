// Keeping two builds of one course from running at once.
#pragma once

#include <filesystem>
#include <functional>

#include "clm/expected.hpp"

namespace clm {

/// An exclusive lock on a course's build state, held until the object is destroyed. The
/// operating system releases it when the process ends in any way, SIGKILL included, so a
/// crashed build never leaves the course locked.
class BuildLock {
public:
    /// Takes the lock on `file` (created if missing). When another process holds it:
    /// with `wait`, calls `waiting` once and waits for it; without, throws ConfigError
    /// naming `file`. A lock file that cannot be made or locked is an error value.
    static Expected<BuildLock> acquire(const std::filesystem::path& file, bool wait,
                                       const std::function<void()>& waiting);

    BuildLock(BuildLock&& other) noexcept;
    BuildLock& operator=(BuildLock&& other) noexcept;
    BuildLock(const BuildLock&) = delete;
    BuildLock& operator=(const BuildLock&) = delete;
    ~BuildLock();

private:
    explicit BuildLock(int fd)
        : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace clm
