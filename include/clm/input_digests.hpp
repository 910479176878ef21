// Digests of a course's input files, read only when they changed since the last build.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>

#include "clm/build_state.hpp"
#include "clm/course.hpp"

namespace clm {

/// Answers what a file's digest is from the build state's input records while the file's
/// stamp is the recorded one, and reads (and records) it otherwise. A file written less than
/// a second before the build started is read but not recorded, since a write in the same
/// tick of its clock could leave its stamp unchanged.
class InputDigests {
public:
    InputDigests(BuildState& state, std::int64_t build_start_ns);

    /// For load_course(): the decks whose stamps are recorded.
    DeckCache deck_cache() const;
    /// Records the decks that were read (by load_course() or load_deck_text()).
    void remember_decks(const Course& course);
    /// The digest of a topic's other files: their names relative to the topic and their
    /// contents, line endings normalized. A file topic has none.
    const std::string& topic_digest(const Topic& topic);
    /// The digest of one file's contents, line endings normalized; "unreadable" when it
    /// cannot be read.
    std::string file_digest(const std::filesystem::path& path);

private:
    BuildState& m_state;
    std::int64_t m_build_start_ns;
    std::unordered_map<const Topic*, std::string> m_topics;
};

} // namespace clm
