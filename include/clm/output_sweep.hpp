// Removing what earlier builds wrote and this one no longer makes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <unordered_set>
#include <vector>

#include "clm/build_options.hpp"
#include "clm/build_state.hpp"

namespace clm {

/// Whether a build with `options` answers for `record`: the record has the same
/// --output-dir, is of a selected target (any, when none is named, so also of a target the
/// spec no longer has), and of the selected language, kinds and formats. A copy (kind
/// "copy") is of no kind that --speaker-only selects, so such a build answers for none.
bool is_in_scope(const OutputRecord& record, const BuildOptions& options);

/// Deletes the file of every record in scope whose path is not in `planned` (absolute paths)
/// and forgets the record. A file is deleted only while it still holds what clm wrote
/// (otherwise it is kept with a warning), never inside a `.git` directory, and directories
/// it leaves empty go too, up to the course root or the output directory. Returns how many
/// files were deleted.
std::size_t delete_stale_outputs(BuildState& state, const std::unordered_set<std::string>& planned,
                                 const BuildOptions& options,
                                 const std::filesystem::path& course_root);

/// Removes the temporary files that write_file_if_changed() leaves when it is killed
/// (".NAME.XXXXXX") beside any planned or recorded output NAME.
void remove_leftover_temporaries(const BuildState& state, const std::vector<std::string>& planned);

} // namespace clm
