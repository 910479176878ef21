// clm's entry point. All behaviour lives in the clm_core library so that tests can reach it.
#include "clm/cli.hpp"

int main(int argc, char** argv) {
    return clm::run_cli(argc, argv);
}
