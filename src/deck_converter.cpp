#include "clm/deck_converter.hpp"

#include "clm/deck_template.hpp"
#include "clm/file_bytes.hpp"
#include "clm/kind_filter.hpp"
#include "clm/notebook_writer.hpp"
#include "clm/percent_parser.hpp"
#include "clm/svg_image_links.hpp"

namespace clm {
namespace fs = std::filesystem;
namespace {

// Included names are relative to the topic and may not climb out of it: a deck must not
// read arbitrary files of the machine that builds it.
bool is_safe_include_name(std::string_view name) {
    fs::path path(name);
    if (name.empty() || path.is_absolute() || name.front() == '\\') {
        return false;
    }
    for (const fs::path& part : path) {
        if (part == "..") {
            return false;
        }
    }
    return true;
}

IncludeLoader topic_include_loader(const Topic& topic) {
    fs::path base =
        topic.source.is_file_topic ? topic.source.path.parent_path() : topic.source.path;
    return [base](std::string_view name) -> std::optional<IncludedFile> {
        if (!is_safe_include_name(name)) {
            return std::nullopt;
        }
        fs::path path = base / fs::path(name);
        std::error_code error;
        if (!fs::is_regular_file(path, error)) {
            return std::nullopt;
        }
        std::optional<std::string> text = read_file_bytes(path);
        if (!text) {
            return std::nullopt;
        }
        return IncludedFile{path.generic_string(), std::move(*text)};
    };
}

TemplateContext template_context(const Course& course, const Topic& topic, Language language,
                                 Format format, ProgLang prog_lang) {
    TemplateContext context;
    context.lang = language;
    context.is_notebook = format == Format::notebook;
    context.is_html = format == Format::html;
    context.author = topic.spec.author.empty() ? course.spec.author : topic.spec.author;
    context.organization = course.spec.organization[language];
    context.comment = prog_lang_info(prog_lang).comment;
    return context;
}

// Diagrams rendered as SVG: markdown that shows a diagram's PNG shows its SVG instead.
void link_svg_cells(std::vector<Cell>& cells, const Topic& topic) {
    std::vector<std::string> stems = diagram_stems(topic.source);
    for (Cell& cell : cells) {
        if (cell.type == CellType::markdown && !stems.empty()) {
            cell.source = link_svg_renders(cell.source, stems);
        }
    }
}

} // namespace

Expected<std::vector<Cell>> read_deck_cells(const Course& course, const Topic& topic,
                                            const Deck& deck, Language language, Format format) {
    const DeckSource* source = deck.source_for(language);
    TemplateContext context = template_context(course, topic, language, format, deck.prog_lang);
    std::string file = (course.root / source->file.relative).generic_string();
    if (!source->text_loaded) {
        return Diagnostic{file, 0, "cannot read deck"}; // load_deck_text() said why
    }
    Expected<ExpandedDeck> expanded =
        expand_deck_template(source->text, file, context, topic_include_loader(topic));
    if (!expanded) {
        return expanded.error();
    }
    Expected<std::vector<Cell>> cells = parse_percent(*expanded, context.comment, file);
    if (cells && course.spec.image_format == ImageFormat::svg) {
        link_svg_cells(*cells, topic);
    }
    return cells;
}

std::string render_deck(const std::vector<Cell>& cells, Kind kind, Language language, Format format,
                        ProgLang prog_lang) {
    std::vector<OutputCell> variant = filter_cells(cells, kind, language);
    return format == Format::code ? write_code(variant, prog_lang)
                                  : write_ipynb(variant, prog_lang);
}

} // namespace clm
