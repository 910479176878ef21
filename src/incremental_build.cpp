#include "clm/incremental_build.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <unordered_set>

#include "clm/content_hash.hpp"
#include "clm/html_plan.hpp"
#include "clm/log.hpp"
#include "clm/output_layout.hpp"
#include "clm/output_sweep.hpp"
#include "clm/parallel_work.hpp"

namespace clm {
namespace fs = std::filesystem;
namespace {

std::string describe_change(const std::vector<std::string>& parts) {
    static const std::map<std::string, std::string> what = {
        {"deck", "the deck changed"},
        {"topic", "a file of its topic changed"},
        {"spec", "the spec's settings for its topic changed"},
        {"tools", "the executor or renderer changed"},
        {"clm", "clm's version changed"}};
    if (parts.empty()) {
        return "its options changed";
    }
    std::string text;
    for (const std::string& part : parts) {
        text += (text.empty() ? "" : ", ") + what.at(part);
    }
    return text;
}

bool same_diagnostic(const Diagnostic& a, const Diagnostic& b) {
    return a.file == b.file && a.line == b.line && a.message == b.message;
}

} // namespace

IncrementalBuild::IncrementalBuild(BuildState& state, InputDigests& digests, Course& course,
                                   const BuildOptions& options, std::string tools, bool force)
    : m_state(state)
    , m_digests(digests)
    , m_course(course)
    , m_options(options)
    , m_tools(tools)
    , m_force(force)
    , m_keys(course, std::move(tools), [&digests](const Topic& topic) -> const std::string& {
        return digests.topic_digest(topic);
    }) {}

// Normalising a path costs a microsecond or two, and a plan has thousands. Every output path
// is its target's root and a relative path of sanitised names, which needs no normalising; so
// only each target's root is normalised.
void IncrementalBuild::prepare_root(const OutputTargetSpec* target) {
    auto [it, inserted] = m_roots.try_emplace(target);
    if (!inserted) {
        return;
    }
    auto& [planned, absolute] = it->second;
    planned = target_root(*target, m_course.root, m_options.output_dir).string();
    absolute = fs::absolute(planned).lexically_normal().string();
    for (std::string* root : {&planned, &absolute}) {
        if (!root->ends_with('/')) {
            *root += '/';
        }
    }
}

std::string IncrementalBuild::state_path(const PlannedOutput& output) const {
    auto found = m_roots.find(output.target);
    if (found != m_roots.end() && output.path.starts_with(found->second.first)) {
        std::string path = found->second.second;
        path.append(output.path, found->second.first.size());
        return path;
    }
    return fs::absolute(output.path).lexically_normal().string();
}

TopicDigest IncrementalBuild::topic_digest() const {
    InputDigests& digests = m_digests;
    return [&digests](const Topic& topic) -> const std::string& {
        return digests.topic_digest(topic);
    };
}

// Judging an output is a stat and a hash, 18,000 times in a large course: the work is split
// over the cores, after everything the judges share has been computed.
IncrementalPlan IncrementalBuild::plan(const BuildPlan& plan) {
    m_records_when_planned = m_state.outputs().size();
    for (const PlannedOutput& output : plan.outputs) {
        m_keys.prepare(output);
        prepare_root(output.target);
    }
    std::vector<Verdict> verdicts(plan.outputs.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        StampReader stamps;
        ContentHash hash;
        for (std::size_t i = next.fetch_add(256); i < verdicts.size(); i = next.fetch_add(256)) {
            for (std::size_t j = i; j < std::min(i + 256, verdicts.size()); ++j) {
                verdicts[j] = judge(plan.outputs[j], stamps, hash);
            }
        }
    };
    run_in_parallel(plan.outputs.size(), 2048, work);
    IncrementalPlan result;
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        apply(plan.outputs[i], std::move(verdicts[i]), result);
    }
    result.skipped = plan.outputs.size() - result.work.outputs.size() - result.failed_before;
    for (const PlannedOutput& output : result.work.outputs) {
        m_planned.emplace(output.path, output);
    }
    return result;
}

