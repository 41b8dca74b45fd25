#include "m2h/split.hpp"

#include <htslib/hfile.h>
#include <htslib/thread_pool.h>

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <list>
#include <memory>
#include <unordered_map>

#include "internal.hpp"
#include "m2h/error.hpp"
#include "m2h/names.hpp"
#include "m2h/output.hpp"
#include "m2h/progress.hpp"

namespace m2h {

namespace {

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct Part {
    ManifestEntry entry;
    std::unique_ptr<OutputFile> out;
    std::list<std::size_t>::iterator lru;  // position in the open list, when open
    std::uint64_t first_row = 0;
};

// The parts, at most max_open of them open at once (least recently used closed
// first and reopened in append mode when needed again).
class PartSet {
public:
    PartSet(const SplitOptions& opts, std::string header)
        : opts_(opts), header_(std::move(header)), pool_(opts.compress ? detail::make_pool(opts.threads) : nullptr) {
        if (opts.lz4 && opts.threads > 0) lz4_threads_ = std::make_unique<Lz4Threads>(opts.threads);
    }
    ~PartSet() {
        parts_.clear();
        if (pool_) hts_tpool_destroy(pool_);
    }

    std::size_t add(std::string key, std::uint64_t first_row) {
        Part p;
        p.entry.part = parts_.size() + 1;
        p.entry.key = std::move(key);
        p.entry.path = part_file_stem(p.entry.part, p.entry.key) + extension();
        p.first_row = first_row;
        parts_.push_back(std::move(p));
        return parts_.size() - 1;
    }

    void write(std::size_t i, std::string_view row) {
        Part& p = parts_[i];
        if (!p.out || !p.out->is_open()) open(i);
        else if (open_.begin() != p.lru) open_.splice(open_.begin(), open_, p.lru);
        p.out->write_line(row);
        ++p.entry.rows;
    }

    Part& part(std::size_t i) { return parts_[i]; }
    std::size_t size() const { return parts_.size(); }

    std::vector<ManifestEntry> commit_all() {
        std::vector<ManifestEntry> entries;
        entries.reserve(parts_.size());
        for (auto& p : parts_) {
            p.out->commit();
            p.entry.bytes = p.out->committed_bytes();
            entries.push_back(p.entry);
            p.out.reset();
        }
        return entries;
    }

private:
    void open(std::size_t i) {
        if (open_.size() >= opts_.max_open) {
            parts_[open_.back()].out->suspend();
            open_.pop_back();
        }
        Part& p = parts_[i];
        if (!p.out) {
            OutputOptions oo{.compression = compression(),
                             .pool = pool_,
                             .buffer = part_buffer(),
                             .level = opts_.level,
                             .lz4_threads = lz4_threads_.get()};
            p.out = std::make_unique<OutputFile>(opts_.outdir + "/" + p.entry.path, oo);
            p.out->write_line(header_);
            p.out->flush_block();  // header in a block of its own: merge can copy the rest
        } else {
            p.out->reopen();
        }
        open_.push_front(i);
        p.lru = open_.begin();
    }

    OutputCompression compression() const {
        return opts_.lz4 ? OutputCompression::kLz4 : opts_.compress ? OutputCompression::kBgzf : OutputCompression::kPlain;
    }
    const char* extension() const { return opts_.lz4 ? ".tsv.lz4" : opts_.compress ? ".tsv.gz" : ".tsv"; }

    // Part buffers share about 8 MiB, so memory stays bounded whatever --max-open is.
    std::size_t part_buffer() const {
        return std::clamp<std::size_t>((8u << 20) / opts_.max_open, 4096, 256 * 1024);
    }

