#include "m2h/merge.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.hpp"
#include "lz4_frames.hpp"
#include "record_index.hpp"
#include "m2h/bgzf_copy.hpp"
#include "m2h/cli.hpp"
#include "m2h/error.hpp"
#include "m2h/line_reader.hpp"
#include "m2h/manifest.hpp"
#include "m2h/output.hpp"
#include "m2h/progress.hpp"
#include "m2h/vcf.hpp"

#include <htslib/bgzf.h>
#include <htslib/vcf.h>
#include <memory>
#include <optional>

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
        for (const auto& e : read_manifest(opts.manifest)) {
            if (e.ranged)
                file_error("cannot merge a range manifest", opts.manifest,
                           "its parts are ranges of the matrix (m2h-split --ranges); merge the transformed parts");
            parts.push_back({resolve_path(dir, e.path), true, e.rows, e.bytes});
        }
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

std::uint64_t file_size(const std::string& path) {
    struct stat st {};
    if (path == "-") return 0;
    if (stat(path.c_str(), &st) < 0) file_error("missing part", path, std::strerror(errno));
    return static_cast<std::uint64_t>(st.st_size);
}

void check_size(const PartRef& part) {
    std::uint64_t size = file_size(part.path);
    if (size != part.bytes)
        file_error("part does not match the manifest", part.path,
                   fmt::format("{} bytes, the manifest says {}", size, part.bytes));
}

// The first bytes of path (as many as there are, up to 4); 0 if it cannot be read.
std::size_t read_magic(const std::string& path, unsigned char (&magic)[4]) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    const ssize_t n = ::read(fd, magic, sizeof magic);
    ::close(fd);
    return n > 0 ? static_cast<std::size_t>(n) : 0;
}

bool is_variant_file(const std::string& path) {
    if (path == "-") return false;
    unsigned char magic[4];
    if (detail::is_lz4_magic(magic, read_magic(path, magic))) return false;  // htslib would complain
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
    HtsPtr fp(hts_open(part.path.c_str(), "r"), hts_close);
    if (!fp) file_error("cannot open", part.path, detail::errno_text());
    auto f = hts_get_format(fp.get());
    if (f->format != vcf && f->format != bcf) file_error("not a VCF/BCF part", part.path, "the first part is VCF/BCF");
    if (f->compression == bgzf && hts_check_EOF(fp.get()) == 0)
        file_error("truncated BGZF file", part.path, "the end-of-file marker is missing");
    HdrPtr hdr(bcf_hdr_read(fp.get()), bcf_hdr_destroy);
    if (!hdr) file_error("cannot read the VCF header of", part.path, "corrupt or not VCF/BCF");
    return {std::move(fp), std::move(hdr)};
}

// bcf_translate would change nothing: every FILTER/INFO/FORMAT and contig id of
// the part has the same number in the merged header.
bool same_dictionaries(const bcf_hdr_t* out, const bcf_hdr_t* part) {
    for (int type : {BCF_DT_ID, BCF_DT_CTG})
        for (int i = 0; i < part->n[type]; ++i)
            if (bcf_hdr_id2int(out, type, part->id[type][i].key) != i) return false;
    return true;
}

struct CopyPlan {
    bool copy = false;
    PartHeader kind = PartHeader::kHashLines;
};

// A BGZF VCF part is copied block by block into .vcf.gz output (records name their
// contig); a BCF part into .bcf output only if its ids already match the merged
// header and no manifest needs its records counted. Merging only appends ids, so
// a part's ids checked right after merging it stay valid.
CopyPlan plan_copy(const PartRef& part, htsFile* fp, const bcf_hdr_t* phdr, const std::string& mode,
                   const bcf_hdr_t* out_hdr) {
    const htsFormat* f = hts_get_format(fp);
    if (f->compression != bgzf) return {};
    if (f->format == vcf) return {mode.starts_with("wz"), PartHeader::kHashLines};
    return {mode.starts_with("wb") && !part.checked && same_dictionaries(out_hdr, phdr), PartHeader::kBcf};
}

// One pass over the parts' headers: every part's size against the manifest, one header
// for all (contigs in part order, the samples the same everywhere), and how each part
// can be written.
HdrPtr unified_header(const std::vector<PartRef>& parts, const std::string& mode, std::vector<CopyPlan>& plans) {
    HdrPtr out(nullptr, bcf_hdr_destroy);
    for (const auto& part : parts) {
        if (part.checked) check_size(part);
        auto [fp, hdr] = open_variant_part(part);
        if (!out) {
            out.reset(bcf_hdr_dup(hdr.get()));
        } else {
            int n = bcf_hdr_nsamples(out.get());
            bool same = n == bcf_hdr_nsamples(hdr.get());
            for (int i = 0; same && i < n; ++i) same = std::strcmp(out->samples[i], hdr->samples[i]) == 0;
            if (!same) file_error("samples differ in", part.path, fmt::format("expected the samples of '{}'", parts[0].path));
            if (!bcf_hdr_merge(out.get(), hdr.get())) file_error("cannot merge the VCF header of", part.path, "htslib refused it");
        }
        plans.push_back(plan_copy(part, fp.get(), hdr.get(), mode, out.get()));
    }
    if (bcf_hdr_sync(out.get()) != 0) file_error("cannot merge VCF headers for", parts[0].path, "htslib refused them");
    return out;
}

