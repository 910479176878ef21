// Loading a course spec: the XML document, its root element, and the reporting of every
// problem found in one ConfigError.
#include "clm/course_spec.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "clm/diagnostic.hpp"

#include "spec_reader.hpp"

namespace clm {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail_to_read(const fs::path& file, const std::string& reason) {
    throw ConfigError(Diagnostic{file.string(), 0, "cannot read course spec: " + reason});
}

std::string read_spec_text(const fs::path& file) {
    std::error_code error;
    if (fs::is_directory(file, error)) {
        fail_to_read(file, std::make_error_code(std::errc::is_a_directory).message());
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        fail_to_read(file, std::strerror(errno));
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        fail_to_read(file, std::strerror(errno));
    }
    return text.str();
}

CourseSpec read_course(spec::SpecReader& reader, pugi::xml_node course) {
    CourseSpec spec;
    spec.name = reader.bilingual(course.child("name"));
    pugi::xml_node prog_lang = course.child("prog-lang");
    spec.prog_lang = reader.prog_lang(prog_lang, spec::text_of(prog_lang));
    spec.project_slug = spec::text_of(course.child("project-slug"));
    spec.author = spec::text_of(course.child("author"));
    spec.organization = reader.bilingual(course.child("organization"));
    spec.sections = spec::read_sections(reader, course.child("sections"));
    spec.targets = spec::read_output_targets(reader, course.child("output-targets"));
    spec.dir_groups = spec::read_dir_groups(reader, course.child("dir-groups"));
    spec.image_format = spec::read_image_format(reader, course.child("image-options"));
    return spec;
}

} // namespace

CourseSpec load_course_spec(const fs::path& file) {
    return parse_course_spec(read_spec_text(file), file);
}

CourseSpec parse_course_spec(std::string_view xml, const fs::path& file) {
    spec::SpecReader reader(xml, file.string());
    pugi::xml_document document;
    pugi::xml_parse_result parsed =
        document.load_buffer(xml.data(), xml.size(), pugi::parse_default);
    if (!parsed) {
        throw ConfigError(Diagnostic{reader.file(), reader.line_of_offset(parsed.offset),
                                     std::string("malformed XML: ") + parsed.description()});
    }
    pugi::xml_node course = document.document_element();
    if (std::string_view(course.name()) != "course") {
        throw ConfigError(
            Diagnostic{reader.file(), reader.line(course),
                       "root element is <" + std::string(course.name()) + ">; expected <course>"});
    }
    CourseSpec spec = read_course(reader, course);
    spec.file = file;
    if (!reader.errors().empty()) {
        throw ConfigError(reader.errors());
    }
    return spec;
}

} // namespace clm
