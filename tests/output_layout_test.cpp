#include "clm/output_layout.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

TEST(Sanitizer, KeepsSpacesDotsAndUmlauts) {
    EXPECT_EQ(sanitize_file_name("Grüße v1.2"), "Grüße v1.2");
}

TEST(Sanitizer, RemovesPunctuation) {
    EXPECT_EQ(sanitize_file_name("War das wirklich ML?"), "War das wirklich ML");
    EXPECT_EQ(sanitize_file_name("Woche 1: \"Grundlagen\"; los!"), "Woche 1 Grundlagen los");
}

TEST(Sanitizer, ReplacesPathAndShellCharacters) {
    EXPECT_EQ(sanitize_file_name("a/b\\c"), "a_b_c");
    EXPECT_EQ(sanitize_file_name("50% & <more>|*=^$"), "50_ _ _more______");
    EXPECT_EQ(sanitize_file_name("Preis in €"), "Preis in _");
}

TEST(Sanitizer, RewritesCSharpAndBrackets) {
    EXPECT_EQ(sanitize_file_name("C# Basics"), "CSharp Basics");
    EXPECT_EQ(sanitize_file_name("[x]{y}"), "(x)(y)");
}

TEST(Sanitizer, TrimsSurroundingWhitespace) {
    EXPECT_EQ(sanitize_file_name("  x \n"), "x");
}

TEST(Sanitizer, NeverYieldsAParentOrCurrentDirectory) {
    EXPECT_EQ(sanitize_file_name(".."), "__");
    EXPECT_EQ(sanitize_file_name("."), "_");
    EXPECT_EQ(sanitize_file_name(""), "_");
    EXPECT_EQ(sanitize_file_name("/"), "_");
}

CourseSpec spec_named(std::string de, std::string en, std::string slug = {}) {
    CourseSpec spec;
    spec.name = {std::move(de), std::move(en)};
    spec.project_slug = std::move(slug);
    return spec;
}

TEST(OutputLayout, CourseDirectoryUsesSlugElseName) {
    EXPECT_EQ(course_dir_name(spec_named("Mein Kurs", "My Course"), Language::de), "Mein Kurs-de");
    EXPECT_EQ(course_dir_name(spec_named("Mein Kurs", "My Course", "py"), Language::en), "py-en");
}

TEST(OutputLayout, PathFollowsTheReferenceFormula) {
    CourseSpec spec = spec_named("Mein Kurs", "My Course");
    Bilingual section{"Woche 1", "Week 1"};
    Bilingual title{"Folien von Test 1", "Some Topic from Test 1"};
    DeckPathParts de = deck_path_parts(spec, Language::de, section, 1, title);
    DeckPathParts en = deck_path_parts(spec, Language::en, section, 1, title);
    EXPECT_EQ(output_relative_path(de, Format::html, Kind::code_along, ProgLang::python),
              "Mein Kurs-de/Folien/Html/Code-Along/Woche 1/01 Folien von Test 1.html");
    EXPECT_EQ(output_relative_path(en, Format::code, Kind::completed, ProgLang::python),
              "My Course-en/Slides/Python/Completed/Week 1/01 Some Topic from Test 1.py");
    EXPECT_EQ(output_relative_path(en, Format::code, Kind::partial, ProgLang::csharp),
              "My Course-en/Slides/CSharp/Partial/Week 1/01 Some Topic from Test 1.cs");
    DeckPathParts hundred = deck_path_parts(spec, Language::en, section, 123, title);
    EXPECT_EQ(output_relative_path(hundred, Format::notebook, Kind::recording, ProgLang::cpp),
              "My Course-en/Slides/Notebooks/Recording/Week 1/123 Some Topic from Test 1.ipynb");
}

TEST(OutputLayout, SectionAndTitleAreSanitised) {
    CourseSpec spec = spec_named("K", "K");
    Bilingual section{"Woche 1: Start", "Week 1: Start"};
    Bilingual title{"Was ist ML?", "What is ML?"};
    DeckPathParts parts = deck_path_parts(spec, Language::de, section, 7, title);
    EXPECT_EQ(output_relative_path(parts, Format::notebook, Kind::trainer, ProgLang::python),
              "K-de/Folien/Notebooks/Trainer/Woche 1 Start/07 Was ist ML.ipynb");
}

TEST(OutputLayout, TargetRootIsBelowTheCourseOrReRooted) {
    OutputTargetSpec target;
    target.name = "students";
    target.path = "output/students";
    EXPECT_EQ(target_root(target, "course", ""), std::filesystem::path("course/output/students"));
    EXPECT_EQ(target_root(target, "course", "/tmp/out"),
              std::filesystem::path("/tmp/out/students"));
}

} // namespace
} // namespace clm
