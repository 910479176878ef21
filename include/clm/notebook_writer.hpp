// Serialising an output notebook as .ipynb or as a code file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clm/language.hpp"
#include "clm/notebook.hpp"

namespace clm {

/// nbformat 4.5 JSON with sorted keys and one-space indentation, sources split into lines,
/// code cells with `execution_count: null` and no outputs, the kernelspec and language_info of
/// `lang`, jupytext metadata whose cell_metadata_filter lists the cell metadata keys used
/// (sorted, without slideshow), and a trailing newline.
/// Code cells carry their outputs and execution count. A non-empty `title` goes into the
/// notebook metadata, where nbconvert takes the HTML page title from.
std::string write_ipynb(const std::vector<OutputCell>& cells, ProgLang lang,
                        std::string_view title = {});

/// The percent format without metadata: `# %%` and `# %% [markdown]` headers, markdown as
/// comments, cells separated by one blank line, a trailing newline.
std::string write_code(const std::vector<OutputCell>& cells, ProgLang lang);

} // namespace clm
