// Writing outputs so that no reader ever sees a half-written file.
#pragma once

#include <filesystem>
#include <string_view>

#include "clm/expected.hpp"

namespace clm {

enum class WriteOutcome { written, unchanged };

/// Makes `path` hold exactly `bytes`. When it already does, nothing is touched, so its
/// modification time stays. Otherwise the bytes go to a temporary file in the same
/// directory that is then renamed over `path`; parent directories are created. On failure
/// the temporary file is removed and the diagnostic names `path` and the system error.
Expected<WriteOutcome> write_file_if_changed(const std::filesystem::path& path,
                                             std::string_view bytes);

} // namespace clm
