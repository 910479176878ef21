#include "clm/build_lock.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

TEST(BuildLock, ASecondHolderIsRefusedWithoutWaitingAndAdmittedOnceItIsFree) {
    testing::TempDir dir;
    std::filesystem::path file = dir.path() / ".clm/state.lock";
    bool waited = false;
    auto waiting = [&] { waited = true; };
    std::optional<BuildLock> first;
    {
        Expected<BuildLock> taken = BuildLock::acquire(file, false, waiting);
        ASSERT_TRUE(taken);
        first.emplace(std::move(*taken));
    }
    try {
        BuildLock::acquire(file, false, waiting);
        ADD_FAILURE() << "a second lock was given";
    } catch (const ConfigError& error) {
        EXPECT_NE(error.diagnostics()[0].message.find("another clm build"), std::string::npos);
        EXPECT_EQ(error.diagnostics()[0].file, file.string());
    }
    first.reset();
    EXPECT_TRUE(BuildLock::acquire(file, false, waiting));
    EXPECT_FALSE(waited);
}

TEST(BuildLock, ALockFileThatCannotBeMadeIsAnErrorValue) {
    testing::TempDir dir;
    testing::write_file(dir.path() / "file", "not a directory");
    Expected<BuildLock> lock = BuildLock::acquire(dir.path() / "file/state.lock", true, [] {});
    ASSERT_FALSE(lock);
    EXPECT_NE(lock.error().message.find("cannot create the build lock"), std::string::npos);
}

} // namespace
} // namespace clm