std::uint64_t translate_records(const PartRef& part, HtsOutput& out, bcf_hdr_t* hdr, bcf1_t* rec) {
    auto [fp, phdr] = open_variant_part(part);
    std::uint64_t rows = 0;
    int r;
    while ((r = bcf_read(fp.get(), phdr.get(), rec)) == 0) {
        if (bcf_translate(hdr, phdr.get(), rec) != 0 || bcf_write(out.get(), hdr, rec) != 0)
            file_error("cannot write", out.path(), detail::errno_text());
        ++rows;
    }
    if (r < -1) data_error("corrupt or truncated record in", part.path, rows + 1, "htslib could not read it");
    return rows;
}

MergeResult merge_variants(const MergeOptions& opts, const std::vector<PartRef>& parts) {
    std::string mode = vcf_write_mode(opts.output, opts.output.ends_with(".bcf"), opts.level);
    if (opts.write_index && mode == "w") usage_error("--write-index needs a .vcf.gz or .bcf output");
    std::vector<CopyPlan> plans;
    HdrPtr hdr = unified_header(parts, mode, plans);
    // The merge is recorded as the merge (as bcftools concat records itself), and a part's
    // transform command, which made only that part, is not kept as if it made the whole.
    bcf_hdr_remove(hdr.get(), BCF_HL_GEN, "m2h-transformCommand");
    if (!opts.no_version &&
        (bcf_hdr_printf(hdr.get(), "##m2h-mergeVersion=%s", version_string().c_str()) != 0 ||
         bcf_hdr_printf(hdr.get(), "##m2h-mergeCommand=%s", opts.command_line.c_str()) != 0))
        file_error("cannot merge VCF headers for", parts[0].path, "htslib refused them");
    if (bcf_hdr_sync(hdr.get()) != 0) file_error("cannot merge VCF headers for", parts[0].path, "htslib refused them");
    bool any_copy = std::any_of(plans.begin(), plans.end(), [](const CopyPlan& p) { return p.copy; });
    // Copied blocks go straight to the file, so compression threads would reorder them
    // (raw blocks: the threads are only the index's, if htslib's indexer reads the file).
    HtsOutput out(opts.output, mode, opts.threads, any_copy);
    if (bcf_hdr_write(out.get(), hdr.get()) != 0) file_error("cannot write", opts.output, detail::errno_text());
    // Copied parts' records are noted as they go by, for their index: no reading back.
    const bool bcf = mode.starts_with("wb");
    std::optional<detail::RecordIndex> index;
    std::optional<detail::RecordScanner> scan;
    if (opts.write_index && opts.output != "-" && std::all_of(plans.begin(), plans.end(), [](const CopyPlan& p) { return p.copy; })) {
        index.emplace(opts.output);
        scan.emplace(*index, hdr.get(), bcf);
        // The records start a block of their own, as the notes' offsets need.
        if (bgzf_flush(out.get()->fp.bgzf) < 0) file_error("cannot write", opts.output, detail::errno_text());
    }
    const BodyBytes note = scan ? BodyBytes([&](const char* p, std::size_t n) { scan->feed(p, n); }) : BodyBytes();
    std::unique_ptr<bcf1_t, decltype(&bcf_destroy)> rec(bcf_init(), bcf_destroy);
    MergeResult result;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const PartRef& part = parts[i];
        std::uint64_t rows = plans[i].copy
                                 ? copy_bgzf_body(part.path, plans[i].kind, out.get()->fp.bgzf, opts.output, false, {}, note).lines
                                 : translate_records(part, out, hdr.get(), rec.get());
        if (scan) scan->end_part();
        if (part.checked && rows != part.rows)
            file_error("part does not match the manifest", part.path,
                       fmt::format("{} records, the manifest says {}", rows, part.rows));
        result.rows += rows;
        ++result.parts;
    }
    if (scan && scan->usable()) {
        const bool tbi = !bcf && opts.index_format == IndexFormat::kTbi;
        out.commit(true, opts.index_format, [&](const std::string& data, const std::string& path) {
            return index->save(data, path, hdr.get(), !bcf, tbi, scan->bytes());
        });
    } else {
        out.commit(opts.write_index, opts.index_format);
    }
    return result;
}

// Appends a text part line by line (compressed parts, or compressed output).
std::uint64_t append_lines(const PartRef& part, OutputFile& out, std::string& header, int threads) {
    // Parts are written whole or not at all, so a part without its final newline was cut short.
    LineReader in(part.path, {.threads = threads, .require_final_newline = true});
    std::string_view line;
    if (!in.next(line)) file_error("empty part", part.path, "no header line (truncated or not a part)");
    if (header.empty()) {
        header = line;
        out.write_line(header);
        out.flush_block();
    } else if (line != header) {
        data_error("header differs in", part.path, 1, "expected the header of the first part");
    }
    std::uint64_t rows = 0;
    while (in.next(line)) {
        out.write_line(line);
        ++rows;
    }
    return rows;
}

