#include "clm/diagram_freshness.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

TEST(DiagramFreshness, ARenderIsCurrentWhenItIsNotOlderThanItsSource) {
    TempDir dir;
    fs::path source = dir.path() / "pu/flow.pu";
    fs::path render = dir.path() / "img-generated/flow.png";
    write_file(source, "@startuml\n@enduml\n");
    EXPECT_FALSE(diagram_is_current(source, render)) << "no render yet";
    write_file(render, "png");
    auto now = fs::last_write_time(source);
    fs::last_write_time(render, now);
    EXPECT_TRUE(diagram_is_current(source, render)) << "equal times count as current";
    fs::last_write_time(render, now - std::chrono::seconds(1));
    EXPECT_FALSE(diagram_is_current(source, render));
    EXPECT_FALSE(diagram_is_current(dir.path() / "missing.pu", render));
}

TEST(DiagramFreshness, MarkingAnUnchangedRenderMakesItCurrent) {
    TempDir dir;
    fs::path source = dir.path() / "flow.pu";
    fs::path render = dir.path() / "flow.png";
    write_file(render, "png");
    write_file(source, "@startuml\n@enduml\n");
    fs::last_write_time(render, fs::last_write_time(source) - std::chrono::hours(1));
    ASSERT_FALSE(diagram_is_current(source, render));
    mark_render_current(render);
    EXPECT_TRUE(diagram_is_current(source, render));
}

} // namespace
} // namespace clm
