// The jobs that may start now, kept per pool so that a full pool does not hold back the
// jobs of the others.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace clm {

/// Jobs are named by their index in the scheduler's job list. Within the queue the earliest
/// index that may start comes first, whatever its pool.
class ReadyQueue {
public:
    void insert(std::size_t index, const std::string& pool) { m_pools[pool].insert(index); }
    void erase(std::size_t index, const std::string& pool);
    bool empty() const { return m_pools.empty(); }

    /// The earliest job whose pool `has_room(pool)` accepts, or nothing. A handful of pools
    /// exist, so this costs a comparison per pool, not a walk over the jobs.
    template <typename HasRoom>
    std::optional<std::size_t> first_startable(HasRoom&& has_room) const {
        std::optional<std::size_t> first;
        for (const auto& [pool, jobs] : m_pools) {
            if ((!first || *jobs.begin() < *first) && has_room(pool)) {
                first = *jobs.begin();
            }
        }
        return first;
    }

private:
    /// No pool is kept empty, so every set has a first job.
    std::map<std::string, std::set<std::size_t>> m_pools;
};

inline void ReadyQueue::erase(std::size_t index, const std::string& pool) {
    auto found = m_pools.find(pool);
    if (found != m_pools.end() && found->second.erase(index) > 0 && found->second.empty()) {
        m_pools.erase(found);
    }
}

} // namespace clm
