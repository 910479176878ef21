#include "clm/kind_filter.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <unordered_set>

#include "clm/cell_id.hpp"

namespace clm {
namespace {

using TagList = std::span<const std::string_view>;

constexpr std::array<std::string_view, 5> code_along_deletes = {"alt", "completed", "del", "notes",
                                                                "voiceover"};
constexpr std::array<std::string_view, 4> completed_deletes = {"del", "notes", "voiceover",
                                                               "start"};
constexpr std::array<std::string_view, 3> trainer_deletes = {"del", "start", "voiceover"};
constexpr std::array<std::string_view, 2> recording_deletes = {"del", "start"};
constexpr std::array<std::string_view, 2> kept_code_tags = {"keep", "start"};

// The tags whose cells a kind deletes. Partial uses completed's set outside its workshop
// ranges and code-along's inside them.
TagList deleted_tags(Kind kind) {
    switch (kind) {
    case Kind::code_along:
        return code_along_deletes;
    case Kind::completed:
    case Kind::partial:
        return completed_deletes;
    case Kind::trainer:
        return trainer_deletes;
    case Kind::recording:
        return recording_deletes;
    }
    return {};
}

constexpr std::array<std::string_view, 4> slide_type_tags = {"slide", "subslide", "notes",
                                                             "voiceover"};

// "raises-exception" is not ours but nbclient's: such a cell may fail during execution.
constexpr std::array<std::string_view, 16> known_tags = {
    "slide",           "subslide",     "notes",     "voiceover", "keep",
    "start",           "completed",    "alt",       "answer",    "del",
    "workshop",        "end-workshop", "nodataurl", "private",   "allow-untranslated",
    "raises-exception"};

bool has_any_tag(const Cell& cell, TagList tags) {
    return std::any_of(tags.begin(), tags.end(),
                       [&](std::string_view tag) { return cell.has_tag(tag); });
}

bool is_opener(const Cell& cell) {
    if (cell.type != CellType::markdown) {
        return false;
    }
    if (cell.has_tag("workshop")) {
        return true;
    }
    auto slide_id = cell.metadata.find("slide_id");
    return (cell.has_tag("slide") || cell.has_tag("subslide")) && slide_id != cell.metadata.end() &&
           slide_id->is_string() &&
           slide_id->get_ref<const std::string&>().starts_with("workshop-");
}

std::string wrap_in_box(std::string_view background, const std::string& text) {
    std::string boxed = "<div style='background: ";
    boxed += background;
    boxed += "; color: black;'>\n";
    boxed += text;
    boxed += "\n</div>";
    return boxed;
}

std::string_view answer_prefix(Language language) {
    return language == Language::de ? "*Antwort:*" : "*Answer:*";
}

std::string process_markdown(const Cell& cell, bool hide_answers, Language language) {
    std::string text = cell.source;
    if (cell.has_tag("notes")) {
        text = wrap_in_box("yellow", text);
    }
    if (cell.has_tag("voiceover")) {
        text = wrap_in_box("#FFEEBA", text);
    }
    if (cell.has_tag("answer")) {
        std::string prefixed(answer_prefix(language));
        // Code-along shows only the prompt that an answer belongs here.
        if (!hide_answers) {
            prefixed += ' ';
            prefixed += text;
        }
        text = std::move(prefixed);
    }
    return text;
}

nlohmann::json output_metadata(const Cell& cell) {
    nlohmann::json metadata = cell.metadata;
    metadata.erase("slide_id");
    metadata.erase("for_slide");
    if (!cell.tags.empty()) {
        metadata["tags"] = cell.tags;
    }
    if (!cell.lang.empty()) {
        metadata["lang"] = cell.lang;
    }
    for (std::string_view tag : cell.tags) {
        if (std::find(slide_type_tags.begin(), slide_type_tags.end(), tag) !=
            slide_type_tags.end()) {
            metadata["slideshow"] = {{"slide_type", tag}};
            break;
        }
    }
    return metadata;
}

OutputCell make_output_cell(const Cell& cell, std::string id, bool hides_solutions,
                            Language language) {
    OutputCell out;
    out.type = cell.type;
    out.id = std::move(id);
    out.line = cell.line;
    out.hide_outputs = hides_solutions;
    out.metadata = output_metadata(cell);
    if (cell.type == CellType::markdown) {
        out.source = process_markdown(cell, hides_solutions, language);
    } else if (cell.type == CellType::code && hides_solutions &&
               !has_any_tag(cell, kept_code_tags)) {
        out.source.clear();
    } else {
        out.source = cell.source;
    }
    return out;
}

} // namespace

std::vector<bool> workshop_ranges(const std::vector<Cell>& cells) {
    std::vector<bool> inside(cells.size(), false);
    bool open = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (is_opener(cells[i])) {
            open = true;
        } else if (cells[i].has_tag("end-workshop")) {
            open = false;
        }
        inside[i] = open;
    }
    return inside;
}

std::vector<OutputCell> filter_cells(const std::vector<Cell>& cells, Kind kind, Language language) {
    std::vector<bool> in_workshop;
    if (kind == Kind::partial) {
        in_workshop = workshop_ranges(cells);
    }
    std::string_view lang_code = language_code(language);
    // Ids come from the unblanked sources of all cells, before any is dropped, so that a
    // cell has the same id in every kind and language; executed outputs are matched by it.
    std::unordered_set<std::string> taken_ids;
    std::vector<std::string> ids;
    ids.reserve(cells.size());
    for (const Cell& cell : cells) {
        ids.push_back(make_cell_id(cell.source, taken_ids));
    }
    std::vector<OutputCell> out;
    out.reserve(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const Cell& cell = cells[i];
        if (!cell.lang.empty() && cell.lang != lang_code) {
            continue;
        }
        bool code_along_rules =
            kind == Kind::code_along || (kind == Kind::partial && in_workshop[i]);
        if (has_any_tag(cell, deleted_tags(code_along_rules ? Kind::code_along : kind))) {
            continue;
        }
        out.push_back(make_output_cell(cell, std::move(ids[i]), code_along_rules, language));
    }
    return out;
}

bool is_known_tag(std::string_view tag) {
    return std::find(known_tags.begin(), known_tags.end(), tag) != known_tags.end();
}

} // namespace clm
