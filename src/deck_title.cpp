#include <cctype>

#include "clm/course.hpp"

namespace clm {
namespace {

using Arguments = std::vector<std::string>;

bool is_identifier_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

std::size_t skip_space(std::string_view text, std::size_t pos) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])) != 0) {
        ++pos;
    }
    return pos;
}

// Reads a '…' or "…" literal starting at `pos` and moves `pos` past it. A backslash keeps the
// character after it, so a title may contain its own quote character.
std::optional<std::string> read_literal(std::string_view text, std::size_t& pos) {
    if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\'')) {
        return std::nullopt;
    }
    char quote = text[pos];
    std::string value;
    for (std::size_t i = pos + 1; i < text.size(); ++i) {
        if (text[i] == quote) {
            pos = i + 1;
            return value;
        }
        if (text[i] == '\\' && i + 1 < text.size()) {
            ++i;
        }
        value += text[i];
    }
    return std::nullopt;
}

// Reads `(literal, …)` with exactly `count` literals, starting right after a function name.
std::optional<Arguments> read_arguments(std::string_view text, std::size_t pos, std::size_t count) {
    pos = skip_space(text, pos);
    if (pos >= text.size() || text[pos] != '(') {
        return std::nullopt;
    }
    Arguments arguments;
    for (std::size_t index = 0; index < count; ++index) {
        pos = skip_space(text, pos + 1);
        std::optional<std::string> literal = read_literal(text, pos);
        pos = skip_space(text, pos);
        char expected = index + 1 == count ? ')' : ',';
        if (!literal || pos >= text.size() || text[pos] != expected) {
            return std::nullopt;
        }
        arguments.push_back(std::move(*literal));
    }
    return arguments;
}

// The arguments of the first call of `name` with `count` string literals in `block`.
std::optional<Arguments> find_call(std::string_view block, std::string_view name,
                                   std::size_t count) {
    for (std::size_t pos = block.find(name); pos != std::string_view::npos;
         pos = block.find(name, pos + 1)) {
        if (pos > 0 && is_identifier_char(block[pos - 1])) {
            continue;
        }
        if (std::optional<Arguments> arguments = read_arguments(block, pos + name.size(), count)) {
            return arguments;
        }
    }
    return std::nullopt;
}

// The contents of every complete `{{ … }}` expression, in text order.
std::vector<std::string_view> jinja_expressions(std::string_view text) {
    std::vector<std::string_view> expressions;
    std::size_t open = text.find("{{");
    while (open != std::string_view::npos) {
        std::size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos) {
            break;
        }
        expressions.push_back(text.substr(open + 2, close - open - 2));
        open = text.find("{{", close + 2);
    }
    return expressions;
}

std::optional<std::string> find_first_call(const std::vector<std::string_view>& expressions,
                                           std::string_view name) {
    for (std::string_view expression : expressions) {
        if (std::optional<Arguments> arguments = find_call(expression, name, 1)) {
            return std::move(arguments->front());
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<Bilingual> find_deck_title(std::string_view text) {
    std::vector<std::string_view> expressions = jinja_expressions(text);
    for (std::string_view expression : expressions) {
        if (std::optional<Arguments> arguments = find_call(expression, "header", 2)) {
            return Bilingual{std::move((*arguments)[0]), std::move((*arguments)[1])};
        }
    }
    std::optional<std::string> de = find_first_call(expressions, "header_de");
    std::optional<std::string> en = find_first_call(expressions, "header_en");
    if (!de && !en) {
        return std::nullopt;
    }
    // A deck that names its title in one language only uses it for both.
    return Bilingual{de ? *de : *en, en ? *en : *de};
}

} // namespace clm
