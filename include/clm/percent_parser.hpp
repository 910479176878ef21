// Reading the jupytext "percent" format that decks are written in.
#pragma once

#include <string_view>
#include <vector>

#include "clm/deck_template.hpp"
#include "clm/expected.hpp"
#include "clm/notebook.hpp"

namespace clm {

/// Splits an expanded deck into cells. A header is `<comment> %%`, optionally followed by
/// `[markdown]` (or `[md]`, `[raw]`) and `key=JSON` pairs such as `lang="de"` and
/// `tags=["slide"]`. Lines before the first header form a leading code cell when they are
/// not blank. Markdown lines are un-commented (`# text` -> `text`, `#` -> empty); lines
/// without the prefix are kept. A malformed header is an error at `file` and the deck line
/// given by `deck.source_lines`.
Expected<std::vector<Cell>> parse_percent(const ExpandedDeck& deck, std::string_view comment,
                                          const std::string& file);

} // namespace clm
