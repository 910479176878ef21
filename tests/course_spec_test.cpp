#include <string>
#include <string_view>
#include <vector>

#include "clm/course_spec.hpp"
#include "clm/diagnostic.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_helpers.hpp"

namespace clm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

CourseSpec parse(std::string_view xml) {
    return parse_course_spec(xml, "specs/course.xml");
}

/// The diagnostics of a spec that must be rejected; empty (and a test failure) otherwise.
std::vector<Diagnostic> errors_of(std::string_view xml) {
    try {
        parse(xml);
    } catch (const ConfigError& error) {
        return error.diagnostics();
    }
    ADD_FAILURE() << "spec was accepted:\n" << xml;
    return {};
}

/// The one diagnostic of a spec with exactly one problem.
Diagnostic only_error(std::string_view xml) {
    std::vector<Diagnostic> errors = errors_of(xml);
    EXPECT_EQ(errors.size(), 1u);
    return errors.empty() ? Diagnostic{} : errors.front();
}

/// A spec with one enabled section whose <topics> holds `topics`.
std::string with_topics(std::string_view topics) {
    return "<course>\n<sections>\n<section>\n<topics>\n" + std::string(topics) +
           "\n</topics>\n</section>\n</sections>\n</course>\n";
}

/// A spec whose <output-targets> holds `targets`, starting on line 3.
std::string with_targets(std::string_view targets) {
    return "<course>\n<output-targets>\n" + std::string(targets) +
           "\n</output-targets>\n</course>\n";
}

std::vector<std::string> topic_ids(const SectionSpec& section) {
    std::vector<std::string> ids;
    for (const TopicSpec& topic : section.topics) {
        ids.push_back(topic.id);
    }
    return ids;
}

constexpr std::string_view minimal_example = R"(<course>
  <name><de>Mini</de><en>Mini</en></name>
  <prog-lang>python</prog-lang>
  <sections>
    <section>
      <name><de>Teil 1</de><en>Part 1</en></name>
      <topics><topic>hello</topic></topics>
    </section>
  </sections>
</course>
)";

constexpr std::string_view rich_example = R"(<course>
  <name><de>Python Grundlagen</de><en>Python Basics</en></name>
  <prog-lang>python</prog-lang>
  <project-slug>py-basics</project-slug>
  <author>Jane Doe</author>
  <organization><de>Akademie</de><en>Academy</en></organization>
  <image-options><format>svg</format><inline>false</inline></image-options>
  <sections>
    <section id="w01">
      <name><de>Woche 1</de><en>Week 1</en></name>
      <include source="examples/helpers" as="helpers"/>
      <topics>
        <subsection weekday="mon">
          <topic>intro</topic>
          <topic id="llm_calls" http-replay="yes" skip-errors="true">
            <include source="examples/chat/src/chat" as="chat" optional="true"/>
          </topic>
        </subsection>
        <topic html="no">cheat_sheet</topic>
        <topic evaluate="no" module="module_900_archive">gpu_training</topic>
      </topics>
    </section>
    <section id="w02" enabled="false">
      <name><de>Woche 2</de><en>Week 2</en></name>
      <topics><topic>not_written_yet</topic></topics>
    </section>
  </sections>
  <dir-groups>
    <dir-group include-root-files="true">
      <name><de>Beispiele</de><en>Examples</en></name>
      <path>code/examples</path>
    </dir-group>
  </dir-groups>
  <output-targets>
    <output-target name="students">
      <path>output/students</path>
      <kinds><kind>code-along</kind><kind>partial</kind></kinds>
      <formats><format>html</format><format>notebook</format></formats>
    </output-target>
    <output-target name="solutions">
      <path>output/solutions</path>
      <kinds><kind>completed</kind></kinds>
    </output-target>
    <output-target name="trainers">
      <path>output/trainers</path>
      <kinds><kind>trainer</kind><kind>recording</kind></kinds>
      <languages><language>en</language></languages>
    </output-target>
  </output-targets>
</course>
)";

