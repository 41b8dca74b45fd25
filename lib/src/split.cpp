#include "m2h/split.hpp"

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
        : opts_(opts), header_(std::move(header)), pool_(detail::make_pool(opts.threads)) {}
    ~PartSet() {
        parts_.clear();
        if (pool_) hts_tpool_destroy(pool_);
    }

    std::size_t add(std::string key, std::uint64_t first_row) {
        Part p;
        p.entry.part = parts_.size() + 1;
        p.entry.key = std::move(key);
        p.entry.path = part_file_stem(p.entry.part, p.entry.key) + (opts_.compress ? ".tsv.gz" : ".tsv");
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
            OutputOptions oo{.compression = opts_.compress ? OutputCompression::kBgzf : OutputCompression::kPlain,
                             .pool = pool_,
                             .buffer = part_buffer()};
            p.out = std::make_unique<OutputFile>(opts_.outdir + "/" + p.entry.path, oo);
            p.out->write_line(header_);
            p.out->flush_block();  // header in a block of its own: merge can copy the rest
        } else {
            p.out->reopen();
        }
        open_.push_front(i);
        p.lru = open_.begin();
    }

    // Part buffers share about 8 MiB, so memory stays bounded whatever --max-open is.
    std::size_t part_buffer() const {
        return std::clamp<std::size_t>((8u << 20) / opts_.max_open, 4096, 256 * 1024);
    }

    const SplitOptions& opts_;
    std::string header_;
    hts_tpool* pool_;
    std::vector<Part> parts_;
    std::list<std::size_t> open_;
};

std::string_view chrom_of(std::string_view row) { return row.substr(0, row.find('\t')); }

void check_options(const SplitOptions& opts) {
    if (opts.outdir.empty()) usage_error("an output directory is required (-o DIR)");
    if (opts.max_open < 1) usage_error("--max-open must be at least 1");
    if (opts.by == SplitBy::kRows && opts.rows_per_part < 1) usage_error("--rows must be at least 1");
    std::error_code ec;
    std::filesystem::create_directories(opts.outdir, ec);
    if (ec) file_error("cannot create output directory", opts.outdir, ec.message());
}

}  // namespace

std::vector<ManifestEntry> run_split(const SplitOptions& opts) {
    check_options(opts);
    MatrixReader in(opts.input, opts.matrix);
    PartSet parts(opts, in.header().line);
    Progress progress(opts.progress);
    std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> by_key;
    std::string last_key;
    std::size_t current = 0;
    bool have_current = false;
    std::string_view row;
    while (in.next(row)) {
        if (opts.by == SplitBy::kChrom) {
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
    if (opts.by == SplitBy::kRows)
        for (std::size_t i = 0; i < parts.size(); ++i) {
            Part& p = parts.part(i);
            p.entry.key = fmt::format("rows_{}-{}", p.first_row, p.first_row + p.entry.rows - 1);
        }
    auto entries = parts.commit_all();
    write_manifest(opts.outdir + "/manifest.tsv", entries);
    return entries;
}

}  // namespace m2h
