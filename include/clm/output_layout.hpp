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

/// What identifies one output file below a target root.
struct OutputName {
    Language language = Language::en;
    Format format = Format::notebook;
    Kind kind = Kind::completed;
    ProgLang prog_lang = ProgLang::python;
    const Bilingual* section = nullptr;
    int number = 0;
    const Bilingual* title = nullptr;
};

/// "<course dir>/<Slides|Folien>/<Format dir>/<Kind dir>/<Section>/<NN> <Title>.<ext>".
std::string output_relative_path(const CourseSpec& spec, const OutputName& name);

} // namespace clm
