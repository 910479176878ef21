#include "clm/content_hash.hpp"
#include "clm/copy_records.hpp"
#include "clm/output_sweep.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

// A source older than a second, whose stamp the build state may trust, and its copy.
struct Copied {
    TempDir dir;
    fs::path source = dir.path() / "topic/img/logo.png";
    fs::path copy = dir.path() / "out/Kurs-de/S/img/logo.png";
    BuildState state;
    CopyRecords records{state, "", wall_clock_ns()};
    FileStamp source_stamp;

    Copied() {
        write_file(source, "logo");
        fs::last_write_time(source, fs::file_time_type::clock::now() - std::chrono::hours(1));
        write_file(copy, "logo");
        source_stamp = *stamp_of(source);
        records.copied(source, source_stamp, bytes_digest("logo"), copy, {"t", "de", "html"});
    }
};

TEST(CopyRecords, ACopyIsCurrentWhileSourceAndCopyKeepTheirStamps) {
    Copied c;
    EXPECT_EQ(c.records.current_digest(c.source, c.source_stamp, c.copy), bytes_digest("logo"));
    FileStamp edited = c.source_stamp;
    ++edited.mtime_ns;
    EXPECT_FALSE(c.records.current_digest(c.source, edited, c.copy)) << "the source changed";
    write_file(c.copy, "changed by hand");
    EXPECT_FALSE(c.records.current_digest(c.source, c.source_stamp, c.copy));
}

TEST(CopyRecords, ASourceWrittenJustBeforeTheBuildIsReadAgainNextTime) {
    Copied c;
    write_file(c.source, "new logo"); // now: its stamp may still change unseen
    FileStamp racy = *stamp_of(c.source);
    c.records.copied(c.source, racy, bytes_digest("new logo"), c.copy, {"t", "de", "html"});
    EXPECT_FALSE(c.records.current_digest(c.source, racy, c.copy));
}

TEST(CopyRecords, ACopyIsRecordedInTheSelectionItShipsFor) {
    Copied c;
    const OutputRecord* record = c.state.output(fs::absolute(c.copy).lexically_normal().string());
    ASSERT_NE(record, nullptr);
    EXPECT_EQ(record->kind, "copy");
    EXPECT_EQ(record->target, "t");
    EXPECT_EQ(record->language, "de");
    EXPECT_EQ(record->format, "html");
    EXPECT_EQ(record->digest, bytes_digest("logo")) << "so that the sweep knows it as clm's";

    BuildOptions no_html;
    no_html.no_html = true;
    EXPECT_FALSE(is_in_scope(*record, no_html)) << "a copy beside HTML pages";
    OutputRecord dir_group = *record;
    dir_group.format = "";
    EXPECT_TRUE(is_in_scope(dir_group, no_html)) << "a directory group ships without HTML";
    BuildOptions speaker;
    speaker.speaker_only = true;
    EXPECT_FALSE(is_in_scope(dir_group, speaker)) << "a copy is of no speaker kind";
    EXPECT_TRUE(is_in_scope(*record, BuildOptions{}));
}

} // namespace
} // namespace clm
