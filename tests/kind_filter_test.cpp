#include "clm/kind_filter.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

Cell code(std::string source, std::vector<std::string> tags = {}, std::string lang = {}) {
    Cell cell;
    cell.type = CellType::code;
    cell.source = std::move(source);
    cell.tags = std::move(tags);
    cell.lang = std::move(lang);
    return cell;
}

Cell markdown(std::string source, std::vector<std::string> tags = {}, std::string lang = {}) {
    Cell cell = code(std::move(source), std::move(tags), std::move(lang));
    cell.type = CellType::markdown;
    return cell;
}

std::vector<std::string> sources(const std::vector<OutputCell>& cells) {
    std::vector<std::string> result;
    for (const OutputCell& cell : cells) {
        result.push_back(cell.source);
    }
    return result;
}

using Sources = std::vector<std::string>;

TEST(KindFilter, DropsCellsOfTheOtherLanguage) {
    std::vector<Cell> cells = {markdown("Hallo", {}, "de"), markdown("Hello", {}, "en"),
                               code("x = 1")};
    EXPECT_EQ(sources(filter_cells(cells, Kind::completed, Language::de)),
              (Sources{"Hallo", "x = 1"}));
    EXPECT_EQ(sources(filter_cells(cells, Kind::completed, Language::en)),
              (Sources{"Hello", "x = 1"}));
}

TEST(KindFilter, EachKindDeletesItsTags) {
    std::vector<Cell> cells = {code("alt", {"alt"}),
                               code("completed", {"completed"}),
                               code("del", {"del"}),
                               markdown("notes", {"notes"}),
                               markdown("vo", {"voiceover"}),
                               code("start", {"start"}),
                               code("plain")};
    auto kept = [&](Kind kind) { return sources(filter_cells(cells, kind, Language::en)); };
    // Code-along keeps start and plain (blanked); completed keeps alt, completed and plain;
    // trainer adds the notes; recording adds the notes and the voiceover.
    EXPECT_EQ(kept(Kind::code_along), (Sources{"start", ""}));
    EXPECT_EQ(kept(Kind::completed), (Sources{"alt", "completed", "plain"}));
    EXPECT_EQ(kept(Kind::trainer).size(), 4u);
    EXPECT_NE(kept(Kind::trainer)[2].find("notes"), std::string::npos);
    EXPECT_EQ(kept(Kind::recording).size(), 5u);
}

TEST(KindFilter, CodeAlongBlanksCodeExceptKeepAndStart) {
    std::vector<Cell> cells = {code("solution()"), code("shown()", {"keep"}),
                               code("todo()", {"start"})};
    EXPECT_EQ(sources(filter_cells(cells, Kind::code_along, Language::en)),
              (Sources{"", "shown()", "todo()"}));
    EXPECT_EQ(sources(filter_cells(cells, Kind::completed, Language::en)),
              (Sources{"solution()", "shown()"}));
}

TEST(KindFilter, AnswersArePrefixedAndBlankedInCodeAlong) {
    std::vector<Cell> cells = {markdown("42", {"answer"})};
    EXPECT_EQ(sources(filter_cells(cells, Kind::completed, Language::en)),
              (Sources{"*Answer:* 42"}));
    EXPECT_EQ(sources(filter_cells(cells, Kind::completed, Language::de)),
              (Sources{"*Antwort:* 42"}));
    EXPECT_EQ(sources(filter_cells(cells, Kind::code_along, Language::en)), (Sources{"*Answer:*"}));
}

TEST(KindFilter, NotesAndVoiceoversAreBoxed) {
    std::vector<Cell> cells = {markdown("Say this", {"notes"}), markdown("Read", {"voiceover"})};
    Sources out = sources(filter_cells(cells, Kind::recording, Language::en));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0], "<div style='background: yellow; color: black;'>\nSay this\n</div>");
    EXPECT_EQ(out[1], "<div style='background: #FFEEBA; color: black;'>\nRead\n</div>");
}

TEST(KindFilter, SlideTagsBecomeSlideshowMetadata) {
    std::vector<Cell> cells = {markdown("a", {"slide"}), markdown("b", {"subslide"}),
                               markdown("c")};
    std::vector<OutputCell> out = filter_cells(cells, Kind::completed, Language::en);
    EXPECT_EQ(out[0].metadata["slideshow"]["slide_type"], "slide");
    EXPECT_EQ(out[1].metadata["slideshow"]["slide_type"], "subslide");
    EXPECT_FALSE(out[2].metadata.contains("slideshow"));
    EXPECT_EQ(out[0].metadata["tags"], nlohmann::json::array({"slide"}));
}

