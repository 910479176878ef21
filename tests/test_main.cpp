// The test binary's entry point. It also serves as the helper program of the process tests:
// run as `clm_tests --helper NAME ARGS...` it acts out one child behaviour and exits.
#include <cstring>

#include <gtest/gtest.h>

#include "test_helpers.hpp"

int main(int argc, char** argv) {
    if (argc >= 3 && std::strcmp(argv[1], "--helper") == 0) {
        return clm::testing::run_helper(argc - 2, argv + 2);
    }
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