// gzip, BGZF or LZ4 (m2h-split --lz4): parts that must be decompressed, not copied.
bool is_compressed_file(const std::string& path) {
    if (path == "-") return true;  // stdin could be anything: the line reader finds out
    unsigned char magic[4];
    const std::size_t n = read_magic(path, magic);
    return (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) || detail::is_lz4_magic(magic, n);
}

// Appends a plain part into plain output: its body copied inside the kernel
// (copy_file_range), unread; its rows are counted (a pass over it) only when a manifest
// says how many there must be. The same checks as append_lines: the header is the first
// part's, and the part ends with a newline.
std::uint64_t append_plain(const PartRef& part, OutputFile& out, std::string& header) {
    constexpr std::size_t kBlock = 1 << 20;
    int fd = ::open(part.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) file_error("cannot open", part.path, std::strerror(errno));
    std::unique_ptr<int, void (*)(int*)> closer(&fd, [](int* f) { ::close(*f); });
    auto buf = std::make_unique<char[]>(kBlock);
    auto read_at = [&](std::uint64_t at) {
        for (;;) {
            ssize_t n = ::pread(fd, buf.get(), kBlock, static_cast<off_t>(at));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) file_error("cannot read", part.path, std::strerror(errno));
            return static_cast<std::size_t>(n);
        }
    };
    std::size_t len = read_at(0);
    auto* nl = static_cast<char*>(std::memchr(buf.get(), '\n', len));
    if (len == 0) file_error("empty part", part.path, "no header line (truncated or not a part)");
    if (!nl) file_error("truncated file", part.path, "the header line does not end (a part cut short, or not a part)");
    std::string_view first(buf.get(), static_cast<std::size_t>(nl - buf.get()));
    if (header.empty()) {
        header = first;
        out.write_line(header);
    } else if (first != header) {
        data_error("header differs in", part.path, 1, "expected the header of the first part");
    }
    const std::uint64_t body = first.size() + 1;
    std::uint64_t end = body, rows = 0;
    char last = '\n';
    auto count = [&] {  // rows and the last byte, in one pass over the body
        for (std::size_t skip = body; len > skip; skip = 0, len = read_at(end)) {
            std::string_view block(buf.get() + skip, len - skip);
            rows += detail::count_newlines(block.data(), block.size());
            last = block.back();
            end += block.size();
        }
    };
    if (part.checked) {
        count();
    } else {
        struct stat st {};
        if (fstat(fd, &st) < 0) file_error("cannot read", part.path, std::strerror(errno));
        end = std::max<std::uint64_t>(body, static_cast<std::uint64_t>(st.st_size));
        if (end > body && ::pread(fd, &last, 1, static_cast<off_t>(end - 1)) != 1)
            file_error("cannot read", part.path, detail::errno_text());
        if (last != '\n') {  // cut short: count, to name the line
            end = body;
            count();
        }
    }
    if (last != '\n') data_error("truncated file", part.path, rows + 2, "the last line does not end with a newline");
    out.copy_range(fd, body, end - body, part.path);  // in one go
    return rows;
}

MergeResult merge_text(const MergeOptions& opts, const std::vector<PartRef>& parts) {
    if (opts.write_index) usage_error("--write-index is for VCF/BCF parts");
    std::vector<bool> copy;
    bool out_bgzf = opts.output != "-" && is_bgzf_name(opts.output), any_copy = false, plain_out = !out_bgzf;
    for (const auto& part : parts) {
        copy.push_back(out_bgzf && is_bgzf_file(part.path));
        any_copy |= copy.back();
    }
    // Copied blocks go straight to the file, so compression threads would reorder them.
    OutputFile out(opts.output, {.threads = any_copy ? 0 : opts.threads, .level = opts.level, .write_behind = opts.write_behind});
    Progress progress(opts.progress);
    MergeResult result;
    std::string header;
    std::uint64_t bytes_done = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const PartRef& part = parts[i];
        if (part.checked) check_size(part);
        std::uint64_t rows = 0;
        if (copy[i]) {
            auto body = copy_bgzf_body(part.path, PartHeader::kFirstLine, out.bgzf_for_copy(), opts.output,
                                       header.empty(), header);
            if (header.empty()) header = body.header;
            rows = body.lines;
            out.written();
        } else if (plain_out && !is_compressed_file(part.path)) {
            rows = append_plain(part, out, header);
        } else {
            rows = append_lines(part, out, header, opts.threads);
        }
        if (part.checked && rows != part.rows)
            file_error("part does not match the manifest", part.path,
                       fmt::format("{} rows, the manifest says {}", rows, part.rows));
        result.rows += rows;
        bytes_done += file_size(part.path);
        ++result.parts;
        progress.update(result.rows, bytes_done);
    }
    progress.finish(result.rows, bytes_done);
    out.commit();
    return result;
}

}  // namespace

MergeResult run_merge(const MergeOptions& opts) {
    auto parts = list_parts(opts);
    return is_variant_file(parts[0].path) ? merge_variants(opts, parts) : merge_text(opts, parts);
}

}  // namespace m2h