TEST(KindFilter, BuildOnlyMetadataIsDroppedAndLangKept) {
    Cell cell = markdown("x", {}, "en");
    cell.metadata = {{"slide_id", "intro"}, {"for_slide", "x"}, {"title", "T"}};
    std::vector<OutputCell> out = filter_cells({cell}, Kind::completed, Language::en);
    EXPECT_EQ(out[0].metadata, (nlohmann::json{{"lang", "en"}, {"title", "T"}}));
}

TEST(KindFilter, CellIdsAreEqualAcrossKindsAndUnique) {
    std::vector<Cell> cells = {code("same"), code("same"), code("other", {"keep"})};
    std::vector<OutputCell> completed = filter_cells(cells, Kind::completed, Language::en);
    std::vector<OutputCell> code_along = filter_cells(cells, Kind::code_along, Language::en);
    ASSERT_EQ(completed.size(), 3u);
    EXPECT_NE(completed[0].id, completed[1].id);
    for (std::size_t i = 0; i < completed.size(); ++i) {
        EXPECT_EQ(completed[i].id, code_along[i].id);
        EXPECT_EQ(completed[i].id.size(), 16u);
    }
}

TEST(KindFilter, WorkshopRangesOpenAtTagOrSlideIdAndCloseExclusively) {
    Cell by_slide_id = markdown("ws2", {"slide"});
    by_slide_id.metadata["slide_id"] = "workshop-2";
    std::vector<Cell> cells = {code("before"),  markdown("ws", {"workshop"}),
                               code("in"),      markdown("end", {"end-workshop"}),
                               code("after"),   by_slide_id,
                               code("in again")};
    EXPECT_EQ(workshop_ranges(cells),
              (std::vector<bool>{false, true, true, false, false, true, true}));
}

TEST(KindFilter, PartialUsesCodeAlongRulesInsideWorkshops) {
    std::vector<Cell> cells = {code("shown()"),
                               code("starter()", {"start"}),
                               markdown("Workshop", {"workshop"}),
                               code("starter()", {"start"}),
                               code("solution()", {"completed"}),
                               code("blanked()"),
                               markdown("42", {"answer"}),
                               markdown("Done", {"end-workshop"}),
                               code("shown again()")};
    EXPECT_EQ(
        sources(filter_cells(cells, Kind::partial, Language::en)),
        (Sources{"shown()", "Workshop", "starter()", "", "*Answer:*", "Done", "shown again()"}));
}

TEST(KindFilter, KnowsTheTagsOfTheReference) {
    for (std::string_view tag :
         {"slide", "subslide", "notes", "voiceover", "keep", "start", "completed", "alt", "answer",
          "del", "workshop", "end-workshop", "nodataurl", "private", "allow-untranslated"}) {
        EXPECT_TRUE(is_known_tag(tag)) << tag;
    }
    EXPECT_FALSE(is_known_tag("sldie"));
}

} // namespace
} // namespace clm

namespace clm {
namespace {

TEST(KindFilter, IdsAgreeBetweenLanguagesAndKinds) {
    std::vector<Cell> cells = {markdown("x", {}, "de"), markdown("x", {}, "en"), code("x"),
                               code("run()")};
    std::vector<OutputCell> de = filter_cells(cells, Kind::completed, Language::de);
    std::vector<OutputCell> en = filter_cells(cells, Kind::code_along, Language::en);
    ASSERT_EQ(de.size(), 3u);
    ASSERT_EQ(en.size(), 3u);
    EXPECT_EQ(de[1].id, en[1].id) << "the shared code cell";
    EXPECT_EQ(de[2].id, en[2].id);
    EXPECT_NE(de[0].id, en[0].id) << "equal sources in one deck get different ids";
}

TEST(KindFilter, MarksTheCellsWhoseOutputsTheKindHides) {
    std::vector<Cell> cells = {code("a"), markdown("W", {"workshop"}), code("b", {"keep"})};
    std::vector<OutputCell> partial = filter_cells(cells, Kind::partial, Language::en);
    EXPECT_FALSE(partial[0].hide_outputs);
    EXPECT_TRUE(partial[2].hide_outputs) << "even a keep cell inside a workshop";
    for (const OutputCell& cell : filter_cells(cells, Kind::code_along, Language::en)) {
        EXPECT_TRUE(cell.hide_outputs);
    }
    for (const OutputCell& cell : filter_cells(cells, Kind::recording, Language::en)) {
        EXPECT_FALSE(cell.hide_outputs);
    }
}

} // namespace
} // namespace clm
