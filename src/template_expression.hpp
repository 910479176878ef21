// Parsing and evaluating the expressions of deck templates.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "clm/deck_template.hpp"
#include "clm/expected.hpp"

#include "header_macro.hpp"
#include "template_lexer.hpp"

namespace clm {

/// A template value: a string or a boolean.
class TemplateValue {
public:
    static TemplateValue boolean(bool value);
    /// A string that lives elsewhere (the template text or the context) for as long as the
    /// value is used.
    static TemplateValue view(std::string_view text);
    static TemplateValue owned(std::string text);

    bool is_boolean() const { return m_is_boolean; }
    /// Jinja truthiness: true, or a non-empty string.
    bool truthy() const { return m_is_boolean ? m_boolean : !text().empty(); }
    /// The text that `{{ }}` renders: the string itself, or "True"/"False".
    std::string_view text() const;
    bool operator==(const TemplateValue& other) const;

private:
    bool m_is_boolean = false;
    bool m_boolean = false;
    bool m_is_owned = false;
    std::string_view m_view;
    std::string m_owned;
};

/// What names mean while a template renders.
struct TemplateScope {
    const TemplateContext& context;
    HeaderMacroSet imported = 0;
};

/// Reads the tokens of one tag. Expressions are parsed in full even where they are not
/// evaluated (an untaken branch, the right side of a decided `and`), so that unsupported
/// constructs are reported wherever they are, while undefined names are reported only when
/// evaluated, as with Jinja's StrictUndefined. Errors carry a line but no file.
class TagParser {
public:
    TagParser(TagLexer& lexer, const TemplateScope& scope);

    const Token& current() const { return m_current; }
    void advance() { m_current = m_lexer.next(); }

    /// Parses an expression at the current token; with `evaluate` false the value is a
    /// placeholder.
    Expected<TemplateValue> parse_expression(bool evaluate);
    /// The error for a token that cannot stand where it is, or nothing if it is the end.
    std::optional<Diagnostic> expect_end() const;
    /// The decoded text of the current string token.
    Expected<TemplateValue> string_literal() const;
    /// An error at the current token: the lexer's message for an invalid token, otherwise
    /// "unsupported template construct" for a token outside our subset.
    Diagnostic unexpected() const;

private:
    Expected<TemplateValue> parse_or(bool evaluate);
    Expected<TemplateValue> parse_and(bool evaluate);
    Expected<TemplateValue> parse_not(bool evaluate);
    Expected<TemplateValue> parse_comparison(bool evaluate);
    Expected<TemplateValue> parse_primary(bool evaluate);
    Expected<TemplateValue> parse_name(bool evaluate);
    Expected<TemplateValue> parse_call(const Token& name, bool evaluate);
    Expected<TemplateValue> call_macro(const Token& name,
                                       std::span<const TemplateValue> arguments) const;
    Expected<TemplateValue> resolve_name(const Token& name) const;
    Diagnostic error(int line, std::string message) const;

    TagLexer& m_lexer;
    const TemplateScope& m_scope;
    Token m_current;
};

} // namespace clm
