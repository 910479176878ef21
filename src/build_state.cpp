#include "clm/build_state.hpp"

#include <unordered_set>
#include <utility>

#include "clm/log.hpp"

#include <sqlite3.h>

namespace clm {
namespace fs = std::filesystem;
namespace {

// The version of the schema below, kept in `PRAGMA user_version`. A file of another version
// is set aside rather than migrated: the state is a cache, and rebuilding it is always right.
constexpr int schema_version = 1;

constexpr const char* schema = R"sql(
CREATE TABLE outputs(path TEXT PRIMARY KEY, key TEXT NOT NULL, inputs TEXT NOT NULL,
    outcome INTEGER NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL, error_file TEXT NOT NULL, error_line INTEGER NOT NULL,
    error_message TEXT NOT NULL, base TEXT NOT NULL, target TEXT NOT NULL,
    language TEXT NOT NULL, kind TEXT NOT NULL, format TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE work(id TEXT PRIMARY KEY, key TEXT NOT NULL, outcome INTEGER NOT NULL,
    error_file TEXT NOT NULL, error_line INTEGER NOT NULL, error_message TEXT NOT NULL,
    source TEXT NOT NULL, payload BLOB NOT NULL);
CREATE TABLE inputs(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL, facts TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
PRAGMA user_version = 1;
)sql";

/// A prepared statement, finalised when it goes out of scope.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return m_stmt != nullptr; }
    Statement& bind(int index, std::string_view text) {
        sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind_blob(int index, std::string_view bytes) {
        sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()),
                          SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int index, std::int64_t number) {
        sqlite3_bind_int64(m_stmt, index, number);
        return *this;
    }
    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return m_stmt == nullptr ? SQLITE_ERROR : sqlite3_step(m_stmt); }
    /// Runs a statement that returns no rows, ready to be bound and run again.
    bool run() {
        int code = step();
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        return code == SQLITE_DONE;
    }
    std::string text(int column) const {
        const void* data = sqlite3_column_blob(m_stmt, column);
        int size = sqlite3_column_bytes(m_stmt, column);
        return data == nullptr ? std::string() : std::string(static_cast<const char*>(data), size);
    }
    std::int64_t number(int column) const { return sqlite3_column_int64(m_stmt, column); }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

RecordOutcome outcome_of(std::int64_t value) {
    return value == 0 ? RecordOutcome::succeeded : RecordOutcome::failed;
}

// The first FILE.corrupt-N that does not exist yet.
fs::path set_aside_name(const fs::path& file) {
    for (int n = 1;; ++n) {
        fs::path candidate = file;
        candidate += ".corrupt-" + std::to_string(n);
        std::error_code error;
        if (!fs::exists(candidate, error)) {
            return candidate;
        }
    }
}

// Moves the state file and SQLite's companions out of the way. The -wal file must go too: a
// new database would otherwise pick up the old one's log.
fs::path set_aside(const fs::path& file) {
    fs::path target = set_aside_name(file);
    std::error_code error;
    fs::rename(file, target, error);
    for (const char* suffix : {"-wal", "-shm"}) {
        fs::path companion = file;
        companion += suffix;
        fs::path moved = target;
        moved += suffix;
        if (fs::exists(companion, error)) {
            fs::rename(companion, moved, error);
        }
    }
    return target;
}

} // namespace

struct BuildState::Database {
    sqlite3* db = nullptr;
    ~Database() { sqlite3_close_v2(db); }
    std::string message() const { return db == nullptr ? "out of memory" : sqlite3_errmsg(db); }
    bool exec(const char* sql) const {
        return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    }
};

/// What was recorded since the last commit, in the order it happened.
struct BuildState::Changes {
    std::vector<std::string> outputs; // paths whose record changed or was forgotten
    std::vector<std::string> inputs;
    std::vector<std::string> work; // ids written, or deleted when not in m_new_work
    std::optional<bool> running;
    bool empty() const { return outputs.empty() && inputs.empty() && work.empty() && !running; }
};

BuildState::BuildState()
    : m_changes(std::make_unique<Changes>()) {}
BuildState::~BuildState() = default;
BuildState::BuildState(BuildState&&) noexcept = default;
BuildState& BuildState::operator=(BuildState&&) noexcept = default;

std::filesystem::path state_file_of(const fs::path& root) {
    return root / ".clm" / "state.db";
}

bool BuildState::is_persistent() const {
    return m_db != nullptr;
}

BuildState BuildState::open(const fs::path& file) {
    std::error_code error;
    fs::create_directories(file.parent_path(), error);
    if (error) {
        log_warning({file.parent_path().string(), 0,
                     "cannot create the build state directory (" + error.message() +
                         "); everything is built, and nothing is remembered"});
        return BuildState();
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        BuildState state;
        state.m_file = file;
        state.m_db = std::make_unique<Database>();
        int code = sqlite3_open_v2(file.c_str(), &state.m_db->db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        std::string problem;
        if (code != SQLITE_OK) {
            problem = state.m_db->message();
        } else {
            problem = state.load();
        }
        if (problem.empty()) {
            return state;
        }
        state.m_db.reset();
        if (attempt == 0) {
            fs::path moved = set_aside(file);
            log_warning({file.string(), 0,
                         "the build state cannot be used (" + problem + "); it was moved to " +
                             moved.filename().string() + " and everything is built again"});
        } else {
            log_warning({file.string(), 0,
                         "cannot create the build state (" + problem +
                             "); everything is built, and nothing is remembered"});
        }
    }
    return BuildState();
}

// Prepares the connection and makes sure the file holds this version's schema, creating it
// in an empty file. Returns why the file cannot be used, or nothing.
std::string BuildState::prepare() {
    sqlite3* db = m_db->db;
    // Another clm never holds the database (the build lock keeps it out), so a lock that
    // does not go away is a stale one and the file is set aside.
    sqlite3_busy_timeout(db, 2000);
    // Reading the records is most of what a build that has nothing to do costs; mapping the
    // file spares copying every page.
    if (!m_db->exec("PRAGMA journal_mode=WAL") || !m_db->exec("PRAGMA synchronous=NORMAL") ||
        !m_db->exec("PRAGMA mmap_size=1073741824")) {
        return m_db->message();
    }
    Statement version(db, "PRAGMA user_version");
    if (version.step() != SQLITE_ROW) {
        return m_db->message();
    }
    std::int64_t found = version.number(0);
    if (found != 0 && found != schema_version) {
        return "it has schema version " + std::to_string(found) + ", this clm uses " +
               std::to_string(schema_version);
    }
    Statement tables(db, "SELECT count(*) FROM sqlite_master");
    if (tables.step() != SQLITE_ROW) {
        return m_db->message();
    }
    if (found == 0 && tables.number(0) != 0) {
        return "it holds tables but no schema version";
    }
    if (found == 0 && !m_db->exec(schema)) {
        return m_db->message();
    }
    return "";
}

// Reads every record but the work payloads. Returns why that failed, or nothing.
std::string BuildState::load() {
    if (std::string problem = prepare(); !problem.empty()) {
        return problem;
    }
    sqlite3* db = m_db->db;
    Statement outputs(db, "SELECT path, key, inputs, outcome, size, mtime_ns, digest, "
                          "error_file, error_line, error_message, base, target, language, "
                          "kind, format FROM outputs");
    int code = SQLITE_ROW;
    while (outputs.ok() && (code = outputs.step()) == SQLITE_ROW) {
        OutputRecord record{outputs.text(0),
                            outputs.text(1),
                            outputs.text(2),
                            outcome_of(outputs.number(3)),
                            {outputs.number(4), outputs.number(5)},
                            outputs.text(6),
                            {outputs.text(7), static_cast<int>(outputs.number(8)), outputs.text(9)},
                            outputs.text(10),
                            outputs.text(11),
                            outputs.text(12),
                            outputs.text(13),
                            outputs.text(14)};
        std::string path = record.path;
        m_outputs.emplace(std::move(path), std::move(record));
    }
    if (!outputs.ok() || code != SQLITE_DONE) {
        return m_db->message();
    }
    Statement inputs(db, "SELECT path, size, mtime_ns, digest, facts FROM inputs");
    while (inputs.ok() && (code = inputs.step()) == SQLITE_ROW) {
        InputRecord record{
            inputs.text(0), {inputs.number(1), inputs.number(2)}, inputs.text(3), inputs.text(4)};
        std::string path = record.path;
        m_inputs.emplace(std::move(path), std::move(record));
    }
    if (!inputs.ok() || code != SQLITE_DONE) {
        return m_db->message();
    }
    // The payload comes last in its row, so that reading the other columns does not read it.
    Statement work(db, "SELECT id, key, outcome, error_file, error_line, error_message, source "
                       "FROM work");
    while (work.ok() && (code = work.step()) == SQLITE_ROW) {
        WorkRecord record{work.text(0),
                          work.text(1),
                          outcome_of(work.number(2)),
                          "",
                          {work.text(3), static_cast<int>(work.number(4)), work.text(5)},
                          work.text(6)};
        std::string id = record.id;
        m_work.emplace(std::move(id), std::move(record));
    }
    if (!work.ok() || code != SQLITE_DONE) {
        return m_db->message();
    }
    Statement running(db, "SELECT value FROM meta WHERE name = 'running'");
    code = running.step();
    m_previous_unfinished = code == SQLITE_ROW;
    return running.ok() && (code == SQLITE_ROW || code == SQLITE_DONE) ? "" : m_db->message();
}

void BuildState::fail(const std::string& what) {
    log_warning({m_file.string(), 0,
                 what + " (" + m_db->message() +
                     "); this build goes on, and the next one may redo some work"});
    m_db.reset();
}

const OutputRecord* BuildState::output(const std::string& path) const {
    auto found = m_outputs.find(path);
    return found == m_outputs.end() ? nullptr : &found->second;
}

const InputRecord* BuildState::input(const std::string& path) const {
    auto found = m_inputs.find(path);
    return found == m_inputs.end() ? nullptr : &found->second;
}

std::optional<WorkRecord> BuildState::work(const std::string& id) {
    auto found = m_work.find(id);
    if (found == m_work.end()) {
        return std::nullopt;
    }
    WorkRecord record = found->second;
    if (m_new_work.count(id) != 0) {
        record.payload = m_new_work.at(id).payload;
        return record;
    }
    if (m_db == nullptr) {
        return std::nullopt;
    }
    Statement query(m_db->db, "SELECT payload FROM work WHERE id = ?");
    if (query.bind(1, id).step() != SQLITE_ROW) {
        fail("cannot read the build state");
        return std::nullopt;
    }
    record.payload = query.text(0);
    return record;
}

void BuildState::record_output(OutputRecord record) {
    m_changes->outputs.push_back(record.path);
    std::string path = record.path;
    m_outputs.insert_or_assign(std::move(path), std::move(record));
}

void BuildState::forget_output(const std::string& path) {
    m_changes->outputs.push_back(path);
    m_outputs.erase(path);
}

void BuildState::record_work(WorkRecord record) {
    m_changes->work.push_back(record.id);
    WorkRecord index = record;
    index.payload.clear();
    m_work.insert_or_assign(record.id, std::move(index));
    std::string id = record.id;
    m_new_work.insert_or_assign(std::move(id), std::move(record));
}

void BuildState::forget_work_except(const std::vector<std::string>& sources) {
    std::unordered_set<std::string> kept(sources.begin(), sources.end());
    for (auto it = m_work.begin(); it != m_work.end();) {
        if (kept.count(it->second.source) == 0) {
            m_changes->work.push_back(it->first);
            m_new_work.erase(it->first);
            it = m_work.erase(it);
        } else {
            ++it;
        }
    }
}

void BuildState::record_input(InputRecord record) {
    m_changes->inputs.push_back(record.path);
    std::string path = record.path;
    m_inputs.insert_or_assign(std::move(path), std::move(record));
}

void BuildState::start_build() {
    m_changes->running = true;
    commit();
}

void BuildState::finish_build() {
    m_changes->running = false;
    commit();
}

void BuildState::commit_soon() {
    if (wall_clock_ns() - m_last_commit_ns > 250'000'000) {
        commit();
    }
}

namespace {

bool write_output(sqlite3* db, const std::string& path, const OutputRecord* record) {
    if (record == nullptr) {
        return Statement(db, "DELETE FROM outputs WHERE path = ?").bind(1, path).run();
    }
    Statement insert(db, "INSERT OR REPLACE INTO outputs VALUES "
                         "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return insert.bind(1, record->path)
        .bind(2, record->key)
        .bind(3, record->inputs)
        .bind(4, static_cast<std::int64_t>(record->outcome))
        .bind(5, record->stamp.size)
        .bind(6, record->stamp.mtime_ns)
        .bind(7, record->digest)
        .bind(8, record->error.file)
        .bind(9, static_cast<std::int64_t>(record->error.line))
        .bind(10, record->error.message)
        .bind(11, record->base)
        .bind(12, record->target)
        .bind(13, record->language)
        .bind(14, record->kind)
        .bind(15, record->format)
        .run();
}

bool write_input(sqlite3* db, const InputRecord& record) {
    Statement insert(db, "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?)");
    return insert.bind(1, record.path)
        .bind(2, record.stamp.size)
        .bind(3, record.stamp.mtime_ns)
        .bind(4, record.digest)
        .bind(5, record.facts)
        .run();
}

bool write_work(sqlite3* db, const WorkRecord& record) {
    Statement insert(db, "INSERT OR REPLACE INTO work VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    return insert.bind(1, record.id)
        .bind(2, record.key)
        .bind(3, static_cast<std::int64_t>(record.outcome))
        .bind(4, record.error.file)
        .bind(5, static_cast<std::int64_t>(record.error.line))
        .bind(6, record.error.message)
        .bind(7, record.source)
        .bind_blob(8, record.payload)
        .run();
}

bool delete_work(sqlite3* db, const std::string& id) {
    return Statement(db, "DELETE FROM work WHERE id = ?").bind(1, id).run();
}

bool write_running(sqlite3* db, bool running) {
    return Statement(db, running ? "INSERT OR REPLACE INTO meta VALUES ('running', '1')"
                                 : "DELETE FROM meta WHERE name = 'running'")
        .run();
}

} // namespace

void BuildState::commit() {
    m_last_commit_ns = wall_clock_ns();
    if (m_db == nullptr || m_changes->empty()) {
        *m_changes = Changes();
        return;
    }
    sqlite3* db = m_db->db;
    bool ok = m_db->exec("BEGIN IMMEDIATE");
    for (std::size_t i = 0; ok && i < m_changes->outputs.size(); ++i) {
        ok = write_output(db, m_changes->outputs[i], output(m_changes->outputs[i]));
    }
    for (std::size_t i = 0; ok && i < m_changes->inputs.size(); ++i) {
        ok = write_input(db, *input(m_changes->inputs[i]));
    }
    for (std::size_t i = 0; ok && i < m_changes->work.size(); ++i) {
        auto found = m_new_work.find(m_changes->work[i]);
        ok = found != m_new_work.end() ? write_work(db, found->second)
                                       : delete_work(db, m_changes->work[i]);
    }
    if (ok && m_changes->running) {
        ok = write_running(db, *m_changes->running);
    }
    ok = ok && m_db->exec("COMMIT");
    *m_changes = Changes();
    m_new_work.clear();
    if (!ok) {
        m_db->exec("ROLLBACK");
        fail("cannot update the build state");
    }
}

} // namespace clm
