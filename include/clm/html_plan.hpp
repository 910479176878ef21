// Planning the HTML outputs: the kernel runs they need and the renders that make them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "clm/build_plan.hpp"
#include "clm/diagnostic.hpp"
#include "clm/notebook.hpp"

namespace clm {

/// One kernel run. Its key covers what determines its result (the kernel, the code cells
/// that run, in order, and the topic's other files), so every variant with an equal key
/// shares it: the German and English variants of a deck whose code has no language, say.
struct Execution {
    std::string key;
    std::string name; // "execute <deck file> (<lang>)", for messages and reports
    const Topic* topic = nullptr;
    std::string deck_file; // the deck that first needed it, for errors in its cells
    Language language = Language::en;
    ProgLang prog_lang = ProgLang::python;
    bool skip_errors = false;
    std::string notebook;        // the .ipynb the executor reads: the recording variant
    std::vector<int> cell_lines; // the deck line of each of its cells
    std::size_t users = 0;       // how many (deck, language) variants it serves
};

/// One HTML output in one language and kind, written to every target that wants it.
struct HtmlVariant {
    Language language = Language::en;
    Kind kind = Kind::completed;
    std::vector<std::string> paths;
    /// The execution whose outputs it shows; none for code-along and unevaluated topics.
    std::optional<std::size_t> execution;
    std::vector<OutputCell> cells;
    std::string title;
};

/// All HTML variants of one deck, rendered by one process.
struct HtmlRender {
    std::string name;      // "render <deck file>"
    std::string deck_file; // the deck's (first) file, for messages
    const Deck* deck = nullptr;
    std::vector<HtmlVariant> variants;
    std::vector<std::size_t> executions; // those its variants need, without repeats
};

struct HtmlPlan {
    std::vector<Execution> executions;
    std::vector<HtmlRender> renders;
    std::size_t outputs = 0;
    /// Outputs of decks that could not be read as HTML, with the reasons.
    std::size_t failed_outputs = 0;
    std::vector<Diagnostic> errors;
};

/// Groups the HTML outputs of `plan` by deck, expands each deck for HTML, and decides which
/// executions they need. Completed, trainer, recording and partial HTML show the outputs of
/// the deck's recording variant; code-along HTML and topics with evaluate="no" need none.
/// Topic files are digested by `topic_digest` when given, else read here.
HtmlPlan plan_html(const Course& course, const BuildPlan& plan,
                   const TopicDigest& topic_digest = {});

} // namespace clm
