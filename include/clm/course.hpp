// A course loaded for building: the spec resolved against the tree, with titles and numbers.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clm/course_spec.hpp"
#include "clm/course_tree.hpp"
#include "clm/diagnostic.hpp"
#include "clm/file_stamp.hpp"

namespace clm {

/// One deck file with its text, checked to be non-empty UTF-8. A deck that an earlier build
/// read and that has not changed since is not read again: its text is then not loaded
/// until load_deck_text() is called, and its digest and title come from that build.
struct DeckSource {
    DeckFile file;
    std::string text;
    bool text_loaded = true;
    std::string digest;                    // normalized_digest(text)
    FileStamp stamp;                       // the file's stamp when it was read
    std::optional<Bilingual> header_title; // find_deck_title(text)
};

/// What an earlier build learned from a deck file: the digest of its text and its title.
struct KnownDeck {
    std::string digest;
    std::optional<Bilingual> header_title;
};

/// What is known about a deck file whose stamp is `stamp`, or nothing when it must be read.
/// It is called from several threads at once.
using DeckCache = std::function<std::optional<KnownDeck>(const DeckFile&, const FileStamp&)>;

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

/// The digest of a topic's other files, names and contents.
using TopicDigest = std::function<const std::string&(const Topic&)>;

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
/// section. Throws ConfigError for split-deck routing errors of topics that are built. A
/// deck that `cache` knows is not read.
Course load_course(CourseSpec spec, const CourseTree& tree, const DeckCache& cache = {});

/// Reads the text of a source that load_course() did not read. On failure (the file is gone
/// or now broken) the source stays without text and the diagnostic says why.
std::optional<Diagnostic> load_deck_text(DeckSource& source);

/// The SHA-256 (hex) of `text` with each CRLF taken as LF, so that a checkout on Windows and
/// one on Linux give equal digests.
std::string normalized_digest(std::string_view text);

/// A spec for a course directory without one: every module is a section, in name order,
/// named after its directory, holding all of its topics; the course is named after `root`.
CourseSpec spec_from_tree(const CourseTree& tree);

/// The title of a deck from its raw text: header("DE", "EN"), else header_de/header_en,
/// else nothing.
std::optional<Bilingual> find_deck_title(std::string_view text);

} // namespace clm