TEST(CourseSpec, ReadsTheMinimalExample) {
    CourseSpec spec = parse(minimal_example);
    EXPECT_EQ(spec.file, "specs/course.xml");
    EXPECT_EQ(spec.name.de, "Mini");
    EXPECT_EQ(spec.name.en, "Mini");
    EXPECT_EQ(spec.prog_lang, "python");
    EXPECT_EQ(spec.project_slug, "");
    EXPECT_EQ(spec.author, "");
    EXPECT_EQ(spec.organization.de, "");
    EXPECT_EQ(spec.organization.en, "");
    ASSERT_EQ(spec.sections.size(), 1u);
    EXPECT_EQ(spec.sections[0].name.de, "Teil 1");
    EXPECT_EQ(spec.sections[0].name.en, "Part 1");
    EXPECT_EQ(spec.sections[0].line, 5);
    ASSERT_EQ(spec.sections[0].topics.size(), 1u);
    EXPECT_EQ(spec.sections[0].topics[0].id, "hello");
    EXPECT_EQ(spec.sections[0].topics[0].line, 7);
    ASSERT_EQ(spec.targets.size(), 3u);
    EXPECT_EQ(spec.targets[0].name, "shared");
    EXPECT_EQ(spec.targets[1].name, "trainer");
    EXPECT_EQ(spec.targets[2].name, "speaker");
}

TEST(CourseSpec, ReadsTheRichExample) {
    CourseSpec spec = parse(rich_example);
    EXPECT_EQ(spec.name[Language::de], "Python Grundlagen");
    EXPECT_EQ(spec.name[Language::en], "Python Basics");
    EXPECT_EQ(spec.project_slug, "py-basics");
    EXPECT_EQ(spec.author, "Jane Doe");
    EXPECT_EQ(spec.organization.de, "Akademie");
    EXPECT_EQ(spec.organization.en, "Academy");
    ASSERT_EQ(spec.sections.size(), 1u);
    const SectionSpec& week = spec.sections[0];
    EXPECT_EQ(week.id, "w01");
    EXPECT_EQ(week.name.en, "Week 1");
    EXPECT_THAT(topic_ids(week), ElementsAre("intro", "llm_calls", "cheat_sheet", "gpu_training"));
    EXPECT_TRUE(week.topics[1].skip_errors);
    EXPECT_EQ(week.topics[1].line, 15);
    EXPECT_TRUE(week.topics[2].skip_html);
    EXPECT_FALSE(week.topics[3].evaluate);
    EXPECT_EQ(week.topics[3].module, "module_900_archive");
    EXPECT_EQ(week.topics[0].module, "");

    ASSERT_EQ(spec.targets.size(), 3u);
    const OutputTargetSpec& students = spec.targets[0];
    EXPECT_EQ(students.name, "students");
    EXPECT_EQ(students.path, "output/students");
    EXPECT_THAT(students.kinds, ElementsAre(Kind::code_along, Kind::partial));
    EXPECT_THAT(students.formats, ElementsAre(Format::html, Format::notebook));
    EXPECT_THAT(students.languages, ElementsAre(Language::de, Language::en));
    EXPECT_EQ(students.line, 35);
    EXPECT_THAT(spec.targets[1].kinds, ElementsAre(Kind::completed));
    EXPECT_THAT(spec.targets[1].formats, ElementsAre(Format::html, Format::notebook, Format::code));
    EXPECT_THAT(spec.targets[2].kinds, ElementsAre(Kind::trainer, Kind::recording));
    EXPECT_THAT(spec.targets[2].languages, ElementsAre(Language::en));
}

// Bilingual elements.

TEST(CourseSpec, SimpleTextIsStrippedAndUsedForBothLanguages) {
    CourseSpec spec = parse("<course><name>\n   Mein Kurs  \n</name></course>");
    EXPECT_EQ(spec.name.de, "Mein Kurs");
    EXPECT_EQ(spec.name.en, "Mein Kurs");
}

TEST(CourseSpec, OneLanguageFallsBackToTheOther) {
    CourseSpec spec = parse("<course><name><de>Nur Deutsch</de></name>"
                            "<organization><en>English only</en></organization></course>");
    EXPECT_EQ(spec.name.de, "Nur Deutsch");
    EXPECT_EQ(spec.name.en, "Nur Deutsch");
    EXPECT_EQ(spec.organization.de, "English only");
    EXPECT_EQ(spec.organization.en, "English only");
}

