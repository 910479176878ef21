#include "clm/deck_template.hpp"

#include <optional>
#include <utility>
#include <vector>

#include "header_macro.hpp"
#include "template_expression.hpp"
#include "template_lexer.hpp"

namespace clm {
namespace {

// Jinja includes templates recursively without a limit of its own; ours stops cycles.
constexpr int max_include_depth = 16;

std::string_view rstrip(std::string_view text) {
    while (!text.empty() && is_template_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

bool is_tag_opening(char second) {
    return second == '{' || second == '%' || second == '#';
}

std::string quoted(std::string_view text) {
    std::string out = "\"";
    out += text;
    out += '"';
    return out;
}

/// The expanded text and, for each of its lines, the deck line it came from. A line belongs
/// to the source of its first byte.
class DeckOutput {
public:
    explicit DeckOutput(std::size_t size_hint) { m_deck.text.reserve(size_hint + size_hint / 4); }

    /// Appends `text` whose first byte comes from `line`; with `advance`, each newline in it
    /// moves to the next source line, otherwise all of it comes from `line`.
    void append(std::string_view text, int line, bool advance) {
        std::size_t start = 0;
        while (start < text.size()) {
            if (m_line_pending) {
                m_deck.source_lines.push_back(line);
                m_line_pending = false;
            }
            const std::size_t newline = text.find('\n', start);
            if (newline == std::string_view::npos) {
                break;
            }
            m_line_pending = true;
            line += advance ? 1 : 0;
            start = newline + 1;
        }
        m_deck.text += text;
    }

    ExpandedDeck take() { return std::move(m_deck); }

private:
    ExpandedDeck m_deck;
    bool m_line_pending = true;
};

/// What every template of one expansion shares.
struct Expansion {
    const TemplateContext& context;
    const IncludeLoader& load_include;
    std::string line_prefix; // comment + " j2"
    DeckOutput output;
};

struct IfFrame {
    int line = 0;
    bool parent_active = true;
    bool taken = false; // whether some branch so far was taken
    bool in_else = false;
};

/// Renders one template (the deck or an included file) into the shared output in a single
/// pass over its text, evaluating only the branches that are taken.
class TemplateRenderer {
public:
    TemplateRenderer(Expansion& expansion, std::string_view source, const std::string& file,
                     HeaderMacroSet imported, int depth, int fixed_line)
        : m_expansion(expansion)
        , m_source(source)
        , m_file(file)
        , m_imported(imported)
        , m_depth(depth)
        , m_fixed_line(fixed_line) {}

    std::optional<Diagnostic> render();

private:
    std::optional<std::size_t> line_statement_at(std::size_t pos) const;
    std::optional<Diagnostic> render_braced_tag(char opening);
    std::size_t open_tag(std::size_t body);
    std::optional<Diagnostic> render_tag(std::size_t body, TagKind kind);
    std::optional<Diagnostic> render_comment(std::size_t body);
    std::optional<Diagnostic> render_expression(TagLexer& lexer, int line);
    std::optional<Diagnostic> render_statement(TagLexer& lexer, int line);
    std::optional<Diagnostic> on_if(TagParser& parser, int line);
    std::optional<Diagnostic> on_elif(TagParser& parser, int line);
    std::optional<Diagnostic> on_else(TagParser& parser, int line);
    std::optional<Diagnostic> on_endif(TagParser& parser, int line);
    std::optional<Diagnostic> on_import(TagParser& parser);
    std::optional<Diagnostic> on_include(TagParser& parser, int line);
    std::optional<Diagnostic> expect_end(const TagParser& parser) const;
    void flush_text(std::size_t end, bool strip);
    void resume_after(std::size_t pos, int line);
    void emit(std::string_view text, int line, bool advance);
    Diagnostic error(int line, std::string message) const;
    Diagnostic located(Diagnostic diagnostic) const;

    /// Whether the text at the current position is in a taken branch.
    bool active() const { return m_branch_active; }

    Expansion& m_expansion;
    std::string_view m_source;
    const std::string& m_file;
    HeaderMacroSet m_imported;
    int m_depth;
    int m_fixed_line; // non-zero inside an include: the deck line of the outermost include
    std::vector<IfFrame> m_ifs;
    bool m_branch_active = true;
    std::size_t m_pos = 0;
    int m_line = 1;
    std::size_t m_text_start = 0; // start of the template text not yet emitted
    int m_text_line = 1;
};

std::optional<Diagnostic> TemplateRenderer::render() {
    const std::size_t size = m_source.size();
    bool at_line_start = true;
    while (m_pos < size) {
        if (at_line_start) {
            at_line_start = false;
            if (const std::optional<std::size_t> body = line_statement_at(m_pos)) {
                if (auto failure = render_tag(*body, TagKind::line_statement)) {
                    return failure;
                }
                at_line_start = m_pos == 0 || m_source[m_pos - 1] == '\n';
                continue;
            }
        }
        const char c = m_source[m_pos];
        if (c == '\n') {
            ++m_pos;
            ++m_line;
            at_line_start = true;
        } else if (c == '{' && m_pos + 1 < size && is_tag_opening(m_source[m_pos + 1])) {
            if (auto failure = render_braced_tag(m_source[m_pos + 1])) {
                return failure;
            }
            at_line_start = m_source[m_pos - 1] == '\n';
        } else {
            ++m_pos;
        }
    }
    flush_text(size, false);
    if (!m_ifs.empty()) {
        return error(m_ifs.back().line, R"(unclosed "if"; expected "endif")");
    }
    return std::nullopt;
}

// Jinja matches `^[ \t\v]*` followed by the prefix; returns where the statement begins.
std::optional<std::size_t> TemplateRenderer::line_statement_at(std::size_t pos) const {
    while (pos < m_source.size() &&
           (m_source[pos] == ' ' || m_source[pos] == '\t' || m_source[pos] == '\v')) {
        ++pos;
    }
    const std::string_view prefix = m_expansion.line_prefix;
    if (m_source.compare(pos, prefix.size(), prefix) != 0) {
        return std::nullopt;
    }
    return pos + prefix.size();
}

// Renders the `{{`, `{%` or `{#` tag at m_pos; `opening` is its second character.
std::optional<Diagnostic> TemplateRenderer::render_braced_tag(char opening) {
    if (opening == '#') {
        return render_comment(m_pos + 2);
    }
    return render_tag(m_pos + 2, opening == '{' ? TagKind::expression : TagKind::statement);
}

// Emits the text before the tag that opens at m_pos and whose opening ends just before
// `body`; a '-' sign right after the opening strips that text's trailing whitespace, a '+'
// changes nothing. Returns where the inside of the tag starts.
std::size_t TemplateRenderer::open_tag(std::size_t body) {
    const bool has_sign =
        body < m_source.size() && (m_source[body] == '-' || m_source[body] == '+');
    flush_text(m_pos, has_sign && m_source[body] == '-');
    return body + (has_sign ? 1 : 0);
}

std::optional<Diagnostic> TemplateRenderer::render_tag(std::size_t body, TagKind kind) {
    const int line = m_line;
    TagLexer lexer(m_source, open_tag(body), line, kind);
    std::optional<Diagnostic> failure = kind == TagKind::expression ? render_expression(lexer, line)
                                                                    : render_statement(lexer, line);
    if (failure) {
        return failure;
    }
    resume_after(lexer.pos(), lexer.line());
    return std::nullopt;
}

std::optional<Diagnostic> TemplateRenderer::render_comment(std::size_t body) {
    body = open_tag(body);
    const std::size_t close = m_source.find("#}", body);
    // Jinja lets a comment opening at the very end of the text pass; we do the same.
    if (body >= m_source.size()) {
        resume_after(m_source.size(), m_line);
        return std::nullopt;
    }
    if (close == std::string_view::npos) {
        return error(m_line, R"(unclosed "{#"; expected "#}")");
    }
    const bool strip = close > body && m_source[close - 1] == '-';
    std::size_t pos = close + 2;
    while (strip && pos < m_source.size() && is_template_space(m_source[pos])) {
        ++pos;
    }
    int line = m_line;
    for (std::size_t i = m_pos; i < pos; ++i) {
        line += m_source[i] == '\n' ? 1 : 0;
    }
    resume_after(pos, line);
    return std::nullopt;
}

std::optional<Diagnostic> TemplateRenderer::render_expression(TagLexer& lexer, int line) {
    const TemplateScope scope{m_expansion.context, m_imported};
    TagParser parser(lexer, scope);
    Expected<TemplateValue> value = parser.parse_expression(active());
    if (!value) {
        return located(value.error());
    }
    if (auto failure = expect_end(parser)) {
        return failure;
    }
    if (active()) {
        emit(value->text(), line, false);
    }
    return std::nullopt;
}

std::optional<Diagnostic> TemplateRenderer::render_statement(TagLexer& lexer, int line) {
    const TemplateScope scope{m_expansion.context, m_imported};
    TagParser parser(lexer, scope);
    const Token keyword = parser.current();
    if (keyword.kind != TokenKind::name) {
        return keyword.kind == TokenKind::end ? error(keyword.line, "expected a statement")
                                              : located(parser.unexpected());
    }
    parser.advance();
    if (keyword.text == "if") {
        return on_if(parser, keyword.line);
    }
    if (keyword.text == "elif") {
        return on_elif(parser, keyword.line);
    }
    if (keyword.text == "else") {
        return on_else(parser, keyword.line);
    }
    if (keyword.text == "endif") {
        return on_endif(parser, keyword.line);
    }
    if (keyword.text == "from") {
        return on_import(parser);
    }
    if (keyword.text == "include") {
        return on_include(parser, line);
    }
    return error(keyword.line, "unsupported template construct: " + quoted(keyword.text));
}

std::optional<Diagnostic> TemplateRenderer::on_if(TagParser& parser, int line) {
    const bool parent_active = active();
    Expected<TemplateValue> condition = parser.parse_expression(parent_active);
    if (!condition) {
        return located(condition.error());
    }
    if (auto failure = expect_end(parser)) {
        return failure;
    }
    const bool taken = parent_active && condition->truthy();
    m_ifs.push_back(IfFrame{line, parent_active, taken, false});
    m_branch_active = taken;
    return std::nullopt;
}

std::optional<Diagnostic> TemplateRenderer::on_elif(TagParser& parser, int line) {
    if (m_ifs.empty()) {
        return error(line, R"("elif" without a matching "if")");
    }
    IfFrame& frame = m_ifs.back();
    if (frame.in_else) {
        return error(line, R"("elif" after "else")");
    }
    const bool live = frame.parent_active && !frame.taken;
    Expected<TemplateValue> condition = parser.parse_expression(live);
    if (!condition) {
        return located(condition.error());
    }
    if (auto failure = expect_end(parser)) {
        return failure;
    }
    m_branch_active = live && condition->truthy();
    frame.taken = frame.taken || m_branch_active;
    return std::nullopt;
}

std::optional<Diagnostic> TemplateRenderer::on_else(TagParser& parser, int line) {
    if (m_ifs.empty()) {
        return error(line, R"("else" without a matching "if")");
    }
    IfFrame& frame = m_ifs.back();
    if (frame.in_else) {
        return error(line, R"("else" after "else")");
    }
    if (auto failure = expect_end(parser)) {
        return failure;
    }
    m_branch_active = frame.parent_active && !frame.taken;
    frame.taken = true;
    frame.in_else = true;
    return std::nullopt;
}

std::optional<Diagnostic> TemplateRenderer::on_endif(TagParser& parser, int line) {
    if (m_ifs.empty()) {
        return error(line, R"("endif" without a matching "if")");
    }
    if (auto failure = expect_end(parser)) {
        return failure;
    }
    m_branch_active = m_ifs.back().parent_active;
    m_ifs.pop_back();
    return std::nullopt;
}

// `from 'macros.j2' import NAME[, NAME...]`: the only template there is to import from.
std::optional<Diagnostic> TemplateRenderer::on_import(TagParser& parser) {
    if (parser.current().kind != TokenKind::string) {
        return located(parser.unexpected());
    }
    Expected<TemplateValue> name = parser.string_literal();
    if (!name || name->text() != "macros.j2") {
        return error(parser.current().line, "unknown template " + quoted(parser.current().text) +
                                                "; only 'macros.j2' can be imported");
    }
    parser.advance();
    if (parser.current().kind != TokenKind::name || parser.current().text != "import") {
        return located(parser.unexpected());
    }
    HeaderMacroSet names = 0;
    do {
        parser.advance();
        const Token token = parser.current();
        if (token.kind != TokenKind::name) {
            return token.kind == TokenKind::end ? error(token.line, "expected a macro name")
                                                : located(parser.unexpected());
        }
        const std::optional<HeaderMacro> macro = parse_header_macro(token.text);
        if (!macro) {
            return error(token.line, "'macros.j2' has no macro " + quoted(token.text) +
                                         "; expected header, header_de or header_en");
        }
        names |= macro_bit(*macro);
        parser.advance();
    } while (parser.current().kind == TokenKind::comma);
    if (auto failure = expect_end(parser)) {
        return failure;
    }
    if (active()) {
        m_imported |= names;
    }
    return std::nullopt;
}

// The included file renders in the same context, with the macros imported so far, as Jinja's
// `include` passes the context; its own imports do not leak back.
std::optional<Diagnostic> TemplateRenderer::on_include(TagParser& parser, int line) {
    const Token token = parser.current();
    if (token.kind != TokenKind::string) {
        return token.kind == TokenKind::end ? error(token.line, "expected a file name")
                                            : located(parser.unexpected());
    }
    Expected<TemplateValue> name = parser.string_literal();
    if (!name) {
        return located(name.error());
    }
    parser.advance();
    if (auto failure = expect_end(parser)) {
        return failure;
    }
    if (!active()) {
        return std::nullopt;
    }
    if (m_depth >= max_include_depth) {
        return error(line, "include of " + quoted(name->text()) + " nested deeper than " +
                               std::to_string(max_include_depth) +
                               " levels; do included files include each other?");
    }
    const IncludeLoader& load = m_expansion.load_include;
    std::optional<IncludedFile> included = load ? load(name->text()) : std::nullopt;
    if (!included) {
        return error(line, "cannot include " + quoted(name->text()) + ": no such text file");
    }
    TemplateRenderer child(m_expansion, included->text, included->file, m_imported, m_depth + 1,
                           m_fixed_line != 0 ? m_fixed_line : line);
    return child.render();
}

std::optional<Diagnostic> TemplateRenderer::expect_end(const TagParser& parser) const {
    if (std::optional<Diagnostic> failure = parser.expect_end()) {
        return located(std::move(*failure));
    }
    return std::nullopt;
}

// Emits the template text from the last tag up to `end`, without its trailing whitespace when
// the next tag opens with '-'.
void TemplateRenderer::flush_text(std::size_t end, bool strip) {
    std::string_view text = m_source.substr(m_text_start, end - m_text_start);
    if (strip) {
        text = rstrip(text);
    }
    if (active() && !text.empty()) {
        emit(text, m_text_line, true);
    }
}

void TemplateRenderer::resume_after(std::size_t pos, int line) {
    m_pos = pos;
    m_line = line;
    m_text_start = pos;
    m_text_line = line;
}

void TemplateRenderer::emit(std::string_view text, int line, bool advance) {
    if (m_fixed_line != 0) {
        m_expansion.output.append(text, m_fixed_line, false);
    } else {
        m_expansion.output.append(text, line, advance);
    }
}

Diagnostic TemplateRenderer::error(int line, std::string message) const {
    return Diagnostic{m_file, line, std::move(message)};
}

Diagnostic TemplateRenderer::located(Diagnostic diagnostic) const {
    diagnostic.file = m_file;
    return diagnostic;
}

} // namespace

Expected<ExpandedDeck> expand_deck_template(std::string_view text, const std::string& file,
                                            const TemplateContext& context,
                                            const IncludeLoader& load_include) {
    Expansion expansion{context, load_include, std::string(context.comment) + " j2",
                        DeckOutput(text.size())};
    // Most decks hold at most a few tags; text without any passes through in one copy.
    if (text.find('{') == std::string_view::npos &&
        text.find(expansion.line_prefix) == std::string_view::npos) {
        expansion.output.append(text, 1, true);
        return expansion.output.take();
    }
    TemplateRenderer renderer(expansion, text, file, 0, 0, 0);
    if (std::optional<Diagnostic> failure = renderer.render()) {
        return std::move(*failure);
    }
    return expansion.output.take();
}

} // namespace clm
