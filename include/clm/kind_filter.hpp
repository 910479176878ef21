// The cell rules of the output kinds: which cells each audience sees, and how.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clm/language.hpp"
#include "clm/notebook.hpp"
#include "clm/output_kind.hpp"

namespace clm {

/// The cells of one output variant of a deck. Drops cells of the other language and the
/// cells the kind deletes; blanks code (and answer text) that code-along and the workshop
/// ranges of partial hide; prefixes answers and boxes notes and voiceovers; sets slideshow
/// metadata from the slide tags; gives each cell an id derived from its source (and its
/// place among equal sources of the whole deck, so that ids agree between kinds and
/// languages); and drops the metadata that only steers the build (slide_id, for_slide).
std::vector<OutputCell> filter_cells(const std::vector<Cell>& cells, Kind kind, Language language);

/// For each cell, whether it lies in a workshop range. A range opens at a markdown cell
/// tagged "workshop" or a slide/subslide markdown cell whose slide_id starts with
/// "workshop-", and ends before the next "end-workshop" cell, the next opener, or the end.
std::vector<bool> workshop_ranges(const std::vector<Cell>& cells);

/// Whether `tag` is one the build knows. Unknown tags are kept but worth a hint.
bool is_known_tag(std::string_view tag);

} // namespace clm
