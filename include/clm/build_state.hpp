// What earlier builds of a course did, kept in SQLite so that a build does only what changed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clm/diagnostic.hpp"
#include "clm/file_stamp.hpp"

namespace clm {

enum class RecordOutcome { succeeded = 0, failed = 1 };

/// One output file that clm wrote (or found already written), or failed to produce. Any kind
/// of output can be recorded: notebooks and pages, copied files, converted diagrams.
struct OutputRecord {
    std::string path; // the output file; the record's identity
    /// The digest of everything that determines the file's bytes; equal keys mean equal bytes.
    std::string key;
    /// The named parts of the key ("deck=3fa1.. files=..."), so --explain can say which changed.
    std::string inputs;
    RecordOutcome outcome = RecordOutcome::succeeded;
    FileStamp stamp;    // the file as clm left it (succeeded only)
    std::string digest; // the SHA-256 of its bytes as clm left it (succeeded only)
    Diagnostic error;   // why it failed (failed only)
    // Which selection of a build the output belongs to, so that a build replaces and deletes
    // only outputs it is responsible for: the --output-dir it was built with ("" for the
    // spec's paths), the output target's name, and its language, kind and format by name.
    std::string base;
    std::string target;
    std::string language;
    std::string kind;
    std::string format;
};

/// The result of one piece of work that outputs are made from: a notebook execution, a
/// diagram conversion. `id` names the work independently of its inputs ("execute
/// slides/m/t/slides_x.py (de)"), so a changed deck replaces its record instead of adding one.
struct WorkRecord {
    std::string id;
    std::string key;
    RecordOutcome outcome = RecordOutcome::succeeded;
    std::string payload; // what the work produced, e.g. the executed notebook
    Diagnostic error;    // why it failed (failed only)
    std::string source;  // the input file it belongs to, for forgetting deleted decks
};

/// An input file as it was last read: its stamp, the digest of its contents and any facts
/// derived from them (a deck's title), so an unchanged file need not be read again.
struct InputRecord {
    std::string path;
    FileStamp stamp;
    std::string digest;
    std::string facts;
};

/// The build state of one course, normally `COURSE/.clm/state.db`. All records are read when
/// it is opened (work payloads only on demand); changes are kept in memory at once and
/// written to the file by commit(), in one transaction, so that a build killed at any point
/// leaves the records of the last commit. A record is only ever added after its file is
/// complete on disk, so the file never claims more than there is.
///
/// A state file that cannot be used never fails a build: open() sets it aside with one
/// warning and starts empty, and a write that fails is warned about once, after which the
/// state lives in memory only.
class BuildState {
public:
    /// A state in memory only, for builds without a usable file.
    BuildState();
    ~BuildState();
    BuildState(BuildState&&) noexcept;
    BuildState& operator=(BuildState&&) noexcept;

    /// Opens or creates the state at `file`. A file that is corrupt, of another schema
    /// version or locked is renamed to FILE.corrupt-N (with its -wal and -shm files) and an
    /// empty state is created in its place.
    static BuildState open(const std::filesystem::path& file);

    /// Whether the state is kept in a file (false after open() gave up, or for BuildState()).
    bool is_persistent() const;
    /// Whether the last build that used this state did not end normally (it was killed).
    bool previous_build_unfinished() const { return m_previous_unfinished; }

    const OutputRecord* output(const std::string& path) const;
    const std::unordered_map<std::string, OutputRecord>& outputs() const { return m_outputs; }
    /// The work record with `id`, its payload read from the file; nothing when there is none.
    std::optional<WorkRecord> work(const std::string& id);
    const InputRecord* input(const std::string& path) const;

    void record_output(OutputRecord record);
    void forget_output(const std::string& path);
    void record_work(WorkRecord record);
    /// Forgets every work record whose source is not in `sources`.
    void forget_work_except(const std::vector<std::string>& sources);
    void record_input(InputRecord record);

    /// Notes in the file that a build is running; finish_build() clears it.
    void start_build();
    void finish_build();

    /// Writes every change since the last commit in one transaction.
    void commit();
    /// Commits when the last commit is more than a quarter of a second ago, so a killed build
    /// loses little work while a build of thousands of outputs commits a few times a second.
    void commit_soon();

private:
    struct Database;
    struct Changes;

    void fail(const std::string& what);
    std::string prepare();
    std::string load();

    std::unique_ptr<Database> m_db;
    std::unique_ptr<Changes> m_changes;
    std::unordered_map<std::string, OutputRecord> m_outputs;
    std::unordered_map<std::string, InputRecord> m_inputs;
    std::unordered_map<std::string, WorkRecord> m_work;     // without payloads
    std::unordered_map<std::string, WorkRecord> m_new_work; // recorded, not yet committed
    std::filesystem::path m_file;
    bool m_previous_unfinished = false;
    std::int64_t m_last_commit_ns = 0;
};

/// The state file of the course at `root`: `root/.clm/state.db`.
std::filesystem::path state_file_of(const std::filesystem::path& root);

} // namespace clm
