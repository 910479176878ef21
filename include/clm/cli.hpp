// The command line of clm.
#pragma once

namespace clm {

/// Parses the command line, runs the command and returns the process exit status:
/// 0 success, 1 some outputs failed, 2 usage, spec or configuration error, 130 interrupted.
int run_cli(int argc, char** argv);

} // namespace clm
