// Whether a diagram needs rendering again, decided from the build state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clm/asset_plan.hpp"
#include "clm/build_state.hpp"
#include "clm/diagnostic.hpp"
#include "clm/diagram_tools.hpp"
#include "clm/input_digests.hpp"

namespace clm {

/// What a build does with one diagram, and why.
struct DiagramVerdict {
    enum Kind { current, failed_before, render } kind = render;
    std::string why;  // for `render`: what --explain prints
    Diagnostic error; // for `failed_before`: the stored error, marked as from an earlier build
};

/// Judges and records diagram conversions as work records of the build state, one per
/// diagram source and image format. A conversion's key is the digest of the source's bytes
/// (line endings normalised, as for every input), the converter's command words and the
/// image format. A conversion is current when its key is the recorded one and the render
/// still holds the bytes clm wrote (same stamp, or same digest); a failure is replayed while
/// its key is unchanged. A render that has no record (committed, or made by an older clm) is
/// taken as current when it is not older than its source, the way make decides, and is then
/// recorded, so that from there on only the source's bytes count.
class DiagramFreshness {
public:
    DiagramFreshness(BuildState& state, InputDigests& digests, const DiagramTools& tools,
                     std::filesystem::path course_root, bool force);

    DiagramVerdict judge(const Diagram& diagram);
    /// Judges every diagram of `plan` and marks it current or failed before. Returns the
    /// stored errors of those that failed before, and adds "SOURCE: why" to `explanations`
    /// for each that is rendered.
    std::vector<Diagnostic> judge_all(AssetPlan& plan, std::vector<std::string>& explanations);
    /// Records that `diagram.render` now holds `bytes`, the diagram's conversion.
    void rendered(const Diagram& diagram, std::string_view bytes);
    /// Records a failure that converting the same source again would repeat.
    void failed(const Diagram& diagram, const Diagnostic& error);

private:
    std::string id_of(const Diagram& diagram) const;
    std::string key_of(const Diagram& diagram);
    std::string source_of(const Diagram& diagram) const;
    void record_render(const Diagram& diagram, const std::string& digest);

    BuildState& m_state;
    InputDigests& m_digests;
    const DiagramTools& m_tools;
    std::filesystem::path m_root;
    bool m_force;
    std::unordered_map<std::string, std::string> m_keys; // by work id, as first taken
};

/// True when `render` exists and is not older than `source`: how a render without a record
/// is judged.
bool render_is_not_older(const std::filesystem::path& source, const std::filesystem::path& render);

} // namespace clm