TEST(CourseSpec, LanguageTextIsStrippedAndWhiteSpaceBetweenChildrenIsAllowed) {
    CourseSpec spec = parse("<course><name>\n  <de> Kurs </de>\n  <en>Course\n</en>\n</name>"
                            "</course>");
    EXPECT_EQ(spec.name.de, "Kurs");
    EXPECT_EQ(spec.name.en, "Course");
}

TEST(CourseSpec, RejectsAnUnknownChildOfABilingualElement) {
    Diagnostic error = only_error("<course>\n<name>\n<de>Kurs</de>\n<fr>Cours</fr>\n</name>\n"
                                  "</course>");
    EXPECT_EQ(error.file, "specs/course.xml");
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.message, "unexpected <fr> in <name>; expected <de> or <en>");
}

TEST(CourseSpec, RejectsTextMixedWithLanguageChildren) {
    Diagnostic error = only_error("<course>\n<sections><section>\n<name>Woche <de>1</de></name>\n"
                                  "</section></sections></course>");
    EXPECT_EQ(error.line, 3);
    EXPECT_EQ(error.message, "text \"Woche\" mixed with <de>/<en> in <name>; expected either "
                             "plain text or <de> and <en>");
}

// Root elements.

TEST(CourseSpec, ReadsRootTextElementsStripped) {
    CourseSpec spec = parse("<course><prog-lang> cpp </prog-lang><author> A. Author </author>"
                            "<project-slug>\n slug \n</project-slug></course>");
    EXPECT_EQ(spec.prog_lang, "cpp");
    EXPECT_EQ(spec.author, "A. Author");
    EXPECT_EQ(spec.project_slug, "slug");
}

TEST(CourseSpec, RejectsAnUnknownProgLang) {
    Diagnostic error = only_error("<course>\n\n<prog-lang>rust</prog-lang>\n</course>");
    EXPECT_EQ(error.line, 3);
    EXPECT_EQ(error.message,
              "unknown prog-lang \"rust\"; expected python, cpp, csharp, java or typescript");
}

TEST(CourseSpec, IgnoresUnknownElements) {
    CourseSpec spec = parse("<course><certificate/><github><de>x</de></github><name>N</name>"
                            "<unheard-of><foo/></unheard-of></course>");
    EXPECT_EQ(spec.name.en, "N");
}

// Sections and subsections.

TEST(CourseSpec, DropsDisabledSectionsWithoutValidatingThem) {
    CourseSpec spec = parse("<course><sections>"
                            "<section enabled=\"FALSE\"><topics><topic/>"
                            "<topic prog-lang=\"rust\">x</topic></topics></section>"
                            "<section enabled=\"True\" id=\"s2\"><topics><topic>a</topic>"
                            "</topics></section>"
                            "<section enabled=\"false\"/>"
                            "</sections></course>");
    ASSERT_EQ(spec.sections.size(), 1u);
    EXPECT_EQ(spec.sections[0].id, "s2");
}

TEST(CourseSpec, RejectsAnInvalidEnabledValue) {
    Diagnostic error = only_error("<course><sections>\n<section enabled=\"yes\">"
                                  "<topics><topic>a</topic></topics></section>\n"
                                  "</sections></course>");
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.message, "invalid enabled value \"yes\" on <section>; expected true or false");
}

TEST(CourseSpec, FlattensEnabledSubsectionsInDocumentOrder) {
    CourseSpec spec = parse(with_topics("<topic>a</topic>"
                                        "<subsection weekday=\"mon\"><name>Montag</name>"
                                        "<topic>b</topic><activity>Quiz</activity>"
                                        "<topic>c</topic></subsection>"
                                        "<topic>d</topic>"
                                        "<subsection enabled=\"TRUE\"><topic>e</topic>"
                                        "</subsection>"));
    ASSERT_EQ(spec.sections.size(), 1u);
    EXPECT_THAT(topic_ids(spec.sections[0]), ElementsAre("a", "b", "c", "d", "e"));
}

TEST(CourseSpec, SkipsDisabledSubsectionsAndActivities) {
    CourseSpec spec = parse(with_topics("<activity>Break</activity>"
                                        "<subsection enabled=\"false\"><topic>x</topic>"
                                        "<topic/></subsection>"
                                        "<topic>kept</topic>"));
    EXPECT_THAT(topic_ids(spec.sections[0]), ElementsAre("kept"));
}

