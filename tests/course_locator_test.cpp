#include "clm/course_locator.hpp"
#include "clm/diagnostic.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

std::string config_error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const ConfigError& error) {
        return error.diagnostics().front().message;
    }
    return "no error";
}

TEST(CourseLocator, SpecFileRootIsItsGrandparent) {
    TempDir dir;
    write_file(dir.path() / "course-specs" / "a.xml", "<course/>");
    CourseLocation location = locate_course(dir.path() / "course-specs" / "a.xml", "", "");
    EXPECT_EQ(location.spec_file, dir.path() / "course-specs" / "a.xml");
    EXPECT_EQ(location.root, dir.path());
}

TEST(CourseLocator, DirectoryWithOneSpecUsesIt) {
    TempDir dir;
    write_file(dir.path() / "course-specs" / "only.xml", "<course/>");
    CourseLocation location = locate_course(dir.path(), "", "");
    EXPECT_EQ(location.spec_file, dir.path() / "course-specs" / "only.xml");
}

TEST(CourseLocator, SeveralSpecsNeedSpecOption) {
    TempDir dir;
    write_file(dir.path() / "course-specs" / "a.xml", "<course/>");
    write_file(dir.path() / "course-specs" / "b.xml", "<course/>");
    EXPECT_EQ(config_error_of([&] { locate_course(dir.path(), "", ""); }),
              "2 course specs (a.xml, b.xml); choose one with --spec NAME");
    EXPECT_EQ(locate_course(dir.path(), "b", "").spec_file, dir.path() / "course-specs" / "b.xml");
    EXPECT_EQ(locate_course(dir.path(), "a.xml", "").spec_file,
              dir.path() / "course-specs" / "a.xml");
    EXPECT_EQ(config_error_of([&] { locate_course(dir.path(), "c", ""); }),
              "no course spec named \"c\"; the specs are a.xml, b.xml");
}

TEST(CourseLocator, DirectoryWithSlidesAndNoSpecBuildsTheTree) {
    TempDir dir;
    fs::create_directories(dir.path() / "slides");
    CourseLocation location = locate_course(dir.path(), "", "");
    EXPECT_FALSE(location.spec_file);
    EXPECT_EQ(location.root, dir.path());
}

TEST(CourseLocator, RefusesWhatIsNotACourse) {
    TempDir dir;
    EXPECT_EQ(config_error_of([&] { locate_course(dir.path(), "", ""); }),
              "not a course: no course-specs/*.xml and no slides/");
    EXPECT_EQ(config_error_of([&] { locate_course(dir.path() / "missing.xml", "", ""); }),
              "no such file or directory");
}

TEST(CourseLocator, DataDirOverridesTheRoot) {
    TempDir dir;
    write_file(dir.path() / "specs" / "x" / "a.xml", "<course/>");
    CourseLocation location = locate_course(dir.path() / "specs" / "x" / "a.xml", "", "/data");
    EXPECT_EQ(location.root, fs::path("/data"));
}

} // namespace
} // namespace clm
