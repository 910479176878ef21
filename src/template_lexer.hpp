// The tokens inside a deck template tag: `{{ ... }}`, `{% ... %}` or a `# j2 ...` line.
#pragma once

#include <cstddef>
#include <string_view>

namespace clm {

enum class TokenKind {
    name,      // identifiers and keywords
    string,    // a quoted literal; `text` includes the quotes
    lparen,    // (
    rparen,    // )
    comma,     // ,
    equal,     // ==
    not_equal, // !=
    end,       // the end of the tag
    other,     // any other operator or a number: never valid in our subset
    invalid,   // a lexical error; `text` is the message
};

struct Token {
    TokenKind kind = TokenKind::end;
    std::string_view text;
    int line = 0;
};

/// Whitespace as Jinja's `\s` sees it in ASCII text.
inline bool is_template_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// How a tag ends: `}}`, `%}` or the end of its line.
enum class TagKind { expression, statement, line_statement };

/// Splits the inside of one tag into tokens, the way Jinja's lexer does. It starts just after
/// the tag's opening (and its `-`/`+` sign) and stops after the closing, including the
/// whitespace that a `-` closing strips, or, for a line statement, after the newline (and any
/// blank lines directly after it, as Jinja's `\s*(\n|$)` rule swallows them).
class TagLexer {
public:
    TagLexer(std::string_view source, std::size_t pos, int line, TagKind kind)
        : m_source(source)
        , m_pos(pos)
        , m_line(line)
        , m_open_line(line)
        , m_kind(kind) {}

    Token next();

    /// Where the text after the tag starts, and its line; valid once `next()` returned `end`.
    std::size_t pos() const { return m_pos; }
    int line() const { return m_line; }

private:
    bool skip_space();
    bool at_line_statement_end();
    bool at_tag_end();
    Token lex_string();
    Token lex_other();
    Token make(TokenKind kind, std::size_t length);

    std::string_view m_source;
    std::size_t m_pos;
    int m_line;
    int m_open_line; // where the tag opens, for a tag that never closes
    TagKind m_kind;
    int m_paren_depth = 0;
};

} // namespace clm