TEST(CourseSpec, RejectsAnInvalidEnabledValueOnASubsection) {
    Diagnostic error = only_error(with_topics("<subsection enabled=\"no\"><topic>x</topic>"
                                              "</subsection>"));
    EXPECT_EQ(error.line, 5);
    EXPECT_EQ(error.message,
              "invalid enabled value \"no\" on <subsection>; expected true or false");
}

TEST(CourseSpec, ReadsAnEnabledSectionWithoutTopicsAsEmpty) {
    CourseSpec spec = parse("<course><sections><section id=\"s\"><name>S</name></section>"
                            "</sections></course>");
    ASSERT_EQ(spec.sections.size(), 1u);
    EXPECT_TRUE(spec.sections[0].topics.empty());
}

TEST(CourseSpec, ReadsNoSectionsWhenSectionsAreMissing) {
    EXPECT_TRUE(parse("<course/>").sections.empty());
}

// Topics.

TEST(CourseSpec, TakesTheTopicIdFromTheAttributeOrTheText) {
    CourseSpec spec = parse(with_topics("<topic id=\"by_attribute\"/>"
                                        "<topic>\n  by_text\n</topic>"
                                        "<topic>before_child<dir-group><name>x</name><path>x</path>"
                                        "</dir-group></topic>"));
    EXPECT_THAT(topic_ids(spec.sections[0]),
                ElementsAre("by_attribute", "by_text", "before_child"));
}

TEST(CourseSpec, RejectsATopicWithIdAttributeAndText) {
    Diagnostic error = only_error(with_topics("<topic id=\"a\">b</topic>"));
    EXPECT_EQ(error.line, 5);
    EXPECT_EQ(error.message,
              "topic has both an id attribute \"a\" and the text \"b\"; expected one of them");
}

TEST(CourseSpec, RejectsATopicWithoutId) {
    Diagnostic error = only_error(with_topics("<topic>  </topic>"));
    EXPECT_EQ(error.line, 5);
    EXPECT_EQ(error.message, "topic has no id; expected an id attribute or the id as text");
}

TEST(CourseSpec, AnyNonEmptyHtmlValueSkipsHtml) {
    CourseSpec spec = parse(with_topics("<topic>a</topic><topic html=\"false\">b</topic>"
                                        "<topic html=\"\">c</topic><topic html=\"x\">d</topic>"));
    const std::vector<TopicSpec>& topics = spec.sections[0].topics;
    EXPECT_FALSE(topics[0].skip_html);
    EXPECT_TRUE(topics[1].skip_html);
    EXPECT_FALSE(topics[2].skip_html);
    EXPECT_TRUE(topics[3].skip_html);
}

TEST(CourseSpec, ReadsTheEvaluateAttribute) {
    CourseSpec spec =
        parse(with_topics("<topic>absent</topic><topic evaluate=\"\">empty</topic>"
                          "<topic evaluate=\"true\">t</topic><topic evaluate=\"yes\">y</topic>"
                          "<topic evaluate=\"1\">one</topic><topic evaluate=\"no\">n</topic>"
                          "<topic evaluate=\"False\">f</topic><topic evaluate=\"0\">zero</topic>"));
    std::vector<bool> evaluate;
    for (const TopicSpec& topic : spec.sections[0].topics) {
        evaluate.push_back(topic.evaluate);
    }
    EXPECT_THAT(evaluate, ElementsAre(true, true, true, true, true, false, false, false));
}

TEST(CourseSpec, RejectsAnInvalidEvaluateValue) {
    Diagnostic error = only_error(with_topics("<topic evaluate=\"sometimes\">a</topic>"));
    EXPECT_EQ(error.line, 5);
    EXPECT_EQ(error.message,
              "invalid evaluate value \"sometimes\"; expected yes, no, true, false, 1 or 0");
}

TEST(CourseSpec, ReadsSkipErrorsCaseInsensitively) {
    CourseSpec spec = parse(with_topics("<topic skip-errors=\"TRUE\">a</topic>"
                                        "<topic skip-errors=\"yes\">b</topic><topic>c</topic>"));
    const std::vector<TopicSpec>& topics = spec.sections[0].topics;
    EXPECT_TRUE(topics[0].skip_errors);
    EXPECT_FALSE(topics[1].skip_errors);
    EXPECT_FALSE(topics[2].skip_errors);
}

