// What becomes of a topic's files other than its decks: shipped beside the decks, rendered
// as a diagram, or kept out of the output.
#pragma once

#include <string>
#include <string_view>

namespace clm {

enum class TopicFileRole {
    shipped,       // an image, a data file or a helper: copied beside the decks
    plantuml,      // a .pu, .puml or .plantuml diagram source: rendered, never shipped
    drawio,        // a .drawio diagram source: rendered, never shipped
    never_shipped, // diagram folders, HTTP cassettes, voiceover companions
};

/// The role of a file, given by its path relative to its topic ('/'-separated).
TopicFileRole topic_file_role(std::string_view relative);

/// Whether a file is kept out of every output copy: anything below a pu/, drawio/,
/// cassettes/ or _cassettes/ directory, HTTP cassettes (*.http-cassette.yaml*) and voiceover
/// companions (voiceover_*.py and the like). Diagram sources are judged by topic_file_role.
bool is_never_shipped(std::string_view relative);

/// Whether a file lies below an img-generated/ directory, where clm renders diagrams. Such a
/// file is clm's own product of a diagram source, so keys take the source, not the render:
/// a render made by one build must not make the next one see a changed topic.
bool is_generated_render(std::string_view relative);

/// Where a shipped file goes, relative to the deck's output directory: its own relative
/// path, with img-generated/ directories (where diagrams are rendered) read as img/.
std::string shipped_path(std::string_view relative);

} // namespace clm
