#include "clm/status_printer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace clm {
namespace {

using TimePoint = std::chrono::steady_clock::time_point;

constexpr std::string_view clear_line = "\r\x1b[K";
constexpr std::chrono::seconds progress_interval{10};
constexpr std::size_t tail_lines = 40;

bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// The byte offset of the code point numbered `index` (0-based) in `text`, or its size.
std::size_t offset_of_code_point(std::string_view text, std::size_t index) {
    for (std::size_t offset = 0; offset < text.size(); ++offset) {
        if (!is_continuation_byte(text[offset]) && index-- == 0) {
            return offset;
        }
    }
    return text.size();
}

std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation_byte(c); }));
}

/// `text` cut to `width` code points by replacing its middle with "...", so that both the
/// counts at the start and the end of the job name stay readable. Wide characters count
/// as one column; the line may then wrap, which costs a stray line, not correctness.
std::string elide_middle(std::string_view text, std::size_t width) {
    std::size_t length = code_points(text);
    if (length <= width) {
        return std::string(text);
    }
    if (width <= 3) {
        return std::string(text.substr(0, offset_of_code_point(text, width)));
    }
    std::size_t keep = width - 3;
    std::size_t left = (keep + 1) / 2;
    std::size_t right = keep / 2;
    return std::string(text.substr(0, offset_of_code_point(text, left))) + "..." +
           std::string(text.substr(offset_of_code_point(text, length - right)));
}

/// "45s", "3m05s" or "1h02m": precise enough for an estimate, and short.
std::string duration_text(double seconds) {
    long total = std::lround(std::max(seconds, 0.0));
    char buffer[32];
    if (total < 60) {
        std::snprintf(buffer, sizeof buffer, "%lds", total);
    } else if (total < 3600) {
        std::snprintf(buffer, sizeof buffer, "%ldm%02lds", total / 60, total % 60);
    } else {
        std::snprintf(buffer, sizeof buffer, "%ldh%02ldm", total / 3600, total % 3600 / 60);
    }
    return buffer;
}

bool needs_quoting(std::string_view word) {
    constexpr std::string_view safe = "@%+=:,./-_";
    return word.empty() || std::any_of(word.begin(), word.end(), [&](char c) {
               bool alnum =
                   (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
               return !alnum && safe.find(c) == std::string_view::npos;
           });
}

/// `argv` as a POSIX shell would need it typed: words with other than safe characters in
/// single quotes, a single quote inside written as '\''.
std::string command_line(const std::vector<std::string>& argv) {
    std::string line;
    for (const std::string& word : argv) {
        if (!line.empty()) {
            line += ' ';
        }
        if (!needs_quoting(word)) {
            line += word;
            continue;
        }
        line += '\'';
        for (char c : word) {
            line += c == '\'' ? std::string("'\\''") : std::string(1, c);
        }
        line += '\'';
    }
    return line;
}

/// Removes ANSI escape sequences (CSI such as colours, and two-byte escapes), which tools
/// like Jupyter put in tracebacks; they must not reach a log file or a plain stream.
std::string strip_escapes(std::string_view line) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '\x1b') {
            text += line[i];
        } else if (i + 1 < line.size() && line[i + 1] == '[') {
            i += 2;
            while (i < line.size() && !(line[i] >= '@' && line[i] <= '~')) {
                ++i;
            }
        } else {
            ++i;
        }
    }
    return text;
}

/// What a terminal would show of one line of output: the text after its last carriage
/// return (progress bars redraw themselves that way), a final one of CRLF ignored.
std::string_view visible_part(std::string_view line) {
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    std::size_t last = line.rfind('\r');
    return last == std::string_view::npos ? line : line.substr(last + 1);
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        lines.push_back(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return lines;
}

/// The last `tail_lines` lines of `output`, each indented by two spaces, after "  ..." when
/// lines were left out. Escape codes are kept only when the stream shows colour.
std::string indented_tail(std::string_view output, bool color) {
    std::vector<std::string_view> lines = split_lines(output);
    std::size_t first = lines.size() > tail_lines ? lines.size() - tail_lines : 0;
    std::string text = first > 0 ? "  ...\n" : "";
    for (std::size_t i = first; i < lines.size(); ++i) {
        std::string_view line = visible_part(lines[i]);
        text += "  " + (color ? std::string(line) : strip_escapes(line)) + "\n";
    }
    return text;
}

} // namespace

struct StatusPrinter::State {
    StatusOptions options;
    Sink out;
    Sink err;
    Clock now;
    std::size_t total = 0;
    std::size_t finished = 0;
    std::size_t failed = 0;
    /// Names of the running jobs in the order they started; the newest is last.
    std::vector<std::string> running;
    /// The estimate measures from the first start, so planning time does not inflate it.
    std::optional<TimePoint> first_start;
    TimePoint last_progress;
    /// Whether a status line is on the terminal now, which must be cleared before other
    /// output.
    bool line_shown = false;
    std::string shown_text;

    bool smart() const { return options.mode == StatusMode::smart_terminal; }
    bool quiet() const { return options.mode == StatusMode::quiet; }

