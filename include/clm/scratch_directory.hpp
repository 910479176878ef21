// A private temporary directory for the files of child processes.
#pragma once

#include <filesystem>

namespace clm {

/// A new directory below TMPDIR (or /tmp) that only clm uses, removed with everything in it
/// when the object is destroyed: executions run in it and renders write into it, so nothing
/// half-made is ever left in the course or the output tree.
class ScratchDirectory {
public:
    /// Throws std::filesystem::filesystem_error when no directory can be made.
    ScratchDirectory();
    ~ScratchDirectory();
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;

    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace clm
