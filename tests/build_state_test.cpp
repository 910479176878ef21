#include <fstream>

#include "clm/build_state.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

OutputRecord output(const std::string& path, const std::string& key) {
    OutputRecord record;
    record.path = path;
    record.key = key;
    record.inputs = "deck=1";
    record.stamp = {12, 345};
    record.digest = "d";
    record.target = "shared";
    record.kind = "completed";
    return record;
}

TEST(BuildState, RecordsSurviveReopeningOnceCommitted) {
    TempDir dir;
    fs::path file = dir.path() / ".clm/state.db";
    {
        BuildState state = BuildState::open(file);
        ASSERT_TRUE(state.is_persistent());
        state.record_output(output("/o/a.py", "k1"));
        state.record_input({"/c/deck.py", {3, 4}, "digest", "facts"});
        state.record_work({"execute de x", "key", RecordOutcome::failed, "", {"x", 7, "bad"}, "x"});
        state.commit();
    }
    BuildState state = BuildState::open(file);
    ASSERT_NE(state.output("/o/a.py"), nullptr);
    EXPECT_EQ(state.output("/o/a.py")->key, "k1");
    EXPECT_EQ(state.output("/o/a.py")->stamp, (FileStamp{12, 345}));
    EXPECT_EQ(state.output("/o/a.py")->target, "shared");
    EXPECT_EQ(state.input("/c/deck.py")->facts, "facts");
    std::optional<WorkRecord> work = state.work("execute de x");
    ASSERT_TRUE(work);
    EXPECT_EQ(work->outcome, RecordOutcome::failed);
    EXPECT_EQ(work->error.line, 7);
    EXPECT_EQ(work->error.message, "bad");
}

TEST(BuildState, ChangesNotCommittedAreLostAsAfterAKill) {
    TempDir dir;
    fs::path file = dir.path() / "state.db";
    {
        BuildState state = BuildState::open(file);
        state.record_output(output("/o/a.py", "k1"));
        state.commit();
        state.record_output(output("/o/b.py", "k2"));
        state.forget_output("/o/a.py");
    }
    BuildState state = BuildState::open(file);
    EXPECT_NE(state.output("/o/a.py"), nullptr);
    EXPECT_EQ(state.output("/o/b.py"), nullptr);
}

TEST(BuildState, WorkPayloadsKeepEveryByte) {
    TempDir dir;
    std::string payload("{\"cells\": []}\0\xff", 15);
    {
        BuildState state = BuildState::open(dir.path() / "state.db");
        state.record_work({"w", "k", RecordOutcome::succeeded, payload, {}, "x"});
        EXPECT_EQ(state.work("w")->payload, payload) << "before the commit too";
        state.commit();
    }
    EXPECT_EQ(BuildState::open(dir.path() / "state.db").work("w")->payload, payload);
}

TEST(BuildState, ForgetsTheWorkOfSourcesThatAreGone) {
    TempDir dir;
    BuildState state = BuildState::open(dir.path() / "state.db");
    state.record_work({"a", "k", RecordOutcome::succeeded, "", {}, "deck_a.py"});
    state.record_work({"b", "k", RecordOutcome::succeeded, "", {}, "deck_b.py"});
    state.commit();
    state.forget_work_except({"deck_b.py"});
    state.commit();
    EXPECT_FALSE(state.work("a"));
    EXPECT_TRUE(state.work("b"));
}

TEST(BuildState, ABuildThatDidNotFinishIsNoticedByTheNext) {
    TempDir dir;
    fs::path file = dir.path() / "state.db";
    {
        BuildState state = BuildState::open(file);
        EXPECT_FALSE(state.previous_build_unfinished());
        state.start_build();
    }
    {
        BuildState state = BuildState::open(file);
        EXPECT_TRUE(state.previous_build_unfinished());
        state.start_build();
        state.finish_build();
    }
    EXPECT_FALSE(BuildState::open(file).previous_build_unfinished());
}

TEST(BuildState, ACorruptFileIsSetAsideAndAnEmptyStateMade) {
    TempDir dir;
    fs::path file = dir.path() / "state.db";
    write_file(file, std::string(4096, 'x'));
    write_file(dir.path() / "state.db-wal", "a stale log");
    write_file(dir.path() / "state.db.corrupt-1", "set aside before");
    BuildState state = BuildState::open(file);
    EXPECT_TRUE(state.is_persistent());
    EXPECT_TRUE(state.outputs().empty());
    EXPECT_EQ(testing::read_file(dir.path() / "state.db.corrupt-2"), std::string(4096, 'x'));
    EXPECT_NE(testing::read_file(dir.path() / "state.db-wal"), "a stale log")
        << "a new state must not start from the old one's log";
    state.record_output(output("/o/a.py", "k"));
    state.commit();
    EXPECT_NE(BuildState::open(file).output("/o/a.py"), nullptr);
}

TEST(BuildState, AFileOfAnotherSchemaVersionIsSetAside) {
    TempDir dir;
    fs::path file = dir.path() / "state.db";
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE outputs(x); PRAGMA user_version = 2", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    BuildState state = BuildState::open(file);
    EXPECT_TRUE(state.is_persistent());
    EXPECT_TRUE(fs::exists(dir.path() / "state.db.corrupt-1"));
}

TEST(BuildState, WithoutAFileEverythingIsKeptInMemory) {
    BuildState state;
    EXPECT_FALSE(state.is_persistent());
    state.record_output(output("/o/a.py", "k"));
    state.record_work({"w", "k", RecordOutcome::succeeded, "nb", {}, "x"});
    state.commit();
    EXPECT_NE(state.output("/o/a.py"), nullptr);
    EXPECT_EQ(state.work("w")->payload, "nb");
}

} // namespace
} // namespace clm
