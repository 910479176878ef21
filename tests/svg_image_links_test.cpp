#include "clm/svg_image_links.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace clm {
namespace {

using ::testing::ElementsAre;

TEST(SvgImageLinks, LinksTheSvgRenderOfEachDiagramStem) {
    std::vector<std::string> stems = {"flow", "x.de"};
    EXPECT_EQ(link_svg_renders("![Flow](img/flow.png) and <img src=\"img/x.de.png\">", stems),
              "![Flow](img/flow.svg) and <img src=\"img/x.de.svg\">");
    EXPECT_EQ(link_svg_renders("see flow.png.", stems), "see flow.svg.");
}

TEST(SvgImageLinks, LeavesOtherImagesAndLongerNamesAlone) {
    std::vector<std::string> stems = {"flow"};
    EXPECT_EQ(
        link_svg_renders("img/workflow.png img/flow.png2 img/flow.png.bak img/logo.png", stems),
        "img/workflow.png img/flow.png2 img/flow.png.bak img/logo.png");
}

TEST(SvgImageLinks, DiagramStemsComeFromTheTopicsDiagramSources) {
    TopicSource topic;
    topic.path = "/c/slides/m/t";
    topic.other_files = {"/c/slides/m/t/data/x.csv", "/c/slides/m/t/drawio/x.de.drawio",
                         "/c/slides/m/t/img/logo.png", "/c/slides/m/t/pu/flow.puml"};
    EXPECT_THAT(diagram_stems(topic), ElementsAre("x.de", "flow"));
}

} // namespace
} // namespace clm
