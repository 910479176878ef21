#include "clm/topic_file_role.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

TEST(TopicFileRole, DiagramSourcesAreRenderedNotShipped) {
    EXPECT_EQ(topic_file_role("pu/flow.pu"), TopicFileRole::plantuml);
    EXPECT_EQ(topic_file_role("pu/flow.puml"), TopicFileRole::plantuml);
    EXPECT_EQ(topic_file_role("flow.plantuml"), TopicFileRole::plantuml);
    EXPECT_EQ(topic_file_role("drawio/sketch.de.drawio"), TopicFileRole::drawio);
}

TEST(TopicFileRole, ImagesDataAndHelpersAreShipped) {
    EXPECT_EQ(topic_file_role("img/logo.png"), TopicFileRole::shipped);
    EXPECT_EQ(topic_file_role("data/test.data"), TopicFileRole::shipped);
    EXPECT_EQ(topic_file_role("helpers.py"), TopicFileRole::shipped);
    EXPECT_EQ(topic_file_role("img/.gitkeep"), TopicFileRole::shipped);
}

TEST(TopicFileRole, DiagramFoldersCassettesAndVoiceoverCompanionsAreNeverShipped) {
    for (const char* path :
         {"pu/notes.txt", "drawio/x.png", "cassettes/a.yaml", "_cassettes/a.yaml",
          "slides_x.http-cassette.yaml", "slides_x.http-cassette.yaml.bak", "voiceover_slides_x.py",
          "sub/voiceover_slides_x.cpp"}) {
        EXPECT_EQ(topic_file_role(path), TopicFileRole::never_shipped) << path;
    }
    EXPECT_EQ(topic_file_role("voiceover_notes.txt"), TopicFileRole::shipped);
    EXPECT_EQ(topic_file_role("output/pu.txt"), TopicFileRole::shipped);
}

TEST(TopicFileRole, GeneratedImagesShipAsImg) {
    EXPECT_EQ(shipped_path("img-generated/flow.png"), "img/flow.png");
    EXPECT_EQ(shipped_path("part/img-generated/flow.png"), "part/img/flow.png");
    EXPECT_EQ(shipped_path("data/img-generated"), "data/img-generated") << "a file keeps its name";
    EXPECT_EQ(shipped_path("data/test.data"), "data/test.data");
}

TEST(TopicFileRole, RendersAreFilesBelowImgGenerated) {
    EXPECT_TRUE(is_generated_render("img-generated/flow.png"));
    EXPECT_TRUE(is_generated_render("part/img-generated/flow.svg"));
    EXPECT_FALSE(is_generated_render("img/flow.png"));
    EXPECT_FALSE(is_generated_render("data/img-generated")) << "a file of that name";
    EXPECT_FALSE(is_generated_render("img-generated-notes.txt"));
}

} // namespace
} // namespace clm
