#include "clm/diagram_freshness.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

// A PlantUML diagram of a course in a temporary directory, rendered as PNG, and a build
// state in memory.
struct Fixture {
    TempDir dir;
    fs::path source = dir.path() / "slides/m/t/pu/flow.pu";
    fs::path render = dir.path() / "slides/m/t/img-generated/flow.png";
    BuildState state;
    InputDigests digests{state, 0};
    DiagramTools tools{{"plantuml"}, "", {"drawio"}, false};
    Diagram diagram{nullptr, source, DiagramTool::plantuml, ImageFormat::png, render};

    DiagramVerdict judge(bool force = false) {
        return DiagramFreshness(state, digests, tools, dir.path(), force).judge(diagram);
    }
    void render_as(std::string_view bytes) {
        write_file(render, bytes);
        DiagramFreshness(state, digests, tools, dir.path(), false).rendered(diagram, bytes);
    }
};

TEST(DiagramFreshness, ARenderWithoutRecordIsCurrentWhenItIsNotOlderThanItsSource) {
    TempDir dir;
    fs::path source = dir.path() / "pu/flow.pu";
    fs::path render = dir.path() / "img-generated/flow.png";
    write_file(source, "@startuml\n@enduml\n");
    EXPECT_FALSE(render_is_not_older(source, render)) << "no render yet";
    write_file(render, "png");
    auto now = fs::last_write_time(source);
    fs::last_write_time(render, now);
    EXPECT_TRUE(render_is_not_older(source, render)) << "equal times count as current";
    fs::last_write_time(render, now - std::chrono::seconds(1));
    EXPECT_FALSE(render_is_not_older(source, render));
    EXPECT_FALSE(render_is_not_older(dir.path() / "missing.pu", render));
}

TEST(DiagramFreshness, ARecordedRenderStaysCurrentUntilTheSourceBytesChange) {
    Fixture f;
    write_file(f.source, "@startuml\nA -> B\n@enduml\n");
    EXPECT_EQ(f.judge().kind, DiagramVerdict::render);
    f.render_as("png");
    EXPECT_EQ(f.judge().kind, DiagramVerdict::current);
    // Older than its source, but the source's bytes (line endings aside) are the same.
    fs::last_write_time(f.render, fs::last_write_time(f.source) - std::chrono::hours(1));
    write_file(f.source, "@startuml\r\nA -> B\r\n@enduml\r\n");
    EXPECT_EQ(f.judge().kind, DiagramVerdict::current);
    write_file(f.source, "@startuml\nA -> C\n@enduml\n");
    DiagramVerdict edited = f.judge();
    EXPECT_EQ(edited.kind, DiagramVerdict::render);
    EXPECT_EQ(edited.why, "the diagram or its converter changed");
}

TEST(DiagramFreshness, ARenderChangedOrRemovedByHandIsRenderedAgain) {
    Fixture f;
    write_file(f.source, "@startuml\n@enduml\n");
    f.render_as("png");
    write_file(f.render, "other");
    EXPECT_EQ(f.judge().why, "the render was changed since clm wrote it");
    fs::remove(f.render);
    EXPECT_EQ(f.judge().why, "the render is missing");
    EXPECT_EQ(f.judge(true).why, "--force");
}

TEST(DiagramFreshness, AFailureIsReplayedUntilTheSourceChanges) {
    Fixture f;
    write_file(f.source, "@startuml\nbroken\n@enduml\n");
    DiagramFreshness(f.state, f.digests, f.tools, f.dir.path(), false)
        .failed(f.diagram, {f.source.generic_string(), 2, "PlantUML could not render it"});
    DiagramVerdict replayed = f.judge();
    ASSERT_EQ(replayed.kind, DiagramVerdict::failed_before);
    EXPECT_EQ(replayed.error.line, 2);
    EXPECT_NE(replayed.error.message.find("from an earlier build"), std::string::npos);
    write_file(f.source, "@startuml\nA -> B\n@enduml\n");
    EXPECT_EQ(f.judge().kind, DiagramVerdict::render);
}

TEST(DiagramFreshness, AnotherConverterCommandRendersAgain) {
    Fixture f;
    write_file(f.source, "@startuml\n@enduml\n");
    f.render_as("png");
    f.tools.plantuml = {"java", "-jar", "plantuml.jar"};
    EXPECT_EQ(f.judge().kind, DiagramVerdict::render);
}

} // namespace
} // namespace clm
