#include "clm/diagram_freshness.hpp"

#include <system_error>

namespace clm {

namespace fs = std::filesystem;

bool diagram_is_current(const fs::path& source, const fs::path& render) {
    std::error_code error;
    fs::file_time_type rendered = fs::last_write_time(render, error);
    if (error) {
        return false;
    }
    fs::file_time_type edited = fs::last_write_time(source, error);
    return !error && rendered >= edited;
}

void mark_render_current(const fs::path& render) {
    std::error_code error;
    fs::last_write_time(render, fs::file_time_type::clock::now(), error);
}

} // namespace clm
