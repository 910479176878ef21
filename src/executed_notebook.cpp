#include "clm/executed_notebook.hpp"

namespace clm {
namespace {

using nlohmann::json;

const json* first_error(const json& outputs) {
    for (const json& output : outputs) {
        if (output.value("output_type", "") == "error") {
            return &output;
        }
    }
    return nullptr;
}

Diagnostic cell_error(const Execution& execution, std::size_t index, const json& error) {
    int line = index < execution.cell_lines.size() ? execution.cell_lines[index] : 0;
    std::string message = "cell " + std::to_string(index + 1) + " raised " +
                          error.value("ename", std::string("an error"));
    std::string value = error.value("evalue", std::string());
    if (!value.empty()) {
        message += ": " + value;
    }
    message += " (" + std::string(language_code(execution.language)) + ")";
    return Diagnostic{execution.deck_file, line, std::move(message)};
}

} // namespace

Expected<ExecutedCells> read_executed_notebook(std::string_view text, const Execution& execution) {
    json notebook = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (notebook.is_discarded() || !notebook.is_object() || !notebook.contains("cells") ||
        !notebook["cells"].is_array()) {
        return Diagnostic{execution.deck_file, 0,
                          "the executor wrote no notebook on standard output (" +
                              std::string(language_code(execution.language)) + ")"};
    }
    ExecutedCells executed;
    json& cells = notebook["cells"];
    for (std::size_t index = 0; index < cells.size(); ++index) {
        json& cell = cells[index];
        if (!cell.is_object() || cell.value("cell_type", "") != "code") {
            continue;
        }
        json outputs = cell.value("outputs", json::array());
        json count = cell.value("execution_count", json());
        if (const json* error = first_error(outputs)) {
            if (!execution.skip_errors) {
                return cell_error(execution, index, *error);
            }
            outputs = json::array();
            count = nullptr;
        }
        executed.by_id[cell.value("id", std::string())] = {std::move(outputs), std::move(count)};
    }
    return executed;
}

void show_outputs(std::vector<OutputCell>& cells, const ExecutedCells& executed) {
    for (OutputCell& cell : cells) {
        if (cell.type != CellType::code || cell.hide_outputs || cell.source.empty()) {
            continue;
        }
        auto found = executed.by_id.find(cell.id);
        if (found != executed.by_id.end()) {
            cell.outputs = found->second.outputs;
            cell.execution_count = found->second.execution_count;
        }
    }
}

} // namespace clm
