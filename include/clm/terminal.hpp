// The platform seam of the status output: whether a stream goes to a terminal that can be
// redrawn and coloured, and how wide it is. terminal_posix.cpp implements it for POSIX.
#pragma once

#include <cstddef>

namespace clm {

/// True when `fd` is a terminal that honours a carriage return and `\x1b[K`: it is a tty and
/// TERM is set to something other than "dumb".
bool is_smart_terminal(int fd);

/// The width in columns of the terminal on `fd`, or 80 when it cannot be told.
std::size_t terminal_width(int fd);

/// Whether output to `fd` may carry ANSI colour: it is a smart terminal and NO_COLOR is unset
/// or empty (https://no-color.org).
bool color_wanted(int fd);

} // namespace clm
