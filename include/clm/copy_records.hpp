// Copied files (images, data files, renders, directory groups) as outputs of the build state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "clm/asset_plan.hpp"
#include "clm/build_state.hpp"
#include "clm/file_stamp.hpp"

namespace clm {

/// The record kind of a copied file.
inline constexpr std::string_view copy_kind = "copy";

/// Records each copy as an OutputRecord of kind "copy": its key is the SHA-256 of the
/// source's bytes, its inputs name the source and the source's stamp when it was read, its
/// stamp and digest are those of the copy as clm left it, and its target, language and
/// format are its CopyScope. A copy is current when the source's stamp and the copy's stamp
/// are the recorded ones, so a build that copies nothing new reads neither file. Being of
/// kind "copy", a copy is in the scope of no --speaker-only build (see is_in_scope).
class CopyRecords {
public:
    /// `base` is the build's --output-dir, as other outputs record it.
    CopyRecords(BuildState& state, std::string base, std::int64_t build_start_ns);

    /// The digest of the bytes `destination` holds when the state says they are those of
    /// `source` as it is now (whose stamp is `source_stamp`); nothing otherwise.
    std::optional<std::string> current_digest(const std::filesystem::path& source,
                                              const FileStamp& source_stamp,
                                              const std::filesystem::path& destination) const;
    /// Records that `destination` holds the bytes of `source` (whose stamp was
    /// `source_stamp` when it was read), whose digest is `digest`.
    void copied(const std::filesystem::path& source, const FileStamp& source_stamp,
                const std::string& digest, const std::filesystem::path& destination,
                const CopyScope& scope);

private:
    BuildState& m_state;
    std::string m_base;
    std::int64_t m_build_start_ns;
};

/// Every destination `plan` copies to, absolute and normal as the state keys outputs.
std::unordered_set<std::string> planned_copies(const AssetPlan& plan);

/// How many of `copies` the state has a record of.
std::size_t recorded_count(const BuildState& state, const std::unordered_set<std::string>& copies);

} // namespace clm
