#include "template_lexer.hpp"

namespace clm {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Bytes of non-ASCII characters count as letters, as Jinja accepts Unicode identifiers; such a
// name is then simply undefined.
bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool is_name_char(char c) {
    return is_name_start(c) || is_digit(c);
}

} // namespace

Token TagLexer::next() {
    if (m_kind == TagKind::line_statement && m_paren_depth == 0 && at_line_statement_end()) {
        return {TokenKind::end, {}, m_line};
    }
    if (m_kind != TagKind::line_statement && at_tag_end()) {
        return {TokenKind::end, {}, m_line};
    }
    if (skip_space()) {
        return next();
    }
    if (m_pos >= m_source.size()) {
        if (m_kind == TagKind::line_statement) {
            return {TokenKind::end, {}, m_line};
        }
        return {TokenKind::invalid,
                m_kind == TagKind::expression ? R"(unclosed "{{"; expected "}}")"
                                              : R"(unclosed "{%"; expected "%}")",
                m_open_line};
    }
    const char c = m_source[m_pos];
    if (is_name_start(c)) {
        std::size_t end = m_pos + 1;
        while (end < m_source.size() && is_name_char(m_source[end])) {
            ++end;
        }
        return make(TokenKind::name, end - m_pos);
    }
    if (c == '\'' || c == '"') {
        return lex_string();
    }
    return lex_other();
}

// Skips whitespace inside the tag; returns whether there was any.
bool TagLexer::skip_space() {
    const std::size_t start = m_pos;
    while (m_pos < m_source.size() && is_template_space(m_source[m_pos])) {
        m_line += m_source[m_pos] == '\n' ? 1 : 0;
        ++m_pos;
    }
    return m_pos != start;
}

// Jinja ends a line statement with `\s*(\n|$)`: the whitespace run up to and including its
// last newline, or the rest of the text when only whitespace remains.
bool TagLexer::at_line_statement_end() {
    std::size_t end = m_pos;
    std::size_t after_newline = std::string_view::npos;
    while (end < m_source.size() && is_template_space(m_source[end])) {
        if (m_source[end] == '\n') {
            after_newline = end + 1;
        }
        ++end;
    }
    if (end < m_source.size()) {
        end = after_newline;
    }
    if (end == std::string_view::npos) {
        return false;
    }
    while (m_pos < end) {
        m_line += m_source[m_pos] == '\n' ? 1 : 0;
        ++m_pos;
    }
    return true;
}

// Consumes `}}` or `%}` with its optional sign; a `-` sign also takes the whitespace after.
bool TagLexer::at_tag_end() {
    const std::string_view close = m_kind == TagKind::expression ? "}}" : "%}";
    const std::string_view rest = m_source.substr(m_pos);
    if (rest.starts_with(close)) {
        m_pos += close.size();
        return true;
    }
    const bool plus_allowed = m_kind == TagKind::statement;
    if (rest.size() <= close.size() || rest.substr(1, close.size()) != close ||
        (rest[0] != '-' && !(rest[0] == '+' && plus_allowed))) {
        return false;
    }
    m_pos += 1 + close.size();
    if (rest[0] == '-') {
        skip_space();
    }
    return true;
}

Token TagLexer::lex_string() {
    const char quote = m_source[m_pos];
    const int line = m_line;
    std::size_t end = m_pos + 1;
    int newlines = 0;
    while (end < m_source.size() && m_source[end] != quote) {
        if (m_source[end] == '\\' && end + 1 < m_source.size()) {
            ++end;
        }
        newlines += m_source[end] == '\n' ? 1 : 0;
        ++end;
    }
    if (end >= m_source.size()) {
        return {TokenKind::invalid, "unterminated string literal", line};
    }
    Token token = make(TokenKind::string, end + 1 - m_pos);
    m_line += newlines;
    return token;
}

Token TagLexer::lex_other() {
    const std::string_view rest = m_source.substr(m_pos);
    if (rest.starts_with("==")) {
        return make(TokenKind::equal, 2);
    }
    if (rest.starts_with("!=")) {
        return make(TokenKind::not_equal, 2);
    }
    switch (rest[0]) {
    case '(':
        ++m_paren_depth;
        return make(TokenKind::lparen, 1);
    case ')':
        m_paren_depth -= m_paren_depth > 0 ? 1 : 0;
        return make(TokenKind::rparen, 1);
    case ',':
        return make(TokenKind::comma, 1);
    default:
        break;
    }
    std::size_t length = 1;
    while (is_digit(rest[0]) && length < rest.size() && is_digit(rest[length])) {
        ++length;
    }
    return make(TokenKind::other, length);
}

Token TagLexer::make(TokenKind kind, std::size_t length) {
    Token token{kind, m_source.substr(m_pos, length), m_line};
    m_pos += length;
    return token;
}

} // namespace clm
