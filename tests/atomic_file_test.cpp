#include <sys/stat.h>

#include "clm/atomic_file.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;

std::size_t entries_in(const fs::path& directory) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(directory), fs::directory_iterator()));
}

TEST(AtomicFile, CreatesParentsAndWrites) {
    TempDir dir;
    fs::path path = dir.path() / "a" / "b" / "out.txt";
    Expected<WriteOutcome> outcome = write_file_if_changed(path, "hello");
    ASSERT_TRUE(outcome);
    EXPECT_EQ(*outcome, WriteOutcome::written);
    EXPECT_EQ(read_file(path), "hello");
    EXPECT_EQ(entries_in(path.parent_path()), 1u) << "no temporary file is left behind";
}

TEST(AtomicFile, LeavesAnUnchangedFileUntouched) {
    TempDir dir;
    fs::path path = dir.path() / "out.txt";
    ASSERT_TRUE(write_file_if_changed(path, "same"));
    struct stat before {};
    ASSERT_EQ(stat(path.c_str(), &before), 0);
    Expected<WriteOutcome> outcome = write_file_if_changed(path, "same");
    ASSERT_TRUE(outcome);
    EXPECT_EQ(*outcome, WriteOutcome::unchanged);
    struct stat after {};
    ASSERT_EQ(stat(path.c_str(), &after), 0);
    EXPECT_EQ(before.st_ino, after.st_ino) << "the file was not replaced";
}

TEST(AtomicFile, ReplacesChangedContentsOfTheSameSize) {
    TempDir dir;
    fs::path path = dir.path() / "out.txt";
    ASSERT_TRUE(write_file_if_changed(path, "aaaa"));
    Expected<WriteOutcome> outcome = write_file_if_changed(path, "bbbb");
    ASSERT_TRUE(outcome);
    EXPECT_EQ(*outcome, WriteOutcome::written);
    EXPECT_EQ(read_file(path), "bbbb");
}

TEST(AtomicFile, ReportsAnUnwritableDirectory) {
    TempDir dir;
    testing::write_file(dir.path() / "file", "x");
    Expected<WriteOutcome> outcome = write_file_if_changed(dir.path() / "file" / "out", "x");
    ASSERT_FALSE(outcome);
    EXPECT_NE(outcome.error().message.find("cannot create directory"), std::string::npos);
}

} // namespace
} // namespace clm
