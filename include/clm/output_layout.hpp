// Where outputs go: the output tree layout that course authors know.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "clm/course_spec.hpp"
#include "clm/language.hpp"
#include "clm/output_kind.hpp"

namespace clm {

/// Makes a title or name safe as one path component: "C#" -> "CSharp", brackets to
/// parentheses, path and shell characters to '_', punctuation such as '?' and ':' removed,
/// and a name of only dots and spaces made harmless. Spaces, dots and umlauts are kept.
std::string sanitize_file_name(std::string_view name);

/// The course directory of a language: "<slug>-<lang>", else "<sanitized name>-<lang>".
std::string course_dir_name(const CourseSpec& spec, Language language);

/// The root directory of a target: `course_root/<path>`, or `output_dir/<name>` when the
/// build re-roots its outputs.
std::filesystem::path target_root(const OutputTargetSpec& target,
                                  const std::filesystem::path& course_root,
                                  const std::filesystem::path& output_dir);

/// The parts of a deck's output paths that its formats and kinds share, computed once per
/// deck and language because sanitising is the costly part of planning a large course.
struct DeckPathParts {
    std::string course_slides; // "<course dir>/<Slides|Folien>/"
    std::string section_file;  // "/<Section>/<NN> <Title>"
};

DeckPathParts deck_path_parts(const CourseSpec& spec, Language language, const Bilingual& section,
                              int number, const Bilingual& title);

/// "<course dir>/<Slides|Folien>/<Format dir>/<Kind dir>/<Section>/<NN> <Title>.<ext>".
std::string output_relative_path(const DeckPathParts& parts, Format format, Kind kind,
                                 ProgLang prog_lang);

} // namespace clm
