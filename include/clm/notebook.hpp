// The cells of a deck, as parsed from its percent source and as written to outputs.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace clm {

enum class CellType { code, markdown, raw };

struct Cell {
    CellType type = CellType::code;
    /// The cell text: for markdown already un-commented, without trailing blank lines and
    /// without a final newline.
    std::string source;
    std::vector<std::string> tags;
    std::string lang; // "de", "en" or empty for a cell shared by both languages
    /// Every other key=value pair of the header, in key order (slide_id, for_slide, ...).
    nlohmann::json metadata = nlohmann::json::object();
    int line = 0; // the deck line of the cell header (or first line)

    bool has_tag(std::string_view tag) const;
};

/// A notebook ready to be written: cells with their ids and final metadata.
struct OutputCell {
    CellType type = CellType::code;
    std::string id;
    std::string source;
    nlohmann::json metadata = nlohmann::json::object();
    int line = 0; // the deck line of the cell, for errors found when it runs
    /// Set where the kind shows no results: code-along, and the workshop ranges of partial.
    bool hide_outputs = false;
    /// For code cells of executed notebooks: nbformat outputs and execution count.
    nlohmann::json outputs = nlohmann::json::array();
    nlohmann::json execution_count = nullptr;
};

} // namespace clm