TEST(CourseSpec, TopicModuleOverridesTheSectionModule) {
    CourseSpec spec = parse("<course><sections><section module=\"module_100\"><topics>"
                            "<topic>a</topic><topic module=\"module_200\">b</topic>"
                            "<subsection><topic>c</topic></subsection>"
                            "</topics></section></sections></course>");
    const std::vector<TopicSpec>& topics = spec.sections[0].topics;
    EXPECT_EQ(topics[0].module, "module_100");
    EXPECT_EQ(topics[1].module, "module_200");
    EXPECT_EQ(topics[2].module, "module_100");
}

TEST(CourseSpec, ReadsTopicAuthorAndProgLang) {
    CourseSpec spec = parse(with_topics("<topic author=\"Guest\" prog-lang=\"java\">a</topic>"
                                        "<topic>b</topic>"));
    const std::vector<TopicSpec>& topics = spec.sections[0].topics;
    EXPECT_EQ(topics[0].author, "Guest");
    EXPECT_EQ(topics[0].prog_lang, "java");
    EXPECT_EQ(topics[1].author, "");
    EXPECT_EQ(topics[1].prog_lang, "");
}

TEST(CourseSpec, RejectsAnUnknownTopicProgLang) {
    Diagnostic error = only_error(with_topics("<topic prog-lang=\"Python\">a</topic>"));
    EXPECT_EQ(error.line, 5);
    EXPECT_THAT(error.message, HasSubstr("unknown prog-lang \"Python\""));
}

// Output targets.

TEST(CourseSpec, DefaultTargetsAreTheThreeTiers) {
    std::vector<OutputTargetSpec> targets = default_output_targets();
    ASSERT_EQ(targets.size(), 3u);
    EXPECT_EQ(targets[0].name, "shared");
    EXPECT_EQ(targets[0].path, "output/shared");
    EXPECT_THAT(targets[0].kinds, ElementsAre(Kind::code_along, Kind::completed));
    EXPECT_EQ(targets[1].name, "trainer");
    EXPECT_EQ(targets[1].path, "output/trainer");
    EXPECT_THAT(targets[1].kinds, ElementsAre(Kind::code_along, Kind::completed, Kind::trainer));
    EXPECT_EQ(targets[2].name, "speaker");
    EXPECT_EQ(targets[2].path, "output/speaker");
    EXPECT_THAT(targets[2].kinds, ElementsAre(Kind::recording));
    for (const OutputTargetSpec& target : targets) {
        EXPECT_THAT(target.formats, ElementsAre(Format::html, Format::notebook, Format::code));
        EXPECT_THAT(target.languages, ElementsAre(Language::de, Language::en));
        EXPECT_EQ(target.line, 0);
    }
}

TEST(CourseSpec, UsesTheDefaultTargetsWithoutTargetElements) {
    EXPECT_EQ(parse("<course/>").targets.size(), 3u);
    EXPECT_EQ(parse("<course><output-targets/></course>").targets[2].name, "speaker");
}

TEST(CourseSpec, FillsOmittedTargetPartsWithDefaults) {
    CourseSpec spec = parse(with_targets("<output-target><path>out</path></output-target>"));
    ASSERT_EQ(spec.targets.size(), 1u);
    const OutputTargetSpec& target = spec.targets[0];
    EXPECT_EQ(target.name, "default");
    EXPECT_EQ(target.path, "out");
    EXPECT_THAT(target.kinds, ElementsAre(Kind::code_along, Kind::completed, Kind::trainer,
                                          Kind::recording, Kind::partial));
    EXPECT_THAT(target.formats, ElementsAre(Format::html, Format::notebook, Format::code));
    EXPECT_THAT(target.languages, ElementsAre(Language::de, Language::en));
    EXPECT_EQ(target.line, 3);
}

