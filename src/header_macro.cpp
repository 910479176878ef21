#include "header_macro.hpp"

#include <array>

namespace clm {
namespace {

// Our own mark: a rounded blue square with "clm" in white. It is small enough to inline in
// every title cell.
constexpr std::string_view logo_svg =
    R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">)"
    R"(<rect x="2" y="2" width="60" height="60" rx="12" fill="#2d5f8b"/>)"
    R"(<text x="32" y="40" font-family="sans-serif" font-size="22" font-weight="bold" )"
    R"(fill="#fff" text-anchor="middle">clm</text></svg>)";

constexpr std::size_t base64_size(std::size_t bytes) {
    return (bytes + 2) / 3 * 4;
}

// Encodes at compile time, so that no run pays for it and the constant needs no upkeep when
// the logo changes.
template <std::size_t N> constexpr std::array<char, N> encode_base64(std::string_view bytes) {
    constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::array<char, N> out{};
    std::size_t o = 0;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t rest = bytes.size() - i;
        unsigned group = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest > 1) {
            group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        }
        if (rest > 2) {
            group |= static_cast<unsigned char>(bytes[i + 2]);
        }
        out[o++] = alphabet[(group >> 18) & 63];
        out[o++] = alphabet[(group >> 12) & 63];
        out[o++] = rest > 1 ? alphabet[(group >> 6) & 63] : '=';
        out[o++] = rest > 2 ? alphabet[group & 63] : '=';
    }
    return out;
}

constexpr auto logo_base64 = encode_base64<base64_size(logo_svg.size())>(logo_svg);

std::string_view header_logo_base64() {
    return {logo_base64.data(), logo_base64.size()};
}

/// Appends one language's title cell. Every line but the first starts a new line with the
/// comment, so that the text ends without a newline.
void append_cell(std::string& out, Language cell_lang, std::string_view title,
                 const TemplateContext& context) {
    const std::string_view comment = context.comment;
    const bool c_like = comment != "#";
    auto new_line = [&] {
        out += '\n';
        out += comment;
        out += ' ';
    };
    out += "%% [markdown] lang=\"";
    out += language_code(cell_lang);
    out += "\" tags=[\"slide\"]\n";
    out += comment;
    if (context.is_notebook || context.is_html) {
        new_line();
        out += "<img src=\"data:image/svg+xml;base64,";
        out += header_logo_base64();
        out += "\" style=\"display:block; margin:auto; width:";
        out += c_like ? "5%" : "10%";
        out += "\"/>";
    }
    new_line();
    out += "<div style=\"text-align:center; font-size:200%;\"><b>";
    out += title;
    out += "</b></div><br/>";
    new_line();
    out += c_like ? "<div style=\"text-align:center; font-size:120%;\">"
                  : "<div style=\"text-align:center;\">";
    out += context.author;
    out += "</div>";
    if (!context.organization.empty()) {
        new_line();
        out += "<div style=\"text-align:center;\">";
        out += context.organization;
        out += "</div>";
    }
}

} // namespace

std::optional<HeaderMacro> parse_header_macro(std::string_view name) {
    if (name == "header") {
        return HeaderMacro::header;
    }
    if (name == "header_de") {
        return HeaderMacro::header_de;
    }
    if (name == "header_en") {
        return HeaderMacro::header_en;
    }
    return std::nullopt;
}

int header_macro_arity(HeaderMacro macro) {
    return macro == HeaderMacro::header ? 2 : 1;
}

std::string expand_header_macro(HeaderMacro macro, std::span<const std::string_view> titles,
                                const TemplateContext& context) {
    std::string out;
    out.reserve(1024);
    switch (macro) {
    case HeaderMacro::header:
        append_cell(out, Language::de, titles[0], context);
        out += "\n\n";
        out += context.comment;
        out += ' ';
        append_cell(out, Language::en, titles[1], context);
        break;
    case HeaderMacro::header_de:
        append_cell(out, Language::de, titles[0], context);
        break;
    case HeaderMacro::header_en:
        append_cell(out, Language::en, titles[0], context);
        break;
    }
    return out;
}

} // namespace clm