IncrementalBuild::Verdict IncrementalBuild::judge(const PlannedOutput& output, StampReader& stamps,
                                                  ContentHash& hash) const {
    if (m_force) {
        return {Verdict::build, "--force", nullptr, std::nullopt};
    }
    std::string path = state_path(output);
    const OutputRecord* record = m_state.output(path);
    if (record == nullptr) {
        return {Verdict::build, "no earlier build made it", nullptr, std::nullopt};
    }
    Verdict verdict{Verdict::current, "", record, std::nullopt};
    if (record->key != m_keys.prepared_key(output, path, hash)) {
        verdict.kind = Verdict::build;
        verdict.why =
            describe_change(changed_key_parts(record->inputs, m_keys.prepared_inputs(output)));
    } else if (record->outcome == RecordOutcome::failed) {
        verdict.kind = Verdict::failed_before;
    } else if (std::optional<FileStamp> stamp = stamps.stamp(path); !stamp) {
        verdict = {Verdict::build, "the file is missing", record, std::nullopt};
    } else if (*stamp != record->stamp) {
        // Touched, copied back or restored: current if its bytes are still clm's.
        if (file_bytes_digest(path) != record->digest) {
            verdict = {Verdict::build, "the file was changed since clm wrote it", record,
                       std::nullopt};
        } else {
            verdict.new_stamp = *stamp;
        }
    }
    return verdict;
}

void IncrementalBuild::apply(const PlannedOutput& output, Verdict verdict,
                             IncrementalPlan& result) {
    m_recorded_in_plan += verdict.record != nullptr ? 1 : 0;
    if (verdict.kind == Verdict::build) {
        result.work.outputs.push_back(output);
        result.explanations.push_back(output.path + ": " + verdict.why);
    } else if (verdict.kind == Verdict::failed_before) {
        ++result.failed_before;
        Diagnostic error = verdict.record->error;
        error.message += earlier_build_note;
        auto same = [&](const Diagnostic& known) { return same_diagnostic(known, error); };
        if (std::none_of(result.earlier_errors.begin(), result.earlier_errors.end(), same)) {
            result.earlier_errors.push_back(std::move(error));
        }
    } else if (verdict.new_stamp) {
        OutputRecord updated = *verdict.record;
        updated.stamp = *verdict.new_stamp;
        m_state.record_output(std::move(updated));
    }
}

std::vector<Diagnostic> IncrementalBuild::load_texts(const BuildPlan& work) {
    std::unordered_set<const Deck*> decks;
    for (const PlannedOutput& output : work.outputs) {
        decks.insert(output.deck);
    }
    std::vector<Diagnostic> errors;
    for (Section& section : m_course.sections) {
        for (Topic& topic : section.topics) {
            for (Deck& deck : topic.decks) {
                if (decks.count(&deck) == 0) {
                    continue;
                }
                for (DeckSource& source : deck.sources) {
                    if (std::optional<Diagnostic> error = load_deck_text(source)) {
                        errors.push_back(std::move(*error));
                    }
                }
                m_keys.forget(deck); // its digest is now that of the text just read
            }
        }
    }
    m_digests.remember_decks(m_course);
    return errors;
}

OutputRecord IncrementalBuild::record_for(const std::string& path) {
    const PlannedOutput& output = m_planned.at(path);
    std::string full = state_path(output);
    OutputKey key = m_keys.key_of(output, full);
    OutputRecord record;
    record.path = full;
    record.key = std::move(key.key);
    record.inputs = std::move(key.inputs);
    record.base = m_options.output_dir.string();
    record.target = output.target->name;
    record.language = language_code(output.language);
    record.kind = kind_name(output.kind);
    record.format = format_name(output.format);
    return record;
}

void IncrementalBuild::output_done(const std::string& path, std::string_view bytes) {
    if (m_planned.count(path) == 0) {
        return;
    }
    OutputRecord record = record_for(path);
    record.stamp = stamp_of(path).value_or(FileStamp{});
    record.digest = bytes_digest(bytes);
    m_state.record_output(std::move(record));
    m_state.commit_soon();
}

