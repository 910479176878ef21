// Deciding from the build state which outputs a build must make, and recording what it made.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "clm/build_options.hpp"
#include "clm/build_plan.hpp"
#include "clm/build_recorder.hpp"
#include "clm/build_state.hpp"
#include "clm/input_digests.hpp"
#include "clm/output_key.hpp"

namespace clm {

/// The part of a plan that must be built, and what became of the rest.
struct IncrementalPlan {
    BuildPlan work;                // the outputs to make, in plan order
    std::size_t skipped = 0;       // current: key unchanged, file as clm left it
    std::size_t failed_before = 0; // an earlier build failed them, and their key is unchanged
    /// The stored errors of those, once each, marked as from an earlier build.
    std::vector<Diagnostic> earlier_errors;
    /// For --explain: "PATH: why it is built", one per output in `work`.
    std::vector<std::string> explanations;
};

/// An incremental build of one course against its build state. It decides what to build
/// (plan), reads the decks that must be built (load_texts), records every result as the
/// stages report it (as their BuildRecorder), and afterwards deletes the outputs that the
/// build no longer makes (delete_stale_outputs).
class IncrementalBuild final : public BuildRecorder {
public:
    /// `tools` is tools_digest() of the build's Jupyter tools. With `force`, no output or
    /// execution is taken from the state, but every result is recorded in it.
    IncrementalBuild(BuildState& state, InputDigests& digests, Course& course,
                     const BuildOptions& options, std::string tools, bool force);

    IncrementalPlan plan(const BuildPlan& plan);
    /// The digest of a topic's files for plan_html(), from the build's InputDigests.
    TopicDigest topic_digest() const;
    /// Reads the text of every deck of `work` that load_course() did not read. A deck that
    /// can no longer be read is an error.
    std::vector<Diagnostic> load_texts(const BuildPlan& work);
    /// Deletes the recorded outputs that `plan` (the whole plan of this build) and `copies`
    /// (planned_copies() of its assets, of which `recorded_copies` had a record when the
    /// build began) no longer hold, as clm::delete_stale_outputs() does. Returns how many
    /// files were deleted.
    std::size_t delete_stale_outputs(const BuildPlan& plan,
                                     const std::unordered_set<std::string>& copies,
                                     std::size_t recorded_copies);
    /// Removes the temporary files that a killed build may have left beside the outputs.
    void remove_leftover_temporaries(const BuildPlan& plan);
    /// Forgets the executions of decks, and the conversions of diagrams, that the course no
    /// longer has.
    void forget_deleted_decks();

    void output_done(const std::string& path, std::string_view bytes) override;
    void output_failed(const std::string& path, const Diagnostic& error) override;
    std::optional<EarlierExecution> earlier_execution(const Execution& execution) override;
    void execution_succeeded(const Execution& execution, const std::string& notebook) override;
    void execution_failed(const Execution& execution, const Diagnostic& error) override;

private:
    /// What to do with one planned output, and why.
    struct Verdict {
        enum Kind { current, failed_before, build } kind = current;
        std::string why;                      // for `build`
        const OutputRecord* record = nullptr; // its record, when it has one
        std::optional<FileStamp> new_stamp;   // a current file's stamp that changed
    };
    /// Judges `output` against its record; safe to call from several threads at once.
    Verdict judge(const PlannedOutput& output, StampReader& stamps, ContentHash& hash) const;
    /// Adds what `verdict` says to `result`, in plan order.
    void apply(const PlannedOutput& output, Verdict verdict, IncrementalPlan& result);
    void prepare_root(const OutputTargetSpec* target);
    OutputRecord record_for(const std::string& path);
    std::string execution_key(const Execution& execution) const;
    std::string work_source(const Execution& execution) const;
    std::string work_id(const Execution& execution, Language language) const;
    /// The path of `output` as the state keys it: absolute and normal.
    std::string state_path(const PlannedOutput& output) const;

    BuildState& m_state;
    InputDigests& m_digests;
    Course& m_course;
    const BuildOptions& m_options;
    std::string m_tools;
    bool m_force;
    OutputKeys m_keys;
    std::unordered_map<std::string, PlannedOutput> m_planned; // the work, by path
    // Each target's root as the plan spells it and as the state does, both ending in '/'.
    std::unordered_map<const OutputTargetSpec*, std::pair<std::string, std::string>> m_roots;
    std::size_t m_recorded_in_plan = 0; // planned outputs that have a record
    std::size_t m_records_when_planned = 0;
};

} // namespace clm