    const SplitOptions& opts_;
    std::string header_;
    hts_tpool* pool_;                        // BGZF parts: compression threads
    std::unique_ptr<Lz4Threads> lz4_threads_;  // LZ4 parts: compression threads
    std::vector<Part> parts_;
    std::list<std::size_t> open_;
};

std::string_view chrom_of(std::string_view row) { return row.substr(0, row.find('\t')); }

// The key of a --by rows part: its first and last data row.
std::string rows_key(std::uint64_t first_row, std::uint64_t rows) {
    return fmt::format("rows_{}-{}", first_row, first_row + rows - 1);
}

// Tracks the first and last chromosome of a --by size part, for its key.
class SpanKey {
public:
    void row(std::string_view chrom) {
        if (first_.empty()) first_.assign(chrom);
        if (chrom != last_) last_.assign(chrom);
    }
    std::string take() {
        std::string key = detail::span_key(first_, last_);
        first_.clear();
        last_.clear();
        return key;
    }

private:
    std::string first_, last_;
};

void check_options(const SplitOptions& opts) {
    if (opts.outdir.empty()) usage_error("an output directory is required (-o DIR)");
    if (opts.ranges && (opts.compress || opts.lz4))
        usage_error(fmt::format("--ranges writes no parts to compress: drop {}", opts.lz4 ? "--lz4" : "--compress"));
    if (opts.compress && opts.lz4) usage_error("--compress (BGZF) and --lz4 both given: choose one");
    if (opts.ranges && opts.input == "-")
        usage_error("--ranges needs the matrix as a file, not stdin: the ranges point into it");
    if (opts.max_open < 1) usage_error("--max-open must be at least 1");
    if (opts.by == SplitBy::kRows && opts.rows_per_part < 1) usage_error("--rows must be at least 1");
    if (opts.by == SplitBy::kSize && opts.part_bytes < 1) usage_error("--part-size must be at least 1 byte");
}

// The output directory. One made by this run is removed again if the run fails: it is
// empty by then, since unfinished parts are temporaries removed on the error. A directory
// that was already there, or holds anything, is left alone.
class OutputDir {
public:
    explicit OutputDir(const std::string& path) : path_(path) {
        std::error_code ec;
        made_ = std::filesystem::create_directories(path_, ec);
        if (ec) file_error("cannot create output directory", path_, ec.message());
    }
    ~OutputDir() {
        std::error_code ec;
        if (made_) std::filesystem::remove(path_, ec);
    }
    void keep() { made_ = false; }

private:
    std::string path_;
    bool made_ = false;
};

// --ranges: the parts are byte ranges of the matrix. A chromosome must not come back
// once another has started, since its range would not be one piece.
class RangeRecorder {
public:
    RangeRecorder(const SplitOptions& opts, std::string matrix) : opts_(opts), matrix_(std::move(matrix)) {}

    void add(MatrixReader& in) {
        if (starts_part(in)) {
            if (!entries_.empty()) close(in.row_offset());
            ManifestEntry e{.part = entries_.size() + 1, .key = std::string(in.chrom()), .path = matrix_,
                            .ranged = true, .offset = in.row_offset(), .line = in.line_number()};
            if (opts_.by == SplitBy::kChrom) first_line_.emplace(e.key, e.line);
            entries_.push_back(std::move(e));
        }
        if (opts_.by == SplitBy::kSize) span_.row(in.chrom());
        ++entries_.back().rows;
    }

    std::vector<ManifestEntry> finish(std::uint64_t end_offset) {
        close(end_offset);
        if (opts_.by == SplitBy::kRows)
            for (auto& e : entries_) e.key = rows_key((e.part - 1) * opts_.rows_per_part + 1, e.rows);
        return std::move(entries_);
    }

private:
    bool starts_part(const MatrixReader& in) const {
        if (opts_.by == SplitBy::kRows) return (in.rows() - 1) % opts_.rows_per_part == 0;
        if (opts_.by == SplitBy::kSize)
            return entries_.empty() || in.row_offset() - entries_.back().offset >= opts_.part_bytes;
        if (!entries_.empty() && in.chrom() == entries_.back().key) return false;
        auto seen = first_line_.find(in.chrom());
        if (seen != first_line_.end())
            data_error("chromosome rows are not contiguous in", in.path(), in.line_number(),
                       fmt::format("'{}' (first at line {}) comes back after '{}'; --ranges needs each "
                                   "chromosome's rows together with --by chrom: sort the matrix, split --by size or --by rows, "
                                   "or copy the parts (without --ranges)",
                                   in.chrom(), seen->second, entries_.back().key));
        return true;
    }
    void close(std::uint64_t end) {
        entries_.back().bytes = end - entries_.back().offset;
        if (opts_.by == SplitBy::kSize) entries_.back().key = span_.take();
    }

