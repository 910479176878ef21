// Stand-ins for Jupyter's executor and renderer, run as helper programs of the test binary,
// so that end-to-end tests of HTML builds are fast and can watch the processes clm starts.
#pragma once

#include <filesystem>

namespace clm::testing {

/// Adds `delta` to DIR/running and raises DIR/peak to it, under an exclusive lock; a
/// positive delta also appends the process id to DIR/pids.
void count_running(const std::filesystem::path& dir, int delta);

/// `fake-executor DIR`: reads a notebook on stdin and writes it back with outputs: a cell
/// whose source contains `raise_error` gets an error output (ValueError: bad value), one
/// containing `sleep_forever` never ends, every other code cell prints "ran: <first line>".
/// While it runs it counts itself in DIR/running and keeps the highest count in DIR/peak
/// (under a lock), and it appends its pid to DIR/pids. It sleeps FAKE_EXECUTOR_MS
/// milliseconds (default 100) so that executors overlap. With FAKE_EXECUTOR_HOLD_FOR_PEAK=N
/// it first waits (a minute at most) until N executors have run at once, so that a test can
/// tell whether clm lets N run together however slowly the machine starts them.
int fake_executor(char** argv);

/// `fake-renderer --output-dir DIR IN...`: writes DIR/<stem>.html for each input notebook: a
/// page with the notebook's title and every cell's source and stream or error text.
int fake_renderer(char** argv);

} // namespace clm::testing
