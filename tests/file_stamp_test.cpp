#include <chrono>

#include "clm/file_stamp.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;

TEST(FileStamp, AStampChangesWithTheSizeOrTheModificationTime) {
    testing::TempDir dir;
    fs::path file = dir.path() / "f";
    testing::write_file(file, "abc");
    std::optional<FileStamp> first = stamp_of(file);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->size, 3);
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(1));
    EXPECT_NE(stamp_of(file), first);
    EXPECT_FALSE(stamp_of(dir.path())) << "a directory has no stamp";
    EXPECT_FALSE(stamp_of(dir.path() / "missing"));
}

TEST(FileStamp, TheReaderAgreesWithStatForMoreDirectoriesThanItKeepsOpen) {
    testing::TempDir dir;
    std::vector<std::string> files;
    for (int i = 0; i < 300; ++i) {
        fs::path file = dir.path() / ("d" + std::to_string(i)) / "file.txt";
        testing::write_file(file, std::string(static_cast<std::size_t>(i), 'x'));
        files.push_back(file.string());
    }
    StampReader reader;
    for (int round = 0; round < 2; ++round) {
        for (std::size_t k = 0; k < files.size(); ++k) {
            std::size_t i = (k * 7) % files.size(); // every directory, out of order
            EXPECT_EQ(reader.stamp(files[i]), stamp_of(files[i])) << files[i];
        }
    }
    EXPECT_EQ(reader.stamp(files[5])->size, 5);
    EXPECT_FALSE(reader.stamp((dir.path() / "d1" / "missing").string()));
    EXPECT_FALSE(reader.stamp((dir.path() / "nowhere" / "file.txt").string()));
}

TEST(FileStamp, AFileWrittenWithinASecondOfNowIsRacy) {
    std::int64_t now = wall_clock_ns();
    EXPECT_TRUE(is_racy({1, now - 500'000'000}, now));
    EXPECT_FALSE(is_racy({1, now - 2'000'000'000}, now));
}

} // namespace
} // namespace clm
