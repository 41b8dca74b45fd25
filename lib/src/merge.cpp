#include "m2h/merge.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <sys/stat.h>

#include "m2h/error.hpp"
#include "m2h/line_reader.hpp"
#include "m2h/manifest.hpp"
#include "m2h/output.hpp"
#include "m2h/progress.hpp"

namespace m2h {

namespace {

struct PartRef {
    std::string path;
    bool checked = false;  // from a manifest: rows and bytes must match
    std::uint64_t rows = 0, bytes = 0;
};

std::vector<PartRef> list_parts(const MergeOptions& opts) {
    int sources = !opts.inputs.empty() + !opts.manifest.empty() + !opts.file_list.empty();
    if (sources != 1) usage_error("give the parts either as arguments, or with --manifest, or with --file-list");
    std::vector<PartRef> parts;
    if (!opts.manifest.empty()) {
        std::string dir = parent_dir(opts.manifest);
        for (const auto& e : read_manifest(opts.manifest))
            parts.push_back({resolve_path(dir, e.path), true, e.rows, e.bytes});
    } else if (!opts.file_list.empty()) {
        LineReader list(opts.file_list);
        std::string_view line;
        while (list.next(line))
            if (!line.empty()) parts.push_back({std::string(line)});
    } else {
        for (const auto& p : opts.inputs) parts.push_back({p});
    }
    if (parts.empty()) usage_error("no parts to merge");
    return parts;
}

void check_size(const PartRef& part) {
    struct stat st {};
    if (stat(part.path.c_str(), &st) < 0) file_error("missing part", part.path, std::strerror(errno));
    if (static_cast<std::uint64_t>(st.st_size) != part.bytes)
        file_error("part does not match the manifest", part.path,
                   fmt::format("{} bytes, the manifest says {}", st.st_size, part.bytes));
}

}  // namespace

MergeResult run_merge(const MergeOptions& opts) {
    auto parts = list_parts(opts);
    OutputFile out(opts.output, {.threads = opts.threads});
    Progress progress(opts.progress);
    MergeResult result;
    std::string header;
    std::uint64_t bytes_done = 0;
    for (const auto& part : parts) {
        if (part.checked) check_size(part);
        // Parts are written whole or not at all, so a part without its final newline was cut short.
        LineReader in(part.path, {.threads = opts.threads, .require_final_newline = true});
        std::string_view line;
        if (!in.next(line)) file_error("empty part", part.path, "no header line (truncated or not a part)");
        if (result.parts == 0) {
            header = line;
            out.write_line(header);
            out.flush_block();
        } else if (line != header) {
            data_error("header differs in", part.path, 1, fmt::format("expected the header of '{}'", parts[0].path));
        }
        std::uint64_t rows = 0;
        while (in.next(line)) {
            out.write_line(line);
            ++rows;
            progress.update(result.rows + rows, bytes_done + in.bytes_read());
        }
        if (part.checked && rows != part.rows)
            data_error("part does not match the manifest", part.path, in.line_number(),
                       fmt::format("{} rows, the manifest says {}", rows, part.rows));
        result.rows += rows;
        bytes_done += in.bytes_read();
        ++result.parts;
    }
    progress.finish(result.rows, bytes_done);
    out.commit();
    return result;
}

}  // namespace m2h
