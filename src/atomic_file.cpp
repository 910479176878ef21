#include "clm/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace clm {
namespace fs = std::filesystem;
namespace {

Diagnostic write_error(const fs::path& path, std::string_view what, int error) {
    return Diagnostic{path.string(), 0, std::string(what) + ": " + std::strerror(error)};
}

// Whether the file at `path` holds exactly `bytes`. A missing or unreadable file does not.
bool has_contents(const fs::path& path, std::string_view bytes) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
        static_cast<std::size_t>(info.st_size) != bytes.size()) {
        return false;
    }
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    std::string existing(bytes.size(), '\0');
    std::size_t done = 0;
    while (done < existing.size()) {
        ssize_t n = read(fd, existing.data() + done, existing.size() - done);
        if (n <= 0) {
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    close(fd);
    return done == bytes.size() && existing == bytes;
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

} // namespace

Expected<WriteOutcome> write_file_if_changed(const fs::path& path, std::string_view bytes) {
    if (has_contents(path, bytes)) {
        return WriteOutcome::unchanged;
    }
    std::error_code error;
    // A bare file name has no parent to create (and create_directories("") fails).
    if (!path.parent_path().empty()) {
        fs::create_directories(path.parent_path(), error);
    }
    if (error) {
        return Diagnostic{path.parent_path().string(), 0,
                          "cannot create directory: " + error.message()};
    }
    // The temporary name starts with a dot so that a crash leaves nothing that looks like
    // an output; mkstemp makes it unique among concurrent writers.
    std::string temp = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX"));
    int fd = mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0) {
        return write_error(path, "cannot create a temporary file", errno);
    }
    fchmod(fd, 0644);
    bool written = write_all(fd, bytes);
    int saved_errno = errno;
    if (close(fd) != 0 && written) {
        written = false;
        saved_errno = errno;
    }
    if (!written || std::rename(temp.c_str(), path.c_str()) != 0) {
        saved_errno = written ? errno : saved_errno;
        unlink(temp.c_str());
        return write_error(path, "cannot write output", saved_errno);
    }
    return WriteOutcome::written;
}

} // namespace clm
