// Runs many trivial jobs through run_schedule and UvCommandRunner, so that the scheduler's
// own cost can be timed against a loop that only spawns and reaps (bench/bench-scheduler).
// Usage: clm_scheduler_bench [--jobs N] [--limit L] [PROGRAM ARGS...]
#include <charconv>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clm/scheduler.hpp"
#include "clm/uv_command_runner.hpp"

namespace {

struct BenchOptions {
    std::size_t jobs = 5000;
    std::size_t limit = 50;
    std::vector<std::string> argv = {"/bin/true"};
};

std::optional<std::size_t> positive(std::string_view text) {
    std::size_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value == 0) {
        return std::nullopt;
    }
    return value;
}

/// The options, or nothing after printing why the command line is wrong.
std::optional<BenchOptions> parse(int argc, char** argv) {
    BenchOptions options;
    int i = 1;
    for (; i + 1 < argc; i += 2) {
        std::string_view flag = argv[i];
        if (flag != "--jobs" && flag != "--limit") {
            break;
        }
        std::optional<std::size_t> value = positive(argv[i + 1]);
        if (!value) {
            std::fprintf(stderr, "%s needs a positive integer, not \"%s\"\n", argv[i], argv[i + 1]);
            return std::nullopt;
        }
        (flag == "--jobs" ? options.jobs : options.limit) = *value;
    }
    if (i < argc && std::string_view(argv[i]).starts_with("-")) {
        std::fprintf(stderr, "usage: %s [--jobs N] [--limit L] [PROGRAM ARGS...]\n", argv[0]);
        return std::nullopt;
    }
    if (i < argc) {
        options.argv.assign(argv + i, argv + argc);
    }
    return options;
}

} // namespace

int main(int argc, char** argv) {
    std::optional<BenchOptions> options = parse(argc, argv);
    if (!options) {
        return 2;
    }
    std::vector<clm::ScheduledJob> jobs(options->jobs);
    for (std::size_t id = 0; id < jobs.size(); ++id) {
        jobs[id].id = id;
        jobs[id].spec.argv = options->argv;
    }
    clm::UvCommandRunner runner;
    clm::SchedulerOptions schedule;
    schedule.max_in_flight = options->limit;
    clm::SchedulerObserver quiet;
    clm::ScheduleSummary summary = clm::run_schedule(std::move(jobs), runner, schedule, quiet);
    if (!summary.all_succeeded()) {
        std::fprintf(stderr, "%zu of %zu jobs did not succeed\n",
                     summary.records.size() - summary.succeeded, summary.records.size());
        return 1;
    }
    return 0;
}
