// Running one piece of work on a few threads at once, for the stages that are nearly all
// system calls (reading decks, statting outputs), which a second core overlaps well.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace clm {

/// Runs `work` on the calling thread and, when `items` is at least `threshold`, on up to
/// three more threads (no more than the machine has cores). `work` must take its items
/// from a shared counter itself, and is done when every call has returned.
template <typename Work>
void run_in_parallel(std::size_t items, std::size_t threshold, Work&& work) {
    unsigned threads = items < threshold ? 1 : std::min(4U, std::thread::hardware_concurrency());
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads; ++t) {
        workers.emplace_back(work);
    }
    work();
    for (std::thread& worker : workers) {
        worker.join();
    }
}

} // namespace clm
