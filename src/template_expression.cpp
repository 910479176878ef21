#include "template_expression.hpp"

#include <array>
#include <utility>
#include <vector>

namespace clm {
namespace {

// Jinja words that are valid Jinja but outside our subset where an operand is expected.
bool is_unsupported_keyword(std::string_view word) {
    constexpr std::array<std::string_view, 9> words = {"and",  "or",   "in",   "is", "if",
                                                       "else", "none", "None", "not"};
    for (std::string_view w : words) {
        if (w == word) {
            return true;
        }
    }
    return false;
}

bool is_global_name(std::string_view name) {
    return name == "lang" || name == "is_notebook" || name == "is_html" || name == "author" ||
           name == "organization";
}

std::string quoted(std::string_view text) {
    std::string out = "\"";
    out += text;
    out += '"';
    return out;
}

std::string undefined_name(std::string_view name) {
    std::string message = "undefined name " + quoted(name);
    if (parse_header_macro(name)) {
        message += "; import it with from 'macros.j2' import ";
        message += name;
    }
    return message;
}

// Decodes the escapes of a Python string literal that templates plausibly use. Unknown
// escapes stay as written, as in Python; numeric and named escapes are refused rather than
// decoded wrongly.
std::optional<std::string> decode_escapes(std::string_view body) {
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 == body.size()) {
            out += body[i];
            continue;
        }
        const char c = body[++i];
        constexpr std::string_view from = "ntr\\'\"abfv";
        constexpr std::string_view to = "\n\t\r\\'\"\a\b\f\v";
        if (const std::size_t k = from.find(c); k != std::string_view::npos) {
            out += to[k];
        } else if (c == 'x' || c == 'u' || c == 'U' || c == 'N' || (c >= '0' && c <= '7')) {
            return std::nullopt;
        } else if (c != '\n') {
            out += '\\';
            out += c;
        }
    }
    return out;
}

} // namespace

TemplateValue TemplateValue::boolean(bool value) {
    TemplateValue result;
    result.m_is_boolean = true;
    result.m_boolean = value;
    return result;
}

TemplateValue TemplateValue::view(std::string_view text) {
    TemplateValue result;
    result.m_view = text;
    return result;
}

TemplateValue TemplateValue::owned(std::string text) {
    TemplateValue result;
    result.m_is_owned = true;
    result.m_owned = std::move(text);
    return result;
}

std::string_view TemplateValue::text() const {
    if (m_is_boolean) {
        return m_boolean ? "True" : "False";
    }
    return m_is_owned ? std::string_view(m_owned) : m_view;
}

bool TemplateValue::operator==(const TemplateValue& other) const {
    if (m_is_boolean != other.m_is_boolean) {
        return false;
    }
    return m_is_boolean ? m_boolean == other.m_boolean : text() == other.text();
}

TagParser::TagParser(TagLexer& lexer, const TemplateScope& scope)
    : m_lexer(lexer)
    , m_scope(scope)
    , m_current(lexer.next()) {}

Expected<TemplateValue> TagParser::parse_expression(bool evaluate) {
    return parse_or(evaluate);
}

std::optional<Diagnostic> TagParser::expect_end() const {
    if (m_current.kind == TokenKind::end) {
        return std::nullopt;
    }
    return unexpected();
}

Expected<TemplateValue> TagParser::string_literal() const {
    const std::string_view body = m_current.text.substr(1, m_current.text.size() - 2);
    if (body.find('\\') == std::string_view::npos) {
        return TemplateValue::view(body);
    }
    std::optional<std::string> decoded = decode_escapes(body);
    if (!decoded) {
        return error(m_current.line, "unsupported template construct: numeric or named escape "
                                     "in string literal " +
                                         std::string(m_current.text));
    }
    return TemplateValue::owned(std::move(*decoded));
}

Diagnostic TagParser::unexpected() const {
    switch (m_current.kind) {
    case TokenKind::invalid:
        return error(m_current.line, std::string(m_current.text));
    case TokenKind::end:
        return error(m_current.line, "unexpected end of tag");
    default:
        return error(m_current.line, "unsupported template construct: " + quoted(m_current.text));
    }
}

Expected<TemplateValue> TagParser::parse_or(bool evaluate) {
    Expected<TemplateValue> left = parse_and(evaluate);
    while (left && m_current.kind == TokenKind::name && m_current.text == "or") {
        advance();
        const bool live = evaluate && !left->truthy();
        Expected<TemplateValue> right = parse_and(live);
        if (!right || live) {
            left = std::move(right);
        }
    }
    return left;
}

Expected<TemplateValue> TagParser::parse_and(bool evaluate) {
    Expected<TemplateValue> left = parse_not(evaluate);
    while (left && m_current.kind == TokenKind::name && m_current.text == "and") {
        advance();
        const bool live = evaluate && left->truthy();
        Expected<TemplateValue> right = parse_not(live);
        if (!right || live) {
            left = std::move(right);
        }
    }
    return left;
}

Expected<TemplateValue> TagParser::parse_not(bool evaluate) {
    if (m_current.kind != TokenKind::name || m_current.text != "not") {
        return parse_comparison(evaluate);
    }
    advance();
    Expected<TemplateValue> operand = parse_not(evaluate);
    if (!operand) {
        return operand;
    }
    return TemplateValue::boolean(evaluate && !operand->truthy());
}

