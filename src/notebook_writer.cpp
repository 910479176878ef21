#include "clm/notebook_writer.hpp"

#include <set>
#include <string_view>

namespace clm {
namespace {

using nlohmann::json;

std::string_view cell_type_name(CellType type) {
    switch (type) {
    case CellType::markdown:
        return "markdown";
    case CellType::raw:
        return "raw";
    case CellType::code:
        break;
    }
    return "code";
}

/// The length of the line break at `text[pos]`, or 0. These are the breaks of Python's
/// str.splitlines, which nbformat uses to split sources, so that the lists match byte for byte.
std::size_t line_break_length(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) {
        return i < text.size() ? static_cast<unsigned char>(text[i]) : 0U;
    };
    const unsigned char c = byte(pos);
    if (c == '\r') {
        return byte(pos + 1) == '\n' ? 2 : 1;
    }
    if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e)) {
        return 1;
    }
    if (c == 0xc2 && byte(pos + 1) == 0x85) {
        return 2; // U+0085 NEXT LINE
    }
    if (c == 0xe2 && byte(pos + 1) == 0x80 && (byte(pos + 2) == 0xa8 || byte(pos + 2) == 0xa9)) {
        return 3; // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
    }
    return 0;
}

/// `text` as a list of lines that keep their line breaks; an empty text is an empty list.
json split_source(std::string_view text) {
    json lines = json::array();
    std::size_t start = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t length = line_break_length(text, pos);
        if (length == 0) {
            ++pos;
            continue;
        }
        pos += length;
        lines.push_back(std::string(text.substr(start, pos - start)));
        start = pos;
    }
    if (start < text.size()) {
        lines.push_back(std::string(text.substr(start)));
    }
    return lines;
}

json cell_json(const OutputCell& cell) {
    json result = {
        {"cell_type", cell_type_name(cell.type)},
        {"id", cell.id},
        {"metadata", cell.metadata},
        {"source", split_source(cell.source)},
    };
    if (cell.type == CellType::code) {
        result["execution_count"] = cell.execution_count;
        result["outputs"] = cell.outputs;
    }
    return result;
}

/// jupytext's filter lists the cell metadata keys that the text format would keep; the
/// slideshow key is derived from tags and so is not among them.
std::string cell_metadata_filter(const std::vector<OutputCell>& cells) {
    std::set<std::string> keys;
    for (const OutputCell& cell : cells) {
        for (const auto& [key, value] : cell.metadata.items()) {
            if (key != "slideshow") {
                keys.insert(key);
            }
        }
    }
    std::string filter = "-all";
    for (const std::string& key : keys) {
        filter += ',';
        filter += key;
    }
    return filter;
}

json notebook_metadata(const std::vector<OutputCell>& cells, ProgLang lang) {
    const ProgLangInfo& info = prog_lang_info(lang);
    json language_info = {
        {"file_extension", info.extension},
        {"mimetype", info.mimetype},
        {"name", info.kernel_language},
        {"pygments_lexer", info.pygments_lexer},
    };
    if (lang == ProgLang::python) {
        language_info["codemirror_mode"] = {{"name", "ipython"}, {"version", 3}};
        language_info["nbconvert_exporter"] = "python";
    }
    return {
        {"jupytext",
         {{"cell_metadata_filter", cell_metadata_filter(cells)},
          {"main_language", info.name},
          {"notebook_metadata_filter", "-all"}}},
        {"kernelspec",
         {{"display_name", info.kernel_display},
          {"language", info.kernel_language},
          {"name", info.kernel_name}}},
        {"language_info", std::move(language_info)},
    };
}

std::string_view header_suffix(CellType type) {
    switch (type) {
    case CellType::markdown:
        return " [markdown]";
    case CellType::raw:
        return " [raw]";
    case CellType::code:
        break;
    }
    return "";
}

/// Appends `source` as comment lines: `<comment> line`, or a bare `<comment>` for an empty line.
void append_commented(std::string& out, std::string_view source, std::string_view comment) {
    std::size_t start = 0;
    while (true) {
        const std::size_t end = std::min(source.find('\n', start), source.size());
        const std::string_view line = source.substr(start, end - start);
        out += '\n';
        out += comment;
        if (!line.empty()) {
            out += ' ';
            out += line;
        }
        if (end == source.size()) {
            return;
        }
        start = end + 1;
    }
}

} // namespace

std::string write_ipynb(const std::vector<OutputCell>& cells, ProgLang lang,
                        std::string_view title) {
    json cell_list = json::array();
    for (const OutputCell& cell : cells) {
        cell_list.push_back(cell_json(cell));
    }
    json notebook = {
        {"cells", std::move(cell_list)},
        {"metadata", notebook_metadata(cells, lang)},
        {"nbformat", 4},
        {"nbformat_minor", 5},
    };
    if (!title.empty()) {
        notebook["metadata"]["title"] = title;
    }
    // nlohmann's object keys are sorted like Python's sort_keys (UTF-8 byte order is code
    // point order), and dump(1) uses the separators of json.dumps(indent=1). Invalid UTF-8
    // becomes U+FFFD instead of an exception.
    return notebook.dump(1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace) + "\n";
}

std::string write_code(const std::vector<OutputCell>& cells, ProgLang lang) {
    const std::string_view comment = prog_lang_info(lang).comment;
    std::string out;
    for (const OutputCell& cell : cells) {
        if (!out.empty()) {
            out += "\n\n";
        }
        out += comment;
        out += " %%";
        out += header_suffix(cell.type);
        if (cell.source.empty()) {
            continue;
        }
        if (cell.type == CellType::code) {
            out += '\n';
            out += cell.source;
        } else {
            append_commented(out, cell.source, comment);
        }
    }
    // The file ends with exactly one newline, whatever the last cell ends with.
    while (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    return out + "\n";
}

} // namespace clm
