#include "clm/language.hpp"

#include <array>

namespace clm {
namespace {

// The kernel names are those of the Jupyter kernels each language is commonly run with; the
// Python tool writes the same ones, so notebooks open with the kernel users already have.
constexpr std::array<ProgLangInfo, 5> prog_langs = {{
    {ProgLang::python, "python", "#", "Python", ".py", "python3", "Python 3 (ipykernel)", "python",
     "text/x-python", "ipython3"},
    {ProgLang::cpp, "cpp", "//", "Cpp", ".cpp", "xcpp20", "C++20", "c++", "text/x-c++src", "cpp"},
    {ProgLang::csharp, "csharp", "//", "CSharp", ".cs", ".net-csharp", ".NET (C#)", "C#",
     "text/x-csharp", "csharp"},
    {ProgLang::java, "java", "//", "Java", ".java", "java", "Java", "java", "text/x-java", "java"},
    {ProgLang::typescript, "typescript", "//", "TypeScript", ".ts", "deno", "Deno", "typescript",
     "text/typescript", "typescript"},
}};

} // namespace

std::string_view language_code(Language language) {
    return language == Language::de ? "de" : "en";
}

std::optional<Language> parse_language(std::string_view code) {
    if (code == "de") {
        return Language::de;
    }
    if (code == "en") {
        return Language::en;
    }
    return std::nullopt;
}

const ProgLangInfo& prog_lang_info(ProgLang lang) {
    return prog_langs[static_cast<std::size_t>(lang)];
}

std::optional<ProgLang> parse_prog_lang(std::string_view name) {
    for (const ProgLangInfo& info : prog_langs) {
        if (info.name == name) {
            return info.lang;
        }
    }
    return std::nullopt;
}

std::optional<ProgLang> prog_lang_from_extension(std::string_view extension) {
    if (extension == ".py") {
        return ProgLang::python;
    }
    if (extension == ".cpp" || extension == ".c") {
        return ProgLang::cpp;
    }
    if (extension == ".cs") {
        return ProgLang::csharp;
    }
    if (extension == ".java") {
        return ProgLang::java;
    }
    if (extension == ".ts") {
        return ProgLang::typescript;
    }
    return std::nullopt;
}

} // namespace clm