// A failed output keeps what is known of the file an earlier build wrote there, so that the
// file is still known as clm's when it is deleted later.
void IncrementalBuild::output_failed(const std::string& path, const Diagnostic& error) {
    if (m_planned.count(path) == 0) {
        return;
    }
    OutputRecord record = record_for(path);
    record.outcome = RecordOutcome::failed;
    record.error = error;
    if (const OutputRecord* earlier = m_state.output(state_path(m_planned.at(path)))) {
        record.stamp = earlier->stamp;
        record.digest = earlier->digest;
    }
    m_state.record_output(std::move(record));
    m_state.commit_soon();
}

// The deck of an execution relative to the course root, so that it names the same deck
// whichever directory clm is started from.
std::string IncrementalBuild::work_source(const Execution& execution) const {
    std::string root = m_course.root.generic_string();
    if (!root.empty() && !root.ends_with('/')) {
        root += '/';
    }
    const std::string& deck = execution.deck_file;
    return deck.starts_with(root) ? deck.substr(root.size()) : deck;
}

// "execute de slides/m/t/slides_x.py": one record per deck and language, which a changed
// deck replaces.
std::string IncrementalBuild::work_id(const Execution& execution, Language language) const {
    return "execute " + std::string(language_code(language)) + " " + work_source(execution);
}

std::string IncrementalBuild::execution_key(const Execution& execution) const {
    return ContentHash().add(execution.key).add(m_tools).add(clm_key_version()).hex();
}

// An execution that serves both languages is recorded under the language that first needed
// it, which need not be the one that needs it now; so both languages are looked up.
std::optional<EarlierExecution> IncrementalBuild::earlier_execution(const Execution& execution) {
    if (m_force) {
        return std::nullopt;
    }
    std::string key = execution_key(execution);
    for (Language language : all_languages) {
        std::optional<WorkRecord> record = m_state.work(work_id(execution, language));
        if (record && record->key == key) {
            return EarlierExecution{record->outcome == RecordOutcome::succeeded,
                                    std::move(record->payload), std::move(record->error)};
        }
    }
    return std::nullopt;
}

// Executions cost seconds each, so each is committed at once.
void IncrementalBuild::execution_succeeded(const Execution& execution,
                                           const std::string& notebook) {
    m_state.record_work({work_id(execution, execution.language),
                         execution_key(execution),
                         RecordOutcome::succeeded,
                         notebook,
                         {},
                         work_source(execution)});
    m_state.commit();
}

void IncrementalBuild::execution_failed(const Execution& execution, const Diagnostic& error) {
    m_state.record_work({work_id(execution, execution.language), execution_key(execution),
                         RecordOutcome::failed, "", error, work_source(execution)});
    m_state.commit();
}

std::size_t IncrementalBuild::delete_stale_outputs(const BuildPlan& plan,
                                                   const std::unordered_set<std::string>& copies,
                                                   std::size_t recorded_copies) {
    // Every record that existed when the build was planned belongs to a planned output or
    // copy, and the build adds records of those only: nothing is stale (the usual case).
    if (!m_force && m_recorded_in_plan + recorded_copies == m_records_when_planned) {
        return 0;
    }
    std::unordered_set<std::string> planned = copies;
    for (const PlannedOutput& output : plan.outputs) {
        planned.insert(state_path(output));
    }
    return clm::delete_stale_outputs(m_state, planned, m_options, m_course.root);
}

void IncrementalBuild::remove_leftover_temporaries(const BuildPlan& plan) {
    std::vector<std::string> planned;
    for (const PlannedOutput& output : plan.outputs) {
        planned.push_back(state_path(output));
    }
    clm::remove_leftover_temporaries(m_state, planned);
}

void IncrementalBuild::forget_deleted_decks() {
    std::vector<std::string> decks;
    for (const Section& section : m_course.sections) {
        for (const Topic& topic : section.topics) {
            for (const Deck& deck : topic.decks) {
                for (const DeckSource& source : deck.sources) {
                    decks.push_back(source.file.relative);
                }
            }
            for (const fs::path& file : topic.source.other_files) {
                decks.push_back(file.lexically_relative(m_course.root).generic_string());
            }
        }
    }
    m_state.forget_work_except(decks);
    m_state.commit();
}

} // namespace clm
