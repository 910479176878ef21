// The exit statuses of clm, which scripts and CI rely on.
#pragma once

namespace clm::exit_status {

inline constexpr int success = 0;
/// Some outputs could not be built; everything else was.
inline constexpr int outputs_failed = 1;
/// Bad usage, a spec or configuration error: nothing was built.
inline constexpr int usage = 2;
/// Interrupted by a signal (SIGINT, SIGTERM, SIGHUP).
inline constexpr int interrupted = 130;

} // namespace clm::exit_status