    const SplitOptions& opts_;
    std::string matrix_;
    std::vector<ManifestEntry> entries_;
    SpanKey span_;
    std::unordered_map<std::string, std::uint64_t, StringHash, std::equal_to<>> first_line_;
};

std::string absolute_matrix_path(const std::string& input) {
    std::error_code ec;
    auto status = std::filesystem::status(input, ec);
    if (ec || !std::filesystem::is_regular_file(status))
        file_error("--ranges needs a regular file", input, ec ? ec.message() : "the ranges point into it");
    return std::filesystem::canonical(input).string();
}

// The range manifest and the files beside it: header.tsv, and matrix.gzi for BGZF input
// (the index removed if an earlier split of another matrix left one).
void write_range_files(const SplitOptions& opts, const std::vector<ManifestEntry>& entries, const std::string& header,
                       LineReader* bgzf_index) {
    OutputFile out(fmt::format("{}/{}", opts.outdir, kRangeHeaderFile), {.compression = OutputCompression::kPlain});
    out.write_line(header);
    out.commit();
    std::string index = fmt::format("{}/{}", opts.outdir, kRangeIndexFile);
    if (bgzf_index) bgzf_index->dump_index(index);
    else std::filesystem::remove(index);
    write_manifest(opts.outdir + "/manifest.tsv", entries);
}

std::vector<ManifestEntry> split_ranges(const SplitOptions& opts) {
    const std::string matrix = absolute_matrix_path(opts.input);
    if (opts.by == SplitBy::kSize) {
        MatrixReader probe(opts.input, opts.matrix);  // the header, and the compression
        if (probe.reader().compression() == Compression::kPlain) {
            const std::uint64_t data_start = opts.matrix.header_file.empty() ? probe.header().line.size() + 1 : 0;
            auto entries = detail::plain_size_ranges(opts, matrix, data_start);
            write_range_files(opts, entries, probe.header().line, nullptr);
            return entries;
        }
    }
    MatrixOptions mo = opts.matrix;
    mo.reader.build_index = true;  // recorded while reading, on one thread
    RangeRecorder ranges(opts, matrix);
    MatrixReader in(opts.input, mo);
    Progress progress(opts.progress);
    std::string_view row;
    while (in.next(row)) {
        ranges.add(in);
        progress.update(in.rows(), in.bytes_read());
    }
    progress.finish(in.rows(), in.bytes_read());
    if (in.rows() == 0) data_error("no data rows in", in.path(), in.line_number(), "the matrix has a header but no rows");
    auto entries = ranges.finish(in.offset());
    write_range_files(opts, entries, in.header().line,
                      in.reader().compression() == Compression::kBgzf ? &in.reader() : nullptr);
    return entries;
}

std::vector<ManifestEntry> split_copies(const SplitOptions& opts) {
    MatrixReader in(opts.input, opts.matrix);
    PartSet parts(opts, in.header().line);
    Progress progress(opts.progress);
    std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> by_key;
    std::string last_key;
    std::size_t current = 0;
    bool have_current = false;
    std::uint64_t part_start = 0;  // --by size: offset of the current part's first row
    SpanKey span;
    std::string_view row;
    while (in.next(row)) {
        if (opts.by == SplitBy::kSize) {
            if (!have_current || in.row_offset() - part_start >= opts.part_bytes) {
                if (have_current) parts.part(current).entry.key = span.take();
                current = parts.add("", in.rows());
                part_start = in.row_offset();
                have_current = true;
            }
            span.row(in.chrom());
        } else if (opts.by == SplitBy::kChrom) {
            std::string_view key = chrom_of(row);
            // Rows of one chromosome usually come together: look up only when it changes.
            if (!have_current || key != last_key) {
                auto it = by_key.find(key);
                if (it == by_key.end()) it = by_key.emplace(std::string(key), parts.add(std::string(key), in.rows())).first;
                current = it->second;
                last_key.assign(key);
                have_current = true;
            }
        } else if ((in.rows() - 1) % opts.rows_per_part == 0) {
            current = parts.add("", in.rows());
        }
        parts.write(current, row);
        progress.update(in.rows(), in.bytes_read());
    }
    progress.finish(in.rows(), in.bytes_read());
    if (in.rows() == 0) data_error("no data rows in", in.path(), in.line_number(), "the matrix has a header but no rows");
    if (opts.by == SplitBy::kSize) parts.part(current).entry.key = span.take();
    if (opts.by == SplitBy::kRows)
        for (std::size_t i = 0; i < parts.size(); ++i) {
            Part& p = parts.part(i);
            p.entry.key = rows_key(p.first_row, p.entry.rows);
        }
    auto entries = parts.commit_all();
    write_manifest(opts.outdir + "/manifest.tsv", entries);
    return entries;
}

}  // namespace

std::vector<ManifestEntry> run_split(const SplitOptions& opts) {
    check_options(opts);
    // a VCF or BCF, told by its content (a matrix read on from where it was peeked)
    SplitOptions o = opts;
    if (opts.ranges) absolute_matrix_path(opts.input);  // a regular file, checked before it is opened
    hFILE* stream = nullptr;
    htsFile* variants = open_variant_input(opts.input, stream);
    if (stream && opts.input != "-") hclose_abruptly(stream), stream = nullptr;  // reopened by name
    o.matrix.reader.stream = stream;
    OutputDir dir(opts.outdir);
    auto entries = variants ? split_variants(o, variants) : o.ranges ? split_ranges(o) : split_copies(o);
    dir.keep();
    return entries;
}

}  // namespace m2h
