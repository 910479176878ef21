// The two audience languages and the programming languages that decks are written in.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace clm {

/// The language of an audience: every deck is built for German and for English.
enum class Language { de, en };

inline constexpr std::array<Language, 2> all_languages = {Language::de, Language::en};

/// "de" or "en".
std::string_view language_code(Language language);
std::optional<Language> parse_language(std::string_view code);

/// A programming language that decks are written in.
enum class ProgLang { python, cpp, csharp, java, typescript };

/// What clm needs to know about a programming language to read and write its decks.
struct ProgLangInfo {
    ProgLang lang;
    std::string_view name;            // spec and metadata name: "python", "cpp", ...
    std::string_view comment;         // line comment that prefixes percent headers: "#", "//"
    std::string_view code_dir;        // output directory of the code format: "Python", "Cpp"
    std::string_view extension;       // code format extension with the dot: ".py"
    std::string_view kernel_name;     // kernelspec name: "python3"
    std::string_view kernel_display;  // kernelspec display name
    std::string_view kernel_language; // kernelspec language and language_info name
    std::string_view mimetype;        // language_info mimetype
    std::string_view pygments_lexer;  // language_info pygments_lexer
};

const ProgLangInfo& prog_lang_info(ProgLang lang);
/// Accepts the spec names ("python", "cpp", "csharp", "java", "typescript").
std::optional<ProgLang> parse_prog_lang(std::string_view name);
/// The language of a deck from its file extension with the dot (".py", ".cpp", ".c", ...),
/// or nothing for an extension that is not a deck language.
std::optional<ProgLang> prog_lang_from_extension(std::string_view extension);

} // namespace clm
