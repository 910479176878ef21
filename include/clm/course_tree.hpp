// What is on disk below a course root: modules, topics and the deck files in them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clm/diagnostic.hpp"
#include "clm/language.hpp"

namespace clm {

/// A deck source file: a file whose name starts with slides_, topic_ or project_ and whose
/// extension is a deck language.
struct DeckFile {
    std::filesystem::path path; // absolute
    std::string relative;       // relative to the course root, '/'-separated
    ProgLang prog_lang = ProgLang::python;
    /// Set for one half of a split pair (slides_x.de.py, slides_x.en.py); such a file builds
    /// only its own language. Empty for a bilingual file.
    std::optional<Language> language;
    /// The family key that ties the halves of a pair together: the relative path without the
    /// language infix ("slides/m/t/slides_x.py"). Equal to `relative` for bilingual files.
    std::string family;
};

/// A topic found in a module: a directory topic_NNN_name/ or a file topic_NNN_name.py.
struct TopicSource {
    std::string id;     // "name": the entry name without extension and first two '_' parts
    std::string module; // the module directory name
    std::filesystem::path path;
    bool is_file_topic = false;
    /// The decks in name order, direct children first, then decks of nested directories.
    std::vector<DeckFile> decks;
    /// Every other file of a directory topic (data, images, helpers), absolute, in name order,
    /// without ignored names and directories.
    std::vector<std::filesystem::path> other_files;
    /// Split-deck routing errors (a bilingual file beside a split half, a half without its
    /// pair). Building this topic is a configuration error.
    std::vector<Diagnostic> routing_errors;
};

/// The scanned slides/ tree of a course.
struct CourseTree {
    std::filesystem::path root;
    std::vector<std::string> modules; // in name order
    std::vector<TopicSource> topics;  // in module, then entry name order

    /// The indexes into `topics` of each topic id, in tree order; kept by index_topics().
    std::unordered_map<std::string, std::vector<std::size_t>> topics_by_id;

    /// The topic with `id` in `module`, or with an empty `module` the first one in module and
    /// name order. Null when there is none. A course names thousands of topics, so this looks
    /// them up in `topics_by_id` rather than searching.
    const TopicSource* find_topic(std::string_view id, std::string_view module = {}) const;
    /// Rebuilds `topics_by_id` from `topics`.
    void index_topics();
};

/// Scans `root`/slides. Throws ConfigError when slides/ does not exist. Ignored directories
/// are matched only below `root`. Symbolic links are followed, except into a directory that
/// is already on the path being scanned (a loop), which is reported in `warnings`.
CourseTree scan_course_tree(const std::filesystem::path& root, std::vector<Diagnostic>& warnings);

/// The topic id of a module entry: drop the extension, split on '_', drop two parts.
/// "topic_100_some_topic" -> "some_topic"; "img" -> "".
std::string topic_id_from_entry(std::string_view entry_name);

/// Whether a directory of this name is never part of a course (build, .git, __pycache__...).
bool is_ignored_directory(std::string_view name);

} // namespace clm
