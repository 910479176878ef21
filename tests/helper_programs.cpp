// Helper programs for the process tests. The test binary re-runs itself as
// `clm_tests --helper NAME ARGS...` so that the tests depend on no system tool.
#include <cstdio>
#include <cstring>

#include "test_helpers.hpp"

namespace clm::testing {

int run_helper(int argc, char** argv) {
    std::string_view name = argv[0];
    if (name == "exit" && argc >= 2) {
        return std::atoi(argv[1]);
    }
    std::fprintf(stderr, "unknown helper: %s\n", argv[0]);
    return 125;
}

} // namespace clm::testing
