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
#include "m2h/vcf.hpp"

#include <htslib/vcf.h>
#include <memory>

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

bool is_variant_file(const std::string& path) {
    if (path == "-") return false;
    htsFile* fp = hts_open(path.c_str(), "r");
    if (!fp) return false;
    auto f = hts_get_format(fp)->format;
    hts_close(fp);
    return f == vcf || f == bcf;
}

using HtsPtr = std::unique_ptr<htsFile, decltype(&hts_close)>;
using HdrPtr = std::unique_ptr<bcf_hdr_t, decltype(&bcf_hdr_destroy)>;

// Opens a VCF/BCF part and reads its header; a BGZF part without its EOF block was cut short.
std::pair<HtsPtr, HdrPtr> open_variant_part(const PartRef& part) {
    if (part.checked) check_size(part);
    HtsPtr fp(hts_open(part.path.c_str(), "r"), hts_close);
    if (!fp) file_error("cannot open", part.path, std::strerror(errno));
    auto f = hts_get_format(fp.get());
    if (f->format != vcf && f->format != bcf) file_error("not a VCF/BCF part", part.path, "the first part is VCF/BCF");
    if (f->compression == bgzf && hts_check_EOF(fp.get()) == 0)
        file_error("truncated BGZF file", part.path, "the end-of-file marker is missing");
    HdrPtr hdr(bcf_hdr_read(fp.get()), bcf_hdr_destroy);
    if (!hdr) file_error("cannot read the VCF header of", part.path, "corrupt or not VCF/BCF");
    return {std::move(fp), std::move(hdr)};
}

// One header for all parts: contigs in part order; the samples must be the same everywhere.
HdrPtr unified_header(const std::vector<PartRef>& parts) {
    HdrPtr out(nullptr, bcf_hdr_destroy);
    for (const auto& part : parts) {
        auto [fp, hdr] = open_variant_part(part);
        if (!out) {
            out.reset(bcf_hdr_dup(hdr.get()));
            continue;
        }
        int n = bcf_hdr_nsamples(out.get());
        bool same = n == bcf_hdr_nsamples(hdr.get());
        for (int i = 0; same && i < n; ++i) same = std::strcmp(out->samples[i], hdr->samples[i]) == 0;
        if (!same) file_error("samples differ in", part.path, fmt::format("expected the samples of '{}'", parts[0].path));
        if (!bcf_hdr_merge(out.get(), hdr.get())) file_error("cannot merge the VCF header of", part.path, "htslib refused it");
    }
    if (bcf_hdr_sync(out.get()) != 0) file_error("cannot merge VCF headers for", parts[0].path, "htslib refused them");
    return out;
}

MergeResult merge_variants(const MergeOptions& opts, const std::vector<PartRef>& parts) {
    std::string mode = opts.output.ends_with(".bcf") ? "wb" : vcf_write_mode(opts.output, false);
    if (opts.write_index && mode == "w") usage_error("--write-index needs a .vcf.gz or .bcf output");
    HdrPtr hdr = unified_header(parts);
    HtsOutput out(opts.output, mode, opts.threads);
    if (bcf_hdr_write(out.get(), hdr.get()) != 0) file_error("cannot write", opts.output, std::strerror(errno));
    std::unique_ptr<bcf1_t, decltype(&bcf_destroy)> rec(bcf_init(), bcf_destroy);
    MergeResult result;
    for (const auto& part : parts) {
        auto [fp, phdr] = open_variant_part(part);
        std::uint64_t rows = 0;
        int r;
        while ((r = bcf_read(fp.get(), phdr.get(), rec.get())) == 0) {
            if (bcf_translate(hdr.get(), phdr.get(), rec.get()) != 0 || bcf_write(out.get(), hdr.get(), rec.get()) != 0)
                file_error("cannot write", opts.output, std::strerror(errno));
            ++rows;
        }
        if (r < -1) data_error("corrupt or truncated record in", part.path, rows + 1, "htslib could not read it");
        if (part.checked && rows != part.rows)
            file_error("part does not match the manifest", part.path,
                       fmt::format("{} records, the manifest says {}", rows, part.rows));
        result.rows += rows;
        ++result.parts;
    }
    out.commit(opts.write_index);
    return result;
}

}  // namespace

MergeResult run_merge(const MergeOptions& opts) {
    auto parts = list_parts(opts);
    if (is_variant_file(parts[0].path)) return merge_variants(opts, parts);
    if (opts.write_index) usage_error("--write-index is for VCF/BCF parts");
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
