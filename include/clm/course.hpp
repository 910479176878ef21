// A course loaded for building: the spec resolved against the tree, with titles and numbers.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clm/course_spec.hpp"
#include "clm/course_tree.hpp"
#include "clm/diagnostic.hpp"

namespace clm {

/// One deck file with its text, checked to be non-empty UTF-8.
struct DeckSource {
    DeckFile file;
    std::string text;
};

/// A deck as it is built: one bilingual file, or the two halves of a split pair.
struct Deck {
    std::vector<DeckSource> sources;
    Bilingual title; // from header(...), header_de/header_en(...), else the file stem
    int number = 0;  // 1-based within its section; a split pair shares one number
    ProgLang prog_lang = ProgLang::python;

    /// The source that builds `language`, or null when this deck has none for it.
    const DeckSource* source_for(Language language) const;
};

struct Topic {
    TopicSpec spec;
    TopicSource source;
    std::vector<Deck> decks;
};

struct Section {
    SectionSpec spec;
    std::vector<Topic> topics;
};

struct Course {
    CourseSpec spec;
    std::filesystem::path root;
    std::vector<Section> sections;
    /// Problems that skip a topic or a deck while the rest is built; they make the exit
    /// status 1.
    std::vector<Diagnostic> errors;
    std::vector<Diagnostic> warnings;
};

/// Resolves every spec topic against the tree, reads the decks, and numbers them per
/// section. Throws ConfigError for split-deck routing errors of topics that are built.
Course load_course(CourseSpec spec, const CourseTree& tree);

/// A spec for a course directory without one: every module is a section, in name order,
/// named after its directory, holding all of its topics; the course is named after `root`.
CourseSpec spec_from_tree(const CourseTree& tree);

/// The title of a deck from its raw text: header("DE", "EN"), else header_de/header_en,
/// else nothing.
std::optional<Bilingual> find_deck_title(std::string_view text);

} // namespace clm
