// Deck links to diagram renders when diagrams are rendered as SVG: the decks name the PNG.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clm/course_tree.hpp"

namespace clm {

/// The file stems of the topic's diagram sources: "flow" for pu/flow.pu, "x.de" for
/// drawio/x.de.drawio.
std::vector<std::string> diagram_stems(const TopicSource& topic);

/// `text` with each file name `<stem>.png` of one of `stems` (not part of a longer name)
/// changed to `<stem>.svg`, so that `![](img/flow.png)` shows the SVG render.
std::string link_svg_renders(std::string_view text, const std::vector<std::string>& stems);

} // namespace clm
