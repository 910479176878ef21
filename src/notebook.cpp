#include "clm/notebook.hpp"

#include <algorithm>

namespace clm {

bool Cell::has_tag(std::string_view tag) const {
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

} // namespace clm
