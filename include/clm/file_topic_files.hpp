// The files a file topic (a deck directly in a module) uses from its module directory.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "clm/language.hpp"

namespace clm {

/// The paths, relative to the module directory and '/'-separated, that `deck_text` names:
/// each `<img src="PATH">` (src first, as the Python tool reads it) and, for
/// `import NAME` and `from NAME import` lines, NAME with the language's extension. Paths
/// that are absolute, leave the module directory or name a URL are left out; repeats too.
std::vector<std::string> file_topic_references(std::string_view deck_text, ProgLang prog_lang);

} // namespace clm
