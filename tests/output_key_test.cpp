#include "clm/output_key.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

struct KeyedCourse {
    Course course;
    Topic* topic = nullptr;
    Deck* deck = nullptr;
    std::string topic_digest = "topic-1";

    KeyedCourse() {
        course.sections.push_back({});
        course.sections[0].topics.push_back({});
        topic = &course.sections[0].topics[0];
        topic->decks.push_back({});
        deck = &topic->decks[0];
        DeckSource source;
        source.file.relative = "slides/m/t/slides_x.py";
        source.digest = "deck-1";
        deck->sources.push_back(source);
        deck->title = {"Titel", "Title"};
    }
    PlannedOutput output(Format format = Format::notebook) const {
        return {topic, deck, nullptr, Language::en, format, Kind::completed, "out/x.ipynb"};
    }
    OutputKey key(Format format = Format::notebook, const std::string& tools = "tools-1") {
        OutputKeys keys(course, tools,
                        [this](const Topic&) -> const std::string& { return topic_digest; });
        return keys.key_of(output(format), "/out/x.ipynb");
    }
};

TEST(OutputKey, EachInputChangesTheKeyAndIsNamedAsTheChange) {
    KeyedCourse course;
    OutputKey before = course.key();
    EXPECT_EQ(course.key().key, before.key) << "the same inputs give the same key";

    course.deck->sources[0].digest = "deck-2";
    OutputKey deck = course.key();
    EXPECT_NE(deck.key, before.key);
    EXPECT_EQ(changed_key_parts(before.inputs, deck.inputs), std::vector<std::string>{"deck"});

    course.topic_digest = "topic-2";
    OutputKey topic = course.key();
    EXPECT_EQ(changed_key_parts(deck.inputs, topic.inputs), std::vector<std::string>{"topic"});

    course.topic->spec.skip_errors = true;
    OutputKey spec = course.key();
    EXPECT_EQ(changed_key_parts(topic.inputs, spec.inputs), std::vector<std::string>{"spec"});

    course.deck->title.en = "Another title";
    EXPECT_EQ(changed_key_parts(spec.inputs, course.key().inputs),
              std::vector<std::string>{"deck"});
}

TEST(OutputKey, ToolsCountForHtmlOutputsOnly) {
    KeyedCourse course;
    EXPECT_EQ(course.key(Format::notebook, "a").key, course.key(Format::notebook, "b").key);
    OutputKey a = course.key(Format::html, "a");
    OutputKey b = course.key(Format::html, "b");
    EXPECT_NE(a.key, b.key);
    EXPECT_EQ(changed_key_parts(a.inputs, b.inputs), std::vector<std::string>{"tools"});
}

TEST(OutputKey, TheOutputsOwnPlaceIsInTheKeyButNoNamedPart) {
    KeyedCourse course;
    OutputKeys keys(course.course, "t",
                    [&](const Topic&) -> const std::string& { return course.topic_digest; });
    PlannedOutput output = course.output();
    OutputKey completed = keys.key_of(output, "/out/x.ipynb");
    output.kind = Kind::trainer;
    OutputKey trainer = keys.key_of(output, "/out/x.ipynb");
    EXPECT_NE(completed.key, trainer.key);
    EXPECT_TRUE(changed_key_parts(completed.inputs, trainer.inputs).empty());
}

TEST(OutputKey, ToolsDigestCoversBothCommandsAndTheTimeout) {
    JupyterTools tools{{"jupyter", "nbconvert"}, true, {"render"}, true, std::nullopt};
    std::string plain = tools_digest(tools);
    tools.cell_timeout = 30;
    EXPECT_NE(tools_digest(tools), plain);
    tools.cell_timeout.reset();
    tools.renderer = {"render", "--x"};
    EXPECT_NE(tools_digest(tools), plain);
    tools.renderer = {"render"};
    EXPECT_EQ(tools_digest(tools), plain);
}

TEST(NormalizedDigest, CrlfAndLfGiveOneDigestButOtherBytesDiffer) {
    EXPECT_EQ(normalized_digest("a\r\nb\r\n"), normalized_digest("a\nb\n"));
    EXPECT_NE(normalized_digest("a\rb"), normalized_digest("a\nb")) << "a lone CR stays";
    EXPECT_NE(normalized_digest("a\nb"), normalized_digest("a\nc"));
}

} // namespace
} // namespace clm
