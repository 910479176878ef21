// Internal to the course spec parser: reading spec elements while collecting diagnostics.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clm/course_spec.hpp"
#include "clm/diagnostic.hpp"
#include "clm/expected.hpp"

#include <pugixml.hpp>

namespace clm::spec {

/// Maps offsets into the spec text to 1-based line numbers; pugixml only records offsets.
class LineTable {
public:
    explicit LineTable(std::string_view text);

    /// The line that holds `offset`; 0 for a negative offset (pugixml's "unknown").
    int line_of(std::ptrdiff_t offset) const;

private:
    std::vector<std::size_t> m_starts;
};

/// The state of reading one spec: its lines, its name for diagnostics, and every problem
/// found so far. Readers report a problem and carry on, so that one run lists them all.
class SpecReader {
public:
    SpecReader(std::string_view text, std::string file);

    const std::string& file() const { return m_file; }
    int line(pugi::xml_node node) const { return m_lines.line_of(node.offset_debug()); }
    int line_of_offset(std::ptrdiff_t offset) const { return m_lines.line_of(offset); }

    void error(pugi::xml_node node, std::string message);
    const std::vector<Diagnostic>& errors() const { return m_errors; }

    /// The text of a bilingual element (`<de>`/`<en>` children or plain text for both); empty
    /// for a missing element. Reports other children and text mixed with `<de>`/`<en>`.
    Bilingual bilingual(pugi::xml_node element);

    /// `value` when it is empty or a known programming language; otherwise reports it at
    /// `node` and returns an empty string.
    std::string prog_lang(pugi::xml_node node, std::string_view value);

private:
    LineTable m_lines;
    std::string m_file;
    std::vector<Diagnostic> m_errors;
};

/// `text` without leading and trailing white space.
std::string strip(std::string_view text);
/// `text` with ASCII letters in lower case.
std::string lower(std::string_view text);
/// `text` in double quotes, the way diagnostics name a value.
std::string in_quotes(std::string_view text);
/// The stripped text directly inside `element` (its text and CDATA children, not those of
/// nested elements); empty for a missing element.
std::string text_of(pugi::xml_node element);

/// `path` with `/` separators and without empty and `.` components, or why it does not name
/// a directory strictly below the course root (absolute, leaving it, or the root itself).
/// `what` names the path in the message ("output target path"). Windows separators are
/// accepted because specs are shared between platforms.
Expected<std::string> normalise_relative_path(std::string_view path, std::string_view what);

/// The enabled sections below `<sections>` (which may be missing), in document order.
std::vector<SectionSpec> read_sections(SpecReader& reader, pugi::xml_node sections);
/// The targets below `<output-targets>`, or the default tiers when there are none.
std::vector<OutputTargetSpec> read_output_targets(SpecReader& reader, pugi::xml_node targets);
/// The `<dir-group>` children of `parent` (`<dir-groups>` or a `<topic>`), in document order.
std::vector<DirGroupSpec> read_dir_groups(SpecReader& reader, pugi::xml_node parent);
/// The format of `<image-options>` (which may be missing); none when it gives none.
std::optional<ImageFormat> read_image_format(SpecReader& reader, pugi::xml_node options);

} // namespace clm::spec