TEST(CourseSpec, RewritesSpeakerToRecordingAndDropsRepeatedValues) {
    CourseSpec spec = parse(with_targets(
        "<output-target name=\"t\"><path>out</path>"
        "<kinds><kind>speaker</kind><kind> completed </kind><kind>recording</kind>"
        "<kind>completed</kind></kinds>"
        "<formats><format>code</format><format>code</format><format>html</format></formats>"
        "<languages><language>en</language><language>en</language></languages>"
        "</output-target>"));
    const OutputTargetSpec& target = spec.targets[0];
    EXPECT_THAT(target.kinds, ElementsAre(Kind::recording, Kind::completed));
    EXPECT_THAT(target.formats, ElementsAre(Format::code, Format::html));
    EXPECT_THAT(target.languages, ElementsAre(Language::en));
}

TEST(CourseSpec, NormalisesTargetPaths) {
    CourseSpec spec = parse(with_targets("<output-target name=\"a\"><path>a/./b/</path>"
                                         "</output-target><output-target name=\"b\">"
                                         "<path> out\\win//x </path></output-target>"));
    EXPECT_EQ(spec.targets[0].path, "a/b");
    EXPECT_EQ(spec.targets[1].path, "out/win/x");
}

TEST(CourseSpec, RejectsAnUnknownKind) {
    Diagnostic error = only_error(with_targets("<output-target><path>out</path>\n"
                                               "<kinds><kind>foo</kind></kinds>\n"
                                               "</output-target>"));
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.message, "unknown kind \"foo\"; expected code-along, completed, trainer, "
                             "recording, partial or speaker");
}

TEST(CourseSpec, RejectsAnUnknownFormat) {
    Diagnostic error = only_error(with_targets("<output-target><path>out</path>\n"
                                               "<formats><format>pdf</format></formats>\n"
                                               "</output-target>"));
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.message, "unknown format \"pdf\"; expected html, notebook or code");
}

TEST(CourseSpec, RejectsTheJupyterliteFormatAsUnsupported) {
    Diagnostic error = only_error(with_targets("<output-target><path>out</path>\n"
                                               "<formats><format>jupyterlite</format></formats>"
                                               "\n</output-target>"));
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.message,
              "format \"jupyterlite\" is not supported; expected html, notebook or code");
}

TEST(CourseSpec, RejectsAnUnknownLanguage) {
    Diagnostic error = only_error(with_targets("<output-target><path>out</path>\n"
                                               "<languages><language>fr</language></languages>"
                                               "\n</output-target>"));
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.message, "unknown language \"fr\"; expected de or en");
}

TEST(CourseSpec, RejectsADuplicateTargetName) {
    Diagnostic error = only_error(with_targets("<output-target name=\"x\"><path>a</path>"
                                               "</output-target>\n"
                                               "<output-target name=\"x\"><path>b</path>"
                                               "</output-target>"));
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.message, "duplicate output target name \"x\" (first defined on line 3)");
}

TEST(CourseSpec, RejectsADuplicateTargetPathAfterNormalising) {
    Diagnostic error = only_error(with_targets("<output-target name=\"x\"><path>out/a</path>"
                                               "</output-target>\n\n"
                                               "<output-target name=\"y\"><path>./out/./a/</path>"
                                               "</output-target>"));
    EXPECT_EQ(error.line, 5);
    EXPECT_EQ(error.message,
              "duplicate output target path \"out/a\" (first used by target \"x\" on line 3)");
}

TEST(CourseSpec, RejectsAMissingOrEmptyTargetPath) {
    std::vector<Diagnostic> errors = errors_of(
        with_targets("<output-target name=\"x\"/>\n<output-target name=\"y\">\n<path>  </path>"
                     "</output-target>"));
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].message,
              "output target \"x\" has no <path>; expected a directory relative to the course "
              "root");
    EXPECT_EQ(errors[1].line, 5);
    EXPECT_EQ(errors[1].message, "output target \"y\" has an empty <path>; expected a directory "
                                 "relative to the course root");
}

TEST(CourseSpec, RejectsAbsoluteTargetPaths) {
    for (std::string_view path : {"/srv/out", "C:\\out", "c:out", "\\out"}) {
        Diagnostic error = only_error(with_targets("<output-target>\n<path>" + std::string(path) +
                                                   "</path>\n"
                                                   "</output-target>"));
        EXPECT_EQ(error.line, 4) << path;
        EXPECT_EQ(error.message, "output target path \"" + std::string(path) +
                                     "\" is absolute; expected a path relative to the course "
                                     "root");
    }
}

