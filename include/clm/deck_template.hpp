// The template language of decks: the subset of Jinja that course decks use.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clm/expected.hpp"
#include "clm/language.hpp"

namespace clm {

/// The values a deck template sees. `comment` is the deck language's line comment ("#" or
/// "//"); line statements start with `comment + " j2"`.
struct TemplateContext {
    Language lang = Language::en;
    bool is_notebook = false;
    bool is_html = false;
    std::string author;
    std::string organization; // in `lang`
    std::string_view comment = "#";
};

/// A file that a deck includes: its name for diagnostics and its text.
struct IncludedFile {
    std::string file;
    std::string text;
};

/// Looks up a file that a deck includes by the name the deck gives. Returns nothing when the
/// name does not resolve to a readable text file of the topic.
using IncludeLoader = std::function<std::optional<IncludedFile>(std::string_view name)>;

/// A deck after template expansion.
struct ExpandedDeck {
    std::string text;
    /// For each line of `text` (index 0 is line 1), the line of the deck it came from, so
    /// that later stages can report errors at the deck's own lines. Lines that come from an
    /// included file or a macro map to the line of the include or the macro call.
    std::vector<int> source_lines;
};

/// Expands `text`, the contents of `file` (used in diagnostics). Supported: line statements
/// (`# j2 ...`), `{% ... %}` tags and `{{ ... }}` expressions with `-` whitespace control;
/// `from 'macros.j2' import header, header_de, header_en`; `if`/`elif`/`else`/`endif`
/// over `lang`, `is_notebook`, `is_html`, `author`, `organization`, string and boolean
/// literals, `==`, `!=`, `not`, `and`, `or` and parentheses; `include "file"` of topic
/// files (expanded in the same context); and the header macros. Any other construct, or an
/// undefined name, is an error at its file and line.
Expected<ExpandedDeck> expand_deck_template(std::string_view text, const std::string& file,
                                            const TemplateContext& context,
                                            const IncludeLoader& load_include);

} // namespace clm
