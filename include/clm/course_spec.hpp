// The course spec: the XML file that lists a course's sections, topics and output targets.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clm/image_format.hpp"
#include "clm/language.hpp"
#include "clm/output_kind.hpp"

namespace clm {

/// A text given in both audience languages. A spec that gives only one fills both.
struct Bilingual {
    std::string de;
    std::string en;

    const std::string& operator[](Language language) const {
        return language == Language::de ? de : en;
    }
};

/// A `<dir-group>`: a directory of the course copied into every course directory of the
/// output (once per target and language), beside the slides.
struct DirGroupSpec {
    /// Where the copy goes, below the course directory; '/' separates directories, each of
    /// which is sanitised like a title. Empty: straight into the course directory.
    Bilingual name;
    std::string path; // the source, relative to the course root, validated to stay below it
    /// Copy only these subdirectories of `path` (each to `<name>/<subdir>`); empty for all.
    std::vector<std::string> subdirs;
    bool include_root_files = false; // also the plain files directly in `path`
    bool recursive = true;           // false: no nested directories
    int line = 0;
};

/// A `<topic>` of a section: which topic of the tree to build, and how.
struct TopicSpec {
    std::string id;
    int line = 0;             // line of the <topic> element in the spec
    bool skip_html = false;   // html="…" with any non-empty value
    bool evaluate = true;     // evaluate="no|false|0" turns execution off
    bool skip_errors = false; // skip-errors="true"
    std::string module;       // module binding: the topic's own, else the section's
    std::string author;       // empty: the course author
    std::string prog_lang;    // empty: from the deck's extension
    /// The topic's own `<dir-group>`s, copied like the course's when the topic is built.
    std::vector<DirGroupSpec> dir_groups;
};

/// An enabled `<section>`, with enabled subsections flattened into its topics.
struct SectionSpec {
    Bilingual name;
    std::string id;
    int line = 0;
    std::vector<TopicSpec> topics;
};

/// An `<output-target>`: one output tree with the kinds, formats and languages it holds.
struct OutputTargetSpec {
    std::string name;
    std::string path; // relative to the course root, validated to stay below it
    std::vector<Kind> kinds;
    std::vector<Format> formats;
    std::vector<Language> languages;
    int line = 0; // 0 for the default tiers
};

/// A parsed and validated course spec.
struct CourseSpec {
    std::filesystem::path file;
    Bilingual name;
    std::string prog_lang; // may be empty
    std::string project_slug;
    std::string author;
    Bilingual organization;
    std::vector<SectionSpec> sections;    // enabled sections only, in document order
    std::vector<DirGroupSpec> dir_groups; // those of <dir-groups>
    /// `<image-options><format>`: the format diagrams are rendered in; none when not given.
    std::optional<ImageFormat> image_format;
    /// The spec's targets, or the three default tiers (shared, trainer, speaker) when the spec
    /// has no <output-targets>.
    std::vector<OutputTargetSpec> targets;
};

/// Reads and validates the spec at `file`. Throws ConfigError listing every problem found
/// (malformed XML, an unknown kind, format or language, a duplicate target name or path, a
/// target path that is absolute, empty or leaves the course root, a missing file).
CourseSpec load_course_spec(const std::filesystem::path& file);

/// Parses spec text; `file` is only used in diagnostics. Throws ConfigError like
/// load_course_spec.
CourseSpec parse_course_spec(std::string_view xml, const std::filesystem::path& file);

/// The three targets used when a spec has none: shared, trainer and speaker under output/.
std::vector<OutputTargetSpec> default_output_targets();

} // namespace clm
