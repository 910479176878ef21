// Reading what an executor wrote, and showing its results in the cells of every variant.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clm/expected.hpp"
#include "clm/html_plan.hpp"
#include "clm/notebook.hpp"

#include <nlohmann/json.hpp>

namespace clm {

/// The results of an execution, by cell id.
struct ExecutedCells {
    struct Result {
        nlohmann::json outputs;
        nlohmann::json execution_count;
    };
    std::unordered_map<std::string, Result> by_id;
};

/// Checks the notebook an executor wrote for `execution`. A cell with an error output fails
/// the execution with a diagnostic at the deck line of that cell that names the cell, the
/// exception and its message; with skip-errors such a cell's outputs are cleared instead.
/// Output that is not a notebook fails the execution too.
Expected<ExecutedCells> read_executed_notebook(std::string_view text, const Execution& execution);

/// Gives each code cell of `cells` the outputs its id has in `executed`, except cells whose
/// kind hides outputs or whose code the kind blanked.
void show_outputs(std::vector<OutputCell>& cells, const ExecutedCells& executed);

} // namespace clm