TEST(CourseSpec, RejectsTargetPathsThatLeaveTheCourseRoot) {
    for (std::string_view path : {"../x", "out/../../x", "out/..", "out\\..\\x"}) {
        Diagnostic error = only_error(with_targets("<output-target>\n<path>" + std::string(path) +
                                                   "</path>\n"
                                                   "</output-target>"));
        EXPECT_EQ(error.line, 4) << path;
        EXPECT_EQ(error.message,
                  "output target path \"" + std::string(path) + "\" leaves the course root");
    }
}

TEST(CourseSpec, RejectsTheCourseRootAsTargetPath) {
    for (std::string_view path : {".", "./", "././"}) {
        Diagnostic error = only_error(with_targets("<output-target><path>" + std::string(path) +
                                                   "</path>"
                                                   "</output-target>"));
        EXPECT_EQ(error.line, 3) << path;
        EXPECT_EQ(error.message, "output target path \"" + std::string(path) +
                                     "\" is the course root; expected a directory below it");
    }
}

TEST(CourseSpec, ReportsEveryProblemTogetherInDocumentOrder) {
    std::vector<Diagnostic> errors = errors_of(R"(<course>
  <prog-lang>cobol</prog-lang>
  <sections>
    <section>
      <topics>
        <topic/>
        <topic evaluate="maybe">a</topic>
      </topics>
    </section>
  </sections>
  <output-targets>
    <output-target name="a">
      <path>../up</path>
      <kinds><kind>everything</kind></kinds>
    </output-target>
    <output-target name="a"><path>out</path></output-target>
  </output-targets>
</course>
)");
    std::vector<int> lines;
    for (const Diagnostic& error : errors) {
        lines.push_back(error.line);
        EXPECT_EQ(error.file, "specs/course.xml");
    }
    EXPECT_THAT(lines, ElementsAre(2, 6, 7, 13, 14, 16));
}

// The XML itself.

TEST(CourseSpec, ReportsMalformedXmlAtItsLine) {
    Diagnostic error = only_error("<course>\n<name>Kurs</name>\n<sections>\n</sections x>\n"
                                  "</course>\n");
    EXPECT_EQ(error.file, "specs/course.xml");
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.message, "malformed XML: Error parsing end element tag");
}

TEST(CourseSpec, ReportsMismatchedTagsAtTheEndTag) {
    Diagnostic error = only_error("<course>\n<sections>\n\n</section>\n</course>\n");
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.message, "malformed XML: Start-end tags mismatch");
}

TEST(CourseSpec, CountsLinesOfWindowsLineEndings) {
    Diagnostic error = only_error("<course>\r\n\r\n<prog-lang>x</prog-lang>\r\n</course>\r\n");
    EXPECT_EQ(error.line, 3);
}

TEST(CourseSpec, RejectsAnEmptyDocument) {
    Diagnostic error = only_error("");
    EXPECT_EQ(error.message, "malformed XML: No document element found");
}

TEST(CourseSpec, RejectsAnotherRootElement) {
    Diagnostic error = only_error("<?xml version=\"1.0\"?>\n<kurs/>\n");
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.message, "root element is <kurs>; expected <course>");
}

// Files.

TEST(CourseSpec, LoadsASpecFile) {
    testing::TempDir dir;
    std::filesystem::path file = dir.path() / "course-specs" / "mini.xml";
    testing::write_file(file, minimal_example);
    CourseSpec spec = load_course_spec(file);
    EXPECT_EQ(spec.file, file);
    EXPECT_EQ(spec.name.en, "Mini");
}

TEST(CourseSpec, NamesTheFileAsGivenInDiagnostics) {
    testing::TempDir dir;
    std::filesystem::path file = dir.path() / "bad.xml";
    testing::write_file(file, "<course>\n<prog-lang>x</prog-lang></course>");
    try {
        load_course_spec(file);
        FAIL() << "spec was accepted";
    } catch (const ConfigError& error) {
        ASSERT_EQ(error.diagnostics().size(), 1u);
        EXPECT_EQ(error.diagnostics()[0].file, file.string());
        EXPECT_EQ(error.diagnostics()[0].line, 2);
    }
}

