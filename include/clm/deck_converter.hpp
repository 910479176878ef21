// Converting a deck into the bytes of its notebook and code outputs.
#pragma once

#include <string>
#include <vector>

#include "clm/course.hpp"
#include "clm/expected.hpp"
#include "clm/notebook.hpp"
#include "clm/output_kind.hpp"

namespace clm {

/// The cells of `deck` as one language and format see them: its template expanded with
/// that output's values (lang, is_notebook, is_html, author, organization; includes from
/// the topic) and its percent source parsed. When the course renders diagrams as SVG
/// (`course.spec.image_format`), markdown naming a diagram's PNG names its SVG. Errors name
/// the deck file and line.
Expected<std::vector<Cell>> read_deck_cells(const Course& course, const Topic& topic,
                                            const Deck& deck, Language language, Format format);

/// The bytes of the `kind` variant of `cells` in `format`, which is notebook or code.
std::string render_deck(const std::vector<Cell>& cells, Kind kind, Language language, Format format,
                        ProgLang prog_lang);

} // namespace clm
