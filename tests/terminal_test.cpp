#include <cstdlib>
#include <fcntl.h>
#include <optional>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>

#include "clm/terminal.hpp"

#include <gtest/gtest.h>

namespace clm {
namespace {

/// Sets an environment variable for the lifetime of the object and restores it after.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value)
        : m_name(name) {
        if (const char* old = std::getenv(name)) {
            m_old = old;
        }
        value ? ::setenv(name, value, 1) : ::unsetenv(name);
    }
    ~ScopedEnv() { m_old ? ::setenv(m_name, m_old->c_str(), 1) : ::unsetenv(m_name); }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

/// A pseudo-terminal pair; `ok` is false where the system offers none.
struct Pty {
    int master = -1;
    int slave = -1;
    bool ok = false;
    Pty() {
        master = ::posix_openpt(O_RDWR | O_NOCTTY);
        if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) {
            return;
        }
        slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
        ok = slave >= 0;
    }
    ~Pty() {
        if (slave >= 0) {
            ::close(slave);
        }
        if (master >= 0) {
            ::close(master);
        }
    }
};

TEST(Terminal, PipeIsPlainWithDefaultWidth) {
    ScopedEnv term("TERM", "xterm-256color");
    ScopedEnv no_color("NO_COLOR", nullptr);
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    EXPECT_FALSE(is_smart_terminal(fds[1]));
    EXPECT_FALSE(color_wanted(fds[1]));
    EXPECT_EQ(terminal_width(fds[1]), 80u);
    ::close(fds[0]);
    ::close(fds[1]);
}

TEST(Terminal, TerminalIsSmartUnlessTermIsDumbOrUnset) {
    Pty pty;
    if (!pty.ok) {
        GTEST_SKIP() << "no pseudo-terminal available";
    }
    {
        ScopedEnv term("TERM", "xterm");
        EXPECT_TRUE(is_smart_terminal(pty.slave));
    }
    {
        ScopedEnv term("TERM", "dumb");
        EXPECT_FALSE(is_smart_terminal(pty.slave));
    }
    {
        ScopedEnv term("TERM", nullptr);
        EXPECT_FALSE(is_smart_terminal(pty.slave));
    }
}

TEST(Terminal, ColourIsWantedUnlessNoColorIsSet) {
    Pty pty;
    if (!pty.ok) {
        GTEST_SKIP() << "no pseudo-terminal available";
    }
    ScopedEnv term("TERM", "xterm");
    {
        ScopedEnv no_color("NO_COLOR", nullptr);
        EXPECT_TRUE(color_wanted(pty.slave));
    }
    {
        ScopedEnv no_color("NO_COLOR", "");
        EXPECT_TRUE(color_wanted(pty.slave));
    }
    {
        ScopedEnv no_color("NO_COLOR", "1");
        EXPECT_FALSE(color_wanted(pty.slave));
    }
}

TEST(Terminal, WidthComesFromTheTerminal) {
    Pty pty;
    if (!pty.ok) {
        GTEST_SKIP() << "no pseudo-terminal available";
    }
    winsize size{};
    size.ws_row = 24;
    size.ws_col = 132;
    ASSERT_EQ(::ioctl(pty.master, TIOCSWINSZ, &size), 0);
    EXPECT_EQ(terminal_width(pty.slave), 132u);
    size.ws_col = 0;
    ASSERT_EQ(::ioctl(pty.master, TIOCSWINSZ, &size), 0);
    EXPECT_EQ(terminal_width(pty.slave), 80u);
}

} // namespace
} // namespace clm