    std::string counts() const {
        return '[' + std::to_string(finished) + '/' + std::to_string(total) + ']';
    }

    std::string status_text() const {
        std::string text = counts() + " running " + std::to_string(running.size());
        if (failed > 0) {
            text += ", failed " + std::to_string(failed);
        }
        if (finished > 0 && first_start) {
            double elapsed = std::chrono::duration<double>(now() - *first_start).count();
            double remaining = total > finished ? static_cast<double>(total - finished) : 0;
            text += ", ETA " + duration_text(elapsed * remaining / static_cast<double>(finished));
        }
        if (!running.empty()) {
            text += ": " + running.back();
        }
        return text;
    }

    /// Writes `prefix` and then the status line, in one write.
    void draw(std::string prefix = {}) {
        shown_text = elide_middle(status_text(), options.width);
        out(prefix + "\r" + shown_text + "\x1b[K");
        line_shown = true;
    }

    std::string take_line() {
        bool was_shown = line_shown;
        line_shown = false;
        return was_shown ? std::string(clear_line) : std::string();
    }

    /// Writes `text` to `err` with the status line out of the way.
    void write_err(const std::string& text) {
        if (!line_shown) {
            err(text);
            return;
        }
        out(take_line());
        err(text);
        draw();
    }

    void remove_running(const std::string& name) {
        auto it = std::find(running.rbegin(), running.rend(), name);
        if (it != running.rend()) {
            running.erase(std::next(it).base());
        }
    }

    /// Counts a finished job and reports it as the mode wants, except for a failure block.
    void count_finished(const std::string& name) {
        ++finished;
        remove_running(name);
        if (options.mode == StatusMode::plain) {
            out(counts() + ' ' + name + '\n');
        }
    }

    std::string failure_block(const std::string& name, const Diagnostic& what,
                              const std::vector<std::string>& argv,
                              std::string_view output_tail) const {
        std::string word = options.color ? "\x1b[31mFAILED\x1b[0m" : "FAILED";
        std::string block = word + ": " + name + "\n" + format_error(what) + "\n";
        if (options.verbose) {
            block += command_line(argv) + "\n";
        }
        return block + indented_tail(output_tail, options.color);
    }
};

StatusPrinter::StatusPrinter(StatusOptions options, Sink out, Sink err, Clock now)
    : m_state(std::make_unique<State>()) {
    m_state->options = options;
    m_state->out = std::move(out);
    m_state->err = std::move(err);
    m_state->now = std::move(now);
    m_state->last_progress = m_state->now();
}

StatusPrinter::~StatusPrinter() = default;
StatusPrinter::StatusPrinter(StatusPrinter&&) noexcept = default;
StatusPrinter& StatusPrinter::operator=(StatusPrinter&&) noexcept = default;

void StatusPrinter::set_total(std::size_t jobs) {
    m_state->total = jobs;
}

void StatusPrinter::job_started(const std::string& name, const std::vector<std::string>& argv) {
    State& state = *m_state;
    if (!state.first_start) {
        state.first_start = state.now();
    }
    state.running.push_back(name);
    if (!state.options.verbose) {
        if (state.smart()) {
            state.draw();
        }
        return;
    }
    std::string command = command_line(argv) + "\n";
    if (state.smart()) {
        // The command goes on a line of its own where the status line was, which is then
        // drawn again below it.
        state.draw(state.take_line() + command);
    } else if (!state.quiet()) {
        state.out(command);
    }
}

void StatusPrinter::job_succeeded(const std::string& name) {
    m_state->count_finished(name);
    if (m_state->smart()) {
        m_state->draw();
    }
}

void StatusPrinter::job_failed(const std::string& name, const Diagnostic& what,
                               const std::vector<std::string>& argv, std::string_view output_tail) {
    State& state = *m_state;
    ++state.failed;
    state.count_finished(name);
    std::string block = state.failure_block(name, what, argv, output_tail);
    if (state.smart()) {
        state.out(state.take_line());
        state.err(block);
        state.draw();
    } else {
        state.err(block);
    }
}

void StatusPrinter::error(const Diagnostic& diagnostic) {
    m_state->write_err(format_error(diagnostic) + "\n");
}

void StatusPrinter::warning(const Diagnostic& diagnostic) {
    m_state->write_err(format_warning(diagnostic) + "\n");
}

void StatusPrinter::tick() {
    State& state = *m_state;
    if (state.smart()) {
        // Only the estimate can have changed; an unchanged line is not rewritten.
        if (state.line_shown &&
            elide_middle(state.status_text(), state.options.width) != state.shown_text) {
            state.draw();
        }
        return;
    }
    TimePoint now = state.now();
    if (state.options.mode != StatusMode::plain || now - state.last_progress < progress_interval) {
        return;
    }
    state.last_progress = now;
    state.out("clm: " + std::to_string(state.finished) + '/' + std::to_string(state.total) +
              " finished, " + std::to_string(state.running.size()) + " running, " +
              std::to_string(state.failed) + " failed\n");
}

void StatusPrinter::finish(const BuildReport& report) {
    m_state->out(m_state->take_line() + summary_text(report));
}

} // namespace clm
