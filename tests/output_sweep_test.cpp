
#include "clm/content_hash.hpp"
#include "clm/output_sweep.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;

OutputRecord record_of(const std::string& target, const std::string& language,
                       const std::string& kind, const std::string& format) {
    OutputRecord record;
    record.target = target;
    record.language = language;
    record.kind = kind;
    record.format = format;
    return record;
}

TEST(OutputSweep, ABuildAnswersOnlyForTheOutputsOfItsSelection) {
    BuildOptions all;
    OutputRecord html = record_of("shared", "de", "completed", "html");
    EXPECT_TRUE(is_in_scope(html, all));
    BuildOptions targets;
    targets.targets = {"trainer"};
    EXPECT_FALSE(is_in_scope(html, targets));
    BuildOptions english;
    english.language = Language::en;
    EXPECT_FALSE(is_in_scope(html, english));
    BuildOptions speaker;
    speaker.speaker_only = true;
    EXPECT_FALSE(is_in_scope(html, speaker));
    EXPECT_TRUE(is_in_scope(record_of("shared", "de", "trainer", "html"), speaker));
    BuildOptions no_html;
    no_html.no_html = true;
    EXPECT_FALSE(is_in_scope(html, no_html));
    BuildOptions elsewhere;
    elsewhere.output_dir = "/elsewhere";
    EXPECT_FALSE(is_in_scope(html, elsewhere)) << "built into another --output-dir";
}

TEST(OutputSweep, DeletesStaleFilesAndTheDirectoriesLeftEmptyBelowARelativeRoot) {
    testing::TempDir dir;
    fs::path course = dir.path() / "course";
    fs::path stale = course / "output/shared/Kurs-de/S/01 Alt.py";
    fs::path kept = course / "output/shared/Kurs-de/T/01 Neu.py";
    testing::write_file(stale, "old");
    testing::write_file(kept, "new");
    BuildState state;
    for (const fs::path& file : {stale, kept}) {
        OutputRecord record = record_of("shared", "de", "completed", "code");
        record.path = file.string();
        record.stamp = *stamp_of(file);
        record.digest = bytes_digest(testing::read_file(file));
        state.record_output(record);
    }
    fs::path cwd = fs::current_path();
    fs::current_path(dir.path());
    std::size_t deleted = delete_stale_outputs(state, {kept.string()}, BuildOptions{}, "course");
    fs::current_path(cwd);
    EXPECT_EQ(deleted, 1u);
    EXPECT_FALSE(fs::exists(stale.parent_path())) << "its directory was left empty";
    EXPECT_TRUE(fs::exists(kept));
    EXPECT_TRUE(fs::exists(course)) << "the course root itself stays";
    EXPECT_EQ(state.output(stale.string()), nullptr);
    EXPECT_NE(state.output(kept.string()), nullptr);
}

} // namespace
} // namespace clm
