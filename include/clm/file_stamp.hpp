// What stat says about a file: enough to notice, without reading it, that it has changed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace clm {

/// A regular file's size and modification time in nanoseconds. Equal stamps mean the file
/// has not been written since, as far as the file system can tell.
struct FileStamp {
    std::int64_t size = -1;
    std::int64_t mtime_ns = 0;

    bool operator==(const FileStamp&) const = default;
};

/// The stamp of the regular file at `path` (following symbolic links), or nothing when there
/// is none.
std::optional<FileStamp> stamp_of(const std::filesystem::path& path);

/// The stamp of an open file descriptor, or nothing when it is not a regular file.
std::optional<FileStamp> stamp_of_descriptor(int fd);

/// Stamps of many files in few directories. Each directory is opened once and its files are
/// looked up relative to it, which spares the kernel walking every file's whole path: the
/// most of what checking thousands of outputs costs.
class StampReader {
public:
    StampReader() = default;
    ~StampReader();
    StampReader(const StampReader&) = delete;
    StampReader& operator=(const StampReader&) = delete;

    /// The stamp of the regular file at the absolute `path`, or nothing.
    std::optional<FileStamp> stamp(const std::string& path);

private:
    static constexpr std::size_t max_open = 128;
    void close_all();

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>()(text);
        }
    };
    // The open descriptor of each directory.
    std::unordered_map<std::string, int, Hash, std::equal_to<>> m_directories;
};

/// Whether a file with this stamp may still change within the same modification time
/// without its stamp showing it: one written less than a second before `now_ns` (the clock
/// of the file system, in nanoseconds since the epoch). Such a stamp is not trusted later.
bool is_racy(const FileStamp& stamp, std::int64_t now_ns);

/// The current wall time in nanoseconds since the epoch, as file modification times count.
std::int64_t wall_clock_ns();

} // namespace clm
