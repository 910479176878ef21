#include "clm/command_words.hpp"

#include <cstdlib>
#include <unistd.h>

namespace clm {
namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

// Reads a single-quoted part starting after the quote; returns false when unterminated.
bool read_single_quoted(std::string_view text, std::size_t& at, std::string& word) {
    std::size_t end = text.find('\'', at);
    if (end == std::string_view::npos) {
        return false;
    }
    word.append(text.substr(at, end - at));
    at = end + 1;
    return true;
}

bool read_double_quoted(std::string_view text, std::size_t& at, std::string& word) {
    constexpr std::string_view escapable = "\"\\$`";
    while (at < text.size()) {
        char c = text[at++];
        if (c == '"') {
            return true;
        }
        if (c == '\\' && at < text.size() && escapable.find(text[at]) != std::string_view::npos) {
            c = text[at++];
        }
        word += c;
    }
    return false;
}

bool needs_quotes(std::string_view word) {
    constexpr std::string_view plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789_-+=.,/:@%";
    return word.empty() || word.find_first_not_of(plain) != std::string_view::npos;
}

} // namespace

Expected<std::vector<std::string>> split_command_words(std::string_view text) {
    std::vector<std::string> words;
    std::size_t at = 0;
    while (at < text.size()) {
        if (is_blank(text[at])) {
            ++at;
            continue;
        }
        std::string word;
        while (at < text.size() && !is_blank(text[at])) {
            char c = text[at++];
            if (c == '\'' && !read_single_quoted(text, at, word)) {
                return Diagnostic{"", 0, "unterminated single quote"};
            }
            if (c == '"' && !read_double_quoted(text, at, word)) {
                return Diagnostic{"", 0, "unterminated double quote"};
            }
            if (c == '\\') {
                if (at == text.size()) {
                    return Diagnostic{"", 0, "backslash at the end"};
                }
                word += text[at++];
            } else if (c != '\'' && c != '"') {
                word += c;
            }
        }
        words.push_back(std::move(word));
    }
    return words;
}

std::string join_command_words(const std::vector<std::string>& words) {
    std::string line;
    for (const std::string& word : words) {
        if (!line.empty()) {
            line += ' ';
        }
        if (!needs_quotes(word)) {
            line += word;
            continue;
        }
        // Inside single quotes only a single quote itself needs care: end, escape, reopen.
        line += '\'';
        for (char c : word) {
            line += c == '\'' ? std::string("'\\''") : std::string(1, c);
        }
        line += '\'';
    }
    return line;
}

std::optional<std::filesystem::path> find_program(std::string_view program) {
    if (program.empty()) {
        return std::nullopt;
    }
    if (program.find('/') != std::string_view::npos) {
        std::string path(program);
        return access(path.c_str(), X_OK) == 0 ? std::optional<std::filesystem::path>(path)
                                               : std::nullopt;
    }
    const char* search = std::getenv("PATH");
    std::string_view directories = search != nullptr ? search : "/usr/local/bin:/usr/bin:/bin";
    while (true) {
        std::size_t colon = directories.find(':');
        std::string_view directory = directories.substr(0, colon);
        std::filesystem::path candidate =
            std::filesystem::path(directory.empty() ? "." : directory) / program;
        if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) {
            return candidate;
        }
        if (colon == std::string_view::npos) {
            return std::nullopt;
        }
        directories.remove_prefix(colon + 1);
    }
}

} // namespace clm