TEST(CourseSpec, ReportsAMissingFile) {
    testing::TempDir dir;
    std::filesystem::path file = dir.path() / "missing.xml";
    try {
        load_course_spec(file);
        FAIL() << "missing spec was accepted";
    } catch (const ConfigError& error) {
        ASSERT_EQ(error.diagnostics().size(), 1u);
        EXPECT_EQ(error.diagnostics()[0].file, file.string());
        EXPECT_EQ(error.diagnostics()[0].line, 0);
        EXPECT_EQ(error.diagnostics()[0].message,
                  "cannot read course spec: No such file or directory");
    }
}

TEST(CourseSpec, ReportsADirectoryAsUnreadable) {
    testing::TempDir dir;
    try {
        load_course_spec(dir.path());
        FAIL() << "directory was accepted";
    } catch (const ConfigError& error) {
        ASSERT_EQ(error.diagnostics().size(), 1u);
        EXPECT_EQ(error.diagnostics()[0].message, "cannot read course spec: Is a directory");
    }
}

TEST(CourseSpec, ReadsDirGroupsAndTheImageFormatOfTheRichExample) {
    CourseSpec spec = parse(rich_example);
    EXPECT_EQ(spec.image_format, ImageFormat::svg);
    ASSERT_EQ(spec.dir_groups.size(), 1u);
    const DirGroupSpec& group = spec.dir_groups[0];
    EXPECT_EQ(group.name.de, "Beispiele");
    EXPECT_EQ(group.name.en, "Examples");
    EXPECT_EQ(group.path, "code/examples");
    EXPECT_TRUE(group.subdirs.empty());
    EXPECT_TRUE(group.include_root_files);
    EXPECT_TRUE(group.recursive);
}

TEST(CourseSpec, ReadsTopicDirGroupsAndTheirFlags) {
    CourseSpec spec = parse(
        with_topics("<topic>t<dir-group recursive=\"false\"><name/><path>./code//solutions/</path>"
                    "</dir-group></topic>"));
    ASSERT_EQ(spec.sections[0].topics.size(), 1u);
    const std::vector<DirGroupSpec>& groups = spec.sections[0].topics[0].dir_groups;
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].name.de, "");
    EXPECT_EQ(groups[0].path, "code/solutions");
    EXPECT_FALSE(groups[0].recursive);
    EXPECT_FALSE(groups[0].include_root_files);
    EXPECT_EQ(groups[0].line, 5);
    EXPECT_FALSE(spec.image_format) << "no <image-options>";
}

TEST(CourseSpec, RejectsDirGroupPathsOutsideTheCourseAndBadFlags) {
    std::vector<Diagnostic> errors =
        errors_of("<course>\n<dir-groups>\n"
                  "<dir-group><name>a</name><path>/abs</path></dir-group>\n"
                  "<dir-group><name>b</name><path>x/../../y</path></dir-group>\n"
                  "<dir-group><name>c</name><path>x</path><subdirs><subdir>../z</subdir></subdirs>"
                  "</dir-group>\n"
                  "<dir-group recursive=\"maybe\"><name>d</name><path>x</path></dir-group>\n"
                  "<dir-group><name>e</name></dir-group>\n"
                  "</dir-groups>\n</course>\n");
    ASSERT_EQ(errors.size(), 5u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].message, "dir-group path \"/abs\" is absolute; expected a path relative "
                                 "to the course root");
    EXPECT_EQ(errors[1].message, "dir-group path \"x/../../y\" leaves the course root");
    EXPECT_EQ(errors[2].message, "dir-group subdir \"../z\" leaves the course root");
    EXPECT_THAT(errors[3].message, HasSubstr("invalid recursive value \"maybe\""));
    EXPECT_EQ(errors[4].line, 7);
    EXPECT_THAT(errors[4].message, HasSubstr("<dir-group> has no <path>"));
}

TEST(CourseSpec, RejectsAnUnknownImageFormat) {
    Diagnostic error =
        only_error("<course>\n<image-options><format>gif</format></image-options>\n</course>\n");
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.message, "unknown image format \"gif\"; expected png or svg");
}

} // namespace
} // namespace clm
