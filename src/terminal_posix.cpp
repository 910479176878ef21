// POSIX implementation of terminal.hpp.
#include <cstdlib>
#include <string_view>
#include <sys/ioctl.h>
#include <unistd.h>

#include "clm/terminal.hpp"

namespace clm {
namespace {

constexpr std::size_t fallback_width = 80;

bool env_is_empty(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr || *value == '\0';
}

} // namespace

bool is_smart_terminal(int fd) {
    // Without TERM nothing says the terminal understands escape codes, so only the plain
    // output is safe, as it is for "dumb" (Emacs shells, some CI log viewers).
    const char* term = std::getenv("TERM");
    return ::isatty(fd) == 1 && term != nullptr && std::string_view(term) != "dumb";
}

std::size_t terminal_width(int fd) {
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) {
        return fallback_width;
    }
    return size.ws_col;
}

bool color_wanted(int fd) {
    return is_smart_terminal(fd) && env_is_empty("NO_COLOR");
}

} // namespace clm