// Comparisons chain as in Python: `a == b != c` means `a == b and b != c`.
Expected<TemplateValue> TagParser::parse_comparison(bool evaluate) {
    Expected<TemplateValue> left = parse_primary(evaluate);
    if (!left || (m_current.kind != TokenKind::equal && m_current.kind != TokenKind::not_equal)) {
        return left;
    }
    bool holds = true;
    while (m_current.kind == TokenKind::equal || m_current.kind == TokenKind::not_equal) {
        const bool want_equal = m_current.kind == TokenKind::equal;
        advance();
        const bool live = evaluate && holds;
        Expected<TemplateValue> right = parse_primary(live);
        if (!right) {
            return right;
        }
        if (live) {
            holds = (*left == *right) == want_equal;
        }
        left = std::move(right);
    }
    return TemplateValue::boolean(evaluate && holds);
}

Expected<TemplateValue> TagParser::parse_primary(bool evaluate) {
    const Token token = m_current;
    switch (token.kind) {
    case TokenKind::string: {
        Expected<TemplateValue> value = string_literal();
        advance();
        return value;
    }
    case TokenKind::name:
        return parse_name(evaluate);
    case TokenKind::lparen: {
        advance();
        Expected<TemplateValue> value = parse_expression(evaluate);
        if (!value) {
            return value;
        }
        if (m_current.kind != TokenKind::rparen) {
            return m_current.kind == TokenKind::end ? error(m_current.line, "expected \")\"")
                                                    : unexpected();
        }
        advance();
        return value;
    }
    case TokenKind::other:
    case TokenKind::invalid:
        return unexpected();
    default:
        return error(token.line, "expected an expression");
    }
}

Expected<TemplateValue> TagParser::parse_name(bool evaluate) {
    const Token name = m_current;
    if (name.text == "true" || name.text == "True" || name.text == "false" ||
        name.text == "False") {
        advance();
        return TemplateValue::boolean(name.text[0] == 't' || name.text[0] == 'T');
    }
    if (is_unsupported_keyword(name.text)) {
        return unexpected();
    }
    advance();
    if (m_current.kind == TokenKind::lparen) {
        return parse_call(name, evaluate);
    }
    if (!evaluate) {
        return TemplateValue::boolean(false);
    }
    return resolve_name(name);
}

Expected<TemplateValue> TagParser::parse_call(const Token& name, bool evaluate) {
    advance();
    std::vector<TemplateValue> arguments;
    while (m_current.kind != TokenKind::rparen) {
        if (!arguments.empty()) {
            if (m_current.kind != TokenKind::comma) {
                return m_current.kind == TokenKind::end ? error(m_current.line, "expected \")\"")
                                                        : unexpected();
            }
            advance();
            if (m_current.kind == TokenKind::rparen) {
                break;
            }
        }
        Expected<TemplateValue> argument = parse_expression(evaluate);
        if (!argument) {
            return argument;
        }
        arguments.push_back(std::move(*argument));
    }
    advance();
    if (!evaluate) {
        return TemplateValue::boolean(false);
    }
    return call_macro(name, arguments);
}

// Only the imported header macros can be called; arguments render as `{{ }}` would.
Expected<TemplateValue> TagParser::call_macro(const Token& name,
                                              std::span<const TemplateValue> arguments) const {
    const std::optional<HeaderMacro> macro = parse_header_macro(name.text);
    if (!macro || (m_scope.imported & macro_bit(*macro)) == 0) {
        if (is_global_name(name.text)) {
            return error(name.line, "unsupported template construct: call of " + quoted(name.text));
        }
        return error(name.line, undefined_name(name.text));
    }
    const int arity = header_macro_arity(*macro);
    if (static_cast<int>(arguments.size()) != arity) {
        return error(name.line, quoted(name.text) + " takes " + std::to_string(arity) +
                                    (arity == 1 ? " title" : " titles") + ", got " +
                                    std::to_string(arguments.size()));
    }
    std::array<std::string_view, 2> titles{};
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        titles[i] = arguments[i].text();
    }
    return TemplateValue::owned(expand_header_macro(
        *macro, std::span<const std::string_view>(titles.data(), arguments.size()),
        m_scope.context));
}

Expected<TemplateValue> TagParser::resolve_name(const Token& name) const {
    const TemplateContext& context = m_scope.context;
    if (name.text == "lang") {
        return TemplateValue::view(language_code(context.lang));
    }
    if (name.text == "is_notebook") {
        return TemplateValue::boolean(context.is_notebook);
    }
    if (name.text == "is_html") {
        return TemplateValue::boolean(context.is_html);
    }
    if (name.text == "author") {
        return TemplateValue::view(context.author);
    }
    if (name.text == "organization") {
        return TemplateValue::view(context.organization);
    }
    const std::optional<HeaderMacro> macro = parse_header_macro(name.text);
    if (macro && (m_scope.imported & macro_bit(*macro)) != 0) {
        return error(name.line, "unsupported template construct: macro " + quoted(name.text) +
                                    " without a call");
    }
    return error(name.line, undefined_name(name.text));
}

Diagnostic TagParser::error(int line, std::string message) const {
    return Diagnostic{{}, line, std::move(message)};
}

} // namespace clm
