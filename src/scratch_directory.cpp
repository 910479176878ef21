#include "clm/scratch_directory.hpp"

#include <cerrno>
#include <cstdlib>
#include <string>
#include <system_error>

namespace clm {

ScratchDirectory::ScratchDirectory() {
    std::error_code error;
    std::string name = (std::filesystem::temp_directory_path(error) / "clm-XXXXXX").string();
    if (error || mkdtemp(name.data()) == nullptr) {
        throw std::filesystem::filesystem_error(
            "cannot create a temporary directory", name,
            error ? error : std::error_code(errno, std::generic_category()));
    }
    m_path = name;
}

ScratchDirectory::~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

} // namespace clm
