// m2h-extend's run: the table read once, contig after contig (pass 1 here), each contig
// extended from its scratch file (contig.cpp) on a worker thread, and the files rendered
// at the end as pandas renders them (render.cpp).
#include "m2h/extend.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <fmt/format.h>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "extend/contig.hpp"
#include "extend/pydecimal.hpp"
#include "extend/render.hpp"
#include "extend/tables.hpp"
#include "internal.hpp"
#include "m2h/error.hpp"
#include "m2h/fields.hpp"
#include "m2h/line_reader.hpp"
#include "m2h/output.hpp"
#include "m2h/progress.hpp"

namespace m2h {

namespace {

using namespace extend;

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = s.find(',', start);
        out.push_back(s.substr(start, comma - start));
        if (comma == std::string::npos) return out;
        start = comma + 1;
    }
}

// Where each value of a merged row comes from.
struct Layout {
    Header in;
    std::size_t chrom = 0, pos = 0, ref = 0, alleles = 0, soi_pi = 0, soi_pg = 0;
    // the sample columns of the likelihoods: (PI, PG_al) in the table, then in the panel
    std::vector<std::pair<std::size_t, std::size_t>> in_cols, panel_cols;
    std::vector<int> weights;
    Header panel;
    std::vector<int> panel_sample_cols;  // panel_cols flattened, for Panel
};

std::size_t required(const Header& h, const std::string& name, const std::string& path) {
    const int c = h.column(name);
    if (c < 0) data_error("missing column", path, 1, fmt::format("the header has no '{}'", name));
    return static_cast<std::size_t>(c);
}

// The header of path, read from `in` (left after it) or from the file when in is null.
Header read_header(const std::string& path, LineReader* in = nullptr) {
    std::unique_ptr<LineReader> own;
    if (!in) in = (own = std::make_unique<LineReader>(path)).get();
    std::string_view line;
    while (in->next(line))
        if (!line.empty()) return parse_header(line, path);
    file_error("empty table", path, "no header line");
}

// table: the table, open before its header line.
Layout make_layout(const ExtendOptions& o, LineReader& table) {
    Layout l;
    l.in = read_header(o.input, &table);
    const std::string pi = o.soi + ":PI", pg = o.soi + ":PG_al";
    if (l.in.column(pi) < 0 || l.in.column(pg) < 0)
        data_error("no sample of interest", o.input, 1,
                   fmt::format("the header has no '{}' and '{}' columns for --SOI {}", pi, pg, o.soi));
    l.chrom = required(l.in, "CHROM", o.input);
    l.pos = required(l.in, "POS", o.input);
    l.ref = required(l.in, "REF", o.input);
    l.alleles = required(l.in, "all-alleles", o.input);
    l.soi_pi = static_cast<std::size_t>(l.in.column(pi));
    l.soi_pg = static_cast<std::size_t>(l.in.column(pg));
    if (!o.refhap.empty()) {
        l.panel = read_header(o.refhap);
        for (const char* c : {"CHROM", "POS", "REF", "ALT"}) required(l.panel, c, o.refhap);
        for (const auto& name : l.panel.names) {
            if (name == "CHROM" || name == "POS" || name == "REF" || name == "ALT") continue;
            if (l.in.column(name) >= 0)
                data_error("column in both tables", o.refhap, 1,
                           fmt::format("'{}' is also a column of '{}' (phase-extender 0.1.8 fails on it too): "
                                       "rename one of them",
                                       name, o.input));
        }
    }
    // The sample list (phase-extender's --useSample; the SOI is always in it)
    std::vector<std::string> panel_samples;
    if (!o.refhap.empty())
        for (const auto& s : l.panel.samples) panel_samples.push_back(s);
    std::vector<std::string> list;
    if (o.use_sample == "all") {
        list = l.in.samples;
        list.insert(list.end(), panel_samples.begin(), panel_samples.end());
    } else if (o.use_sample == "input" || o.use_sample.empty()) {
        list = l.in.samples;
    } else if (o.use_sample == "refHap") {
        list = panel_samples;
        list.push_back(o.soi);
    } else {
        list = split_commas(o.use_sample);
        list.push_back(o.soi);
    }
    // one column pair per distinct sample (table first, then panel), weighted by its count
    std::unordered_map<std::string, std::pair<bool, std::size_t>> slot;
    std::vector<int> in_w, panel_w;
    for (const auto& s : list) {
        auto it = slot.find(s);
        if (it != slot.end()) {
            ++(it->second.first ? panel_w : in_w)[it->second.second];
            continue;
        }
        const int ipi = l.in.column(s + ":PI"), ipg = l.in.column(s + ":PG_al");
        const int ppi = o.refhap.empty() ? -1 : l.panel.column(s + ":PI");
        const int ppg = o.refhap.empty() ? -1 : l.panel.column(s + ":PG_al");
        if (ipi >= 0 && ipg >= 0) {
            slot.emplace(s, std::make_pair(false, l.in_cols.size()));
            l.in_cols.emplace_back(ipi, ipg);
            in_w.push_back(1);
        } else if (ppi >= 0 && ppg >= 0) {
            slot.emplace(s, std::make_pair(true, l.panel_cols.size()));
            l.panel_cols.emplace_back(ppi, ppg);
            panel_w.push_back(1);
        } else {
            const bool in_panel = ppi >= 0 || ppg >= 0;
            const std::string& where = in_panel ? o.refhap : o.input;
            const bool named = ipi >= 0 || ipg >= 0 || in_panel;
            data_error("sample without its columns", where, 1,
                       named ? fmt::format("sample '{}' needs both '{}:PI' and '{}:PG_al'", s, s, s)
                             : fmt::format("no '{}:PI' and '{}:PG_al' columns for sample '{}' of --useSample", s, s, s));
        }
    }
    l.weights = in_w;
    l.weights.insert(l.weights.end(), panel_w.begin(), panel_w.end());
    for (const auto& [a, b] : l.panel_cols) {
        l.panel_sample_cols.push_back(static_cast<int>(a));
        l.panel_sample_cols.push_back(static_cast<int>(b));
    }
    return l;
}

// The table's contigs, in input order.
struct ContigInfo {
    std::string name;
    Range initial, missing;
    bool has_rows = false;  // good rows (extended)
    std::vector<LabelStat> initial_stats;
    ContigResult* result = nullptr;
};

// Contigs extended on worker threads, at most a few waiting.
class Workers {
public:
    Workers(const Params& p, int threads, const std::string& near) : p_(p) {
        for (int t = 0; t < threads; ++t) outs_.push_back(std::make_unique<Spill>(near));
        if (threads > 1)
            for (int t = 0; t < threads; ++t) threads_.push_back(detail::thread_without_signals([this, t] { work(t); }));
    }
    ~Workers() { stop(); }

    void submit(std::unique_ptr<ContigJob> job, ContigResult* res) {
        if (threads_.empty()) {
            res->worker = 0;
            extend_contig(p_, *job, *outs_[0], *res);
            return;
        }
        std::unique_lock lock(m_);
        space_.wait(lock, [&] { return queue_.size() < threads_.size() || error_; });
        if (error_) std::rethrow_exception(error_);
        queue_.emplace_back(std::move(job), res);
        ready_.notify_one();
    }

    // Waits for every contig; rethrows the first failure.
    void finish() {
        stop();
        if (error_) std::rethrow_exception(error_);
    }

    Spill& out(int worker) { return *outs_[static_cast<std::size_t>(worker)]; }

private:
    void stop() {
        {
            std::lock_guard lock(m_);
            done_ = true;
        }
        ready_.notify_all();
        for (auto& t : threads_)
            if (t.joinable()) t.join();
    }

    void work(int t) {
        struct Release {
            ~Release() { pydec::release_thread_caches(); }
        } release;
        for (;;) {
            std::pair<std::unique_ptr<ContigJob>, ContigResult*> item;
            {
                std::unique_lock lock(m_);
                ready_.wait(lock, [&] { return !queue_.empty() || done_; });
                if (queue_.empty()) return;
                item = std::move(queue_.front());
                queue_.pop_front();
                space_.notify_one();
            }
            try {
                item.second->worker = t;
                extend_contig(p_, *item.first, *outs_[static_cast<std::size_t>(t)], *item.second);
            } catch (...) {
                std::lock_guard lock(m_);
                if (!error_) error_ = std::current_exception();
                space_.notify_all();
            }
        }
    }

    const Params& p_;
    std::vector<std::unique_ptr<Spill>> outs_;
    std::vector<std::thread> threads_;
    std::mutex m_;
    std::condition_variable ready_, space_;
    std::deque<std::pair<std::unique_ptr<ContigJob>, ContigResult*>> queue_;
    bool done_ = false;
    std::exception_ptr error_;
};

// Pass 1: the table read once; each contig's good rows, merged with the panel, to its
// scratch file with their blocks numbered; missing rows and the initial table aside.
class Reader {
public:
    Reader(const ExtendOptions& o, const Layout& l, const Params& p, const std::string& near,
           const std::vector<pdtext::Type>* in_types, const std::vector<pdtext::Type>* panel_types)
        : o_(o), l_(l), p_(p), near_(near), in_types_(in_types), typers_(l.in.names.size()), missing_(near),
          initial_(near), workers_(p, std::max(1, o.threads), near), progress_(o.progress) {
        if (!o.refhap.empty())
            panel_ = std::make_unique<Panel>(o.refhap, l.panel, l.panel_sample_cols, panel_types, near);
        if (!o.bed.empty()) bed_ = read_bed(o.bed);
    }

    // Reads the whole table (open after its header) and waits for every contig's extension.
    void run(LineReader& in) {
        std::string_view line;
        bool header = false;
        std::vector<std::string_view> cells;
        std::vector<std::string> store;
        while (in.next(line)) {
            if (line.empty()) continue;
            if (header) {
                header = false;
                continue;
            }
            ++rows_read_;
            const std::uint64_t n = in.line_number();
            {
                std::vector<std::string_view> raw;
                split_tabs(line, raw);
                if (raw.size() != l_.in.names.size())
                    data_error("bad row", o_.input, n,
                               fmt::format("{} columns where the header has {}", raw.size(), l_.in.names.size()));
                for (std::size_t i = 0; i < raw.size(); ++i) typers_[i].add(raw[i]);
            }
            split_row(line, cells, store, in_types_);
            row(cells, n);
            progress_.update(rows_read_, in.bytes_read());
        }
        end_contig();
        progress_.finish(rows_read_, in.bytes_read());
        workers_.finish();
        missing_.flush();
        initial_.flush();
    }

    bool canonical() const {
        for (const auto& t : typers_)
            if (!t.canonical()) return false;
        return !panel_ || panel_->canonical();
    }

    std::vector<ContigInfo>& contigs() { return contigs_; }
    Spill& missing() { return missing_; }
    Spill& initial() { return initial_; }
    Workers& workers() { return workers_; }
    std::uint64_t rows_read() const { return rows_read_; }
    std::uint64_t missing_rows() const { return missing_rows_; }

private:
    void row(const std::vector<std::string_view>& c, std::uint64_t n) {
        const std::string_view chrom = c[l_.chrom];
        if (chrom.empty()) data_error("bad row", o_.input, n, "no CHROM");
        long long pos = 0;
        if (!pdtext::parse_int(c[l_.pos], pos))
            data_error("bad POS", o_.input, n, fmt::format("'{}' is not a whole number", c[l_.pos]));
        if (contigs_.empty() || chrom != contigs_.back().name) start_contig(chrom, n);
        else if (pos < last_pos_)
            data_error("unsorted haplotype table", o_.input, n,
                       fmt::format("{} position {} after {}: sort the table by CHROM and POS (its header first)", chrom,
                                   pos, last_pos_));
        last_pos_ = pos;
        const bool missing = c[l_.soi_pi] == "." || c[l_.soi_pg] == ".";
        if (missing) {
            ++missing_rows_;
            line_.clear();
            for (std::size_t i = 0; i < c.size(); ++i) {
                if (i) line_.push_back('\t');
                line_.append(c[i]);
            }
            missing_.line(line_);
            contigs_.back().missing.end = missing_.offset();
            return;
        }
        if (!group_.empty() && pos != group_pos_) flush_group();
        group_pos_ = pos;
        group_.push_back({n, std::vector<std::string>(c.begin(), c.end())});
    }

    void start_contig(std::string_view chrom, std::uint64_t n) {
        end_contig();
        std::string name(chrom);
        if (!seen_.insert(name).second)
            data_error("unsorted haplotype table", o_.input, n,
                       fmt::format("contig '{}' again: each contig's rows must be together (sort the table by CHROM "
                                   "and POS)",
                                   name));
        ContigInfo info;
        info.name = name;
        info.initial = {initial_.offset(), initial_.offset()};
        info.missing = {missing_.offset(), missing_.offset()};
        contigs_.push_back(std::move(info));
        auto b = bed_.find(name);
        intervals_ = bed_.empty() ? nullptr : (b == bed_.end() ? &no_intervals_ : &b->second);
        interval_ = 0;
        last_pos_ = 0;
    }

    // Whole-row duplicates among a position's rows are dropped, every copy (0.1.8).
    void flush_group() {
        for (std::size_t a = 0; a < group_.size(); ++a) {
            bool dup = false;
            for (std::size_t b = 0; b < group_.size() && !dup; ++b) dup = a != b && group_[a].cells == group_[b].cells;
            if (!dup) good(group_[a]);
        }
        group_.clear();
    }

    struct Pending {
        std::uint64_t line;
        std::vector<std::string> cells;
    };

    // A good row: merged with the panel rows at its position (one row each), numbered.
    void good(const Pending& r) {
        ContigInfo& ci = contigs_.back();
        long long pos = 0;
        pdtext::parse_int(r.cells[l_.pos], pos);
        if (!job_) {
            job_ = std::make_unique<ContigJob>();
            job_->index = contigs_.size() - 1;
            job_->name = ci.name;
            job_->rows = std::make_unique<Spill>(near_);
            job_->blocks = std::make_unique<Spill>(near_);
            job_->decisions = std::make_unique<Spill>(near_);
            ci.has_rows = true;
            segment_key_ = INT64_MIN;
            last_good_pos_ = INT64_MIN;
        }
        const bool panel = panel_ != nullptr;
        // 0.1.8 fills every missing cell of the merged table with '.'
        auto cell = [&](std::size_t i) -> std::string_view {
            const std::string& s = r.cells[i];
            return panel && s.empty() ? std::string_view(".") : std::string_view(s);
        };
        static const std::vector<std::vector<std::string>> none;
        const auto& matches = panel ? panel_->at(ci.name, pos) : none;
        const std::size_t merged = panel && !matches.empty() ? matches.size() : 1;
        for (std::size_t m = 0; m < merged; ++m) {
            if (pos == last_good_pos_) job_->duplicate_positions = true;
            last_good_pos_ = pos;
            line_.clear();
            fmt::format_to(std::back_inserter(line_), "{}\t{}\t{}\t{}\t{}\t{}", ci.name, r.cells[l_.pos], cell(l_.ref),
                           cell(l_.alleles), cell(l_.soi_pi), cell(l_.soi_pg));
            initial_.line(line_);
            if (p_.hap_stats && !cell(l_.soi_pi).empty()) note_initial(ci, std::string(cell(l_.soi_pi)), pos);
            const std::uint32_t block = route(pos, cell(l_.soi_pi));
            line_.clear();
            fmt::format_to(std::back_inserter(line_), "{}\t{}\t{}\t{}\t{}\t{}\t{}", r.line, pos, block, cell(l_.ref),
                           cell(l_.alleles), cell(l_.soi_pi), cell(l_.soi_pg));
            for (const auto& [a, b] : l_.in_cols) line_.append("\t").append(cell(a)).append("\t").append(cell(b));
            for (std::size_t k = 0; k < l_.panel_cols.size(); ++k) {
                const bool hit = panel && !matches.empty();
                for (std::size_t x = 0; x < 2; ++x) {
                    std::string_view v = hit ? std::string_view(matches[m][2 * k + x]) : std::string_view(".");
                    if (v.empty()) v = ".";
                    line_.append("\t").append(v);
                }
            }
            job_->rows->line(line_);
        }
        ci.initial.end = initial_.offset();
    }

    void note_initial(ContigInfo& ci, const std::string& pi, std::int64_t pos) {
        auto [it, fresh] = initial_index_.emplace(pi, ci.initial_stats.size());
        if (fresh) ci.initial_stats.push_back({pi, 0, pos, pos});
        LabelStat& s = ci.initial_stats[it->second];
        ++s.rows;
        s.first = std::min(s.first, pos);
        s.last = std::max(s.last, pos);
    }

    // The row's segment (--bed: an interval, or the rows between two) and its block there.
    std::uint32_t route(std::int64_t pos, std::string_view pi) {
        std::int64_t key = 0;
        bool extend = true;
        if (intervals_) {
            while (interval_ < intervals_->size() && (*intervals_)[interval_].second < pos) ++interval_;
            extend = interval_ < intervals_->size() && (*intervals_)[interval_].first <= pos;
            key = extend ? static_cast<std::int64_t>(interval_) : -1 - static_cast<std::int64_t>(interval_);
        }
        if (key != segment_key_) {
            close_segment();
            segment_key_ = key;
            Segment s;
            s.extend = extend;
            s.rows = {job_->rows->offset(), job_->rows->offset()};
            job_->segments.push_back(s);
            segment_open_ = true;
        }
        Segment& seg = job_->segments.back();
        auto [it, fresh] = blocks_.emplace(std::string(pi), static_cast<std::uint32_t>(block_rows_.size()));
        if (fresh) {
            block_rows_.push_back(0);
            block_first_.push_back(pos);
        }
        ++block_rows_[it->second];
        ++seg.n_rows;
        return it->second;
    }

    void close_segment() {
        if (!job_ || !segment_open_) return;
        segment_open_ = false;
        Segment& seg = job_->segments.back();
        job_->rows->flush();
        seg.rows.end = job_->rows->offset();
        seg.blocks.begin = job_->blocks->offset();
        for (std::size_t b = 0; b < block_rows_.size(); ++b)
            job_->blocks->line(fmt::format("{}\t{}", block_rows_[b], block_first_[b]));
        seg.blocks.end = job_->blocks->offset();
        seg.n_blocks = static_cast<std::uint32_t>(block_rows_.size());
        blocks_.clear();
        block_rows_.clear();
        block_first_.clear();
    }

    void end_contig() {
        if (!group_.empty()) flush_group();
        initial_index_.clear();
        if (!job_) return;
        close_segment();
        auto res = std::make_unique<ContigResult>();
        contigs_[job_->index].result = res.get();
        results_.push_back(std::move(res));
        workers_.submit(std::move(job_), results_.back().get());
        job_.reset();
    }

    const ExtendOptions& o_;
    const Layout& l_;
    const Params& p_;
    std::string near_;
    const std::vector<pdtext::Type>* in_types_;
    std::vector<pdtext::ColumnTyper> typers_;
    Spill missing_, initial_;
    std::unique_ptr<Panel> panel_;
    Intervals bed_;
    const std::vector<std::pair<std::int64_t, std::int64_t>>* intervals_ = nullptr;
    const std::vector<std::pair<std::int64_t, std::int64_t>> no_intervals_;
    std::size_t interval_ = 0;
    std::vector<ContigInfo> contigs_;
    std::unordered_set<std::string> seen_;
    std::vector<std::unique_ptr<ContigResult>> results_;
    Workers workers_;
    std::unique_ptr<ContigJob> job_;
    std::int64_t segment_key_ = 0, last_pos_ = 0, last_good_pos_ = 0;
    bool segment_open_ = false;
    std::unordered_map<std::string, std::uint32_t> blocks_;
    std::vector<std::uint64_t> block_rows_;
    std::vector<std::int64_t> block_first_;
    std::unordered_map<std::string, std::size_t> initial_index_;
    std::vector<Pending> group_;
    std::int64_t group_pos_ = 0;
    std::string line_;
    std::uint64_t rows_read_ = 0, missing_rows_ = 0;
    Progress progress_;
};

bool is_dir(const std::string& path, bool& exists) {
    struct stat st {};
    exists = ::stat(path.c_str(), &st) == 0;
    return exists && S_ISDIR(st.st_mode);
}

// mkdir -p, as phase-extender's makedirs: the directories made, outermost first (a failed
// run removes them again).
std::vector<std::string> make_dirs(const std::string& path) {
    std::vector<std::string> made;
    std::string::size_type end = 0;
    while (end != std::string::npos) {
        end = path.find('/', end + 1);
        const std::string sub = path.substr(0, end);
        bool exists = false;
        if (sub.empty() || sub.back() == '/' || is_dir(sub, exists) || exists) continue;
        if (::mkdir(sub.c_str(), 0777) == 0) {
            made.push_back(sub);
        } else if (errno != EEXIST) {
            const std::string why = detail::errno_text();
            for (auto it = made.rbegin(); it != made.rend(); ++it) ::rmdir(it->c_str());
            file_error("cannot create directory", path, why);
        }
    }
    return made;
}

bool dir_empty(const std::string& path) {
    DIR* d = ::opendir(path.c_str());
    if (!d) return false;
    bool empty = true;
    while (dirent* e = ::readdir(d)) {
        const std::string n = e->d_name;
        if (n != "." && n != "..") {
            empty = false;
            break;
        }
    }
    ::closedir(d);
    return empty;
}

void check_options(const ExtendOptions& o) {
    if (o.soi.empty()) usage_error("--SOI: the sample of interest is required");
    if (o.soi.find('\t') != std::string::npos) usage_error("--SOI: a sample name has no tab");
    if (o.num_hets < 0) usage_error("--numHets must be 0 or more");
    if (o.snp_threshold < 0) usage_error("--snpTh must be 0 or more");
    if (!(o.lods == o.lods)) usage_error("--lods must be a number");
    if (o.threads < 1) usage_error("--threads must be at least 1");
}

// --switch-errors: the read-backed blocks and the extended ones against the truth.
void write_switch_errors(const ExtendOptions& o) {
    const std::string dir = o.output + "/";
    const PhaseScore a = score_phase(dir + "initial_haplotype_" + o.soi + ".txt", o.soi, o.switch_truth);
    const PhaseScore b = score_phase(dir + "extended_haplotype_" + o.soi + ".txt", o.soi, o.switch_truth);
    OutputFile f(dir + "switch_errors_" + o.soi + ".txt", OutputOptions{.compression = OutputCompression::kPlain});
    f.write_line("table\tblocks\tsites\tswitch_errors\tswitch_error_rate\tn50_sites\tn50_bp");
    for (const auto& [name, s] : {std::pair{"initial", a}, std::pair{"extended", b}})
        f.write_line(fmt::format("{}\t{}\t{}\t{}\t{:.6f}\t{}\t{}", name, s.blocks, s.sites, s.switch_errors,
                                 s.compared_pairs ? static_cast<double>(s.switch_errors) / static_cast<double>(s.compared_pairs) : 0.0,
                                 s.n50_sites, s.n50_bp));
    f.commit();
    fmt::print(stderr, "{}: {}: {} blocks -> {}, switch errors {} -> {} (N50 {} -> {} sites)\n", tool_name(), o.soi,
               a.blocks, b.blocks, a.switch_errors, b.switch_errors, a.n50_sites, b.n50_sites);
}

double rss_mib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

}  // namespace

void run_extend(const ExtendOptions& opts) {
    const auto start = std::chrono::steady_clock::now();
    ExtendOptions o = opts;
    check_options(o);
    if (o.output.empty()) o.output = o.soi + "_extended";
    bool exists = false;
    const bool dir = is_dir(o.output, exists);
    if (exists && !dir) usage_error(fmt::format("--output '{}' exists and is not a directory", o.output));
    if (dir && !o.force && !dir_empty(o.output))
        usage_error(fmt::format("--output '{}' exists and is not empty: give --force to write into it (only the files "
                                "this run writes are replaced)",
                                o.output));
    if (!o.switch_truth.empty()) check_truth(o.switch_truth, o.soi);
    auto table = std::make_unique<LineReader>(o.input);
    const Layout layout = make_layout(o, *table);
    Params p;
    p.input = o.input;
    p.soi = o.soi;
    p.window = std::max(o.num_hets - 1, 0);
    p.snp_threshold = o.snp_threshold;
    p.lods = o.lods;
    p.sum = o.sum_likelihoods;
    p.write_lod = o.write_lod;
    p.hap_stats = o.hap_stats;
    p.numpy_order = o.bed.empty();
    p.weights = layout.weights;
    const std::vector<std::string> made = exists ? std::vector<std::string>{} : make_dirs(o.output);
    try {
        const std::string near = o.output + "/.m2h-extend";
        std::vector<pdtext::Type> in_types, panel_types;
        auto reader = std::make_unique<Reader>(o, layout, p, near, nullptr, nullptr);
        reader->run(*table);
        if (!reader->canonical()) {
            // Numbers written otherwise than pandas writes them ("06", "+5", "1" in a float
            // column): pandas compares them as it writes them, so read again, rendered so.
            if (o.input == "-" || o.refhap == "-")
                usage_error("the table has numbers pandas would rewrite (e.g. '06'), which takes a second reading: "
                            "give it as a file, not on standard input");
            in_types = column_types(o.input, layout.in.names.size());
            if (!o.refhap.empty()) panel_types = column_types(o.refhap, layout.panel.names.size());
            reader = std::make_unique<Reader>(o, layout, p, near, &in_types, o.refhap.empty() ? nullptr : &panel_types);
            table = std::make_unique<LineReader>(o.input);
            read_header(o.input, table.get());
            reader->run(*table);
        }
        RenderInput ri;
        ri.opts = &o;
        ri.header = &layout.in.names;
        ri.contigs.reserve(reader->contigs().size());
        for (auto& c : reader->contigs())
            ri.contigs.push_back({c.name, c.initial, c.missing, c.has_rows, &c.initial_stats, c.result});
        ri.missing = &reader->missing();
        ri.initial = &reader->initial();
        ri.worker_out = [&](int w) -> Spill& { return reader->workers().out(w); };
        ri.soi_columns = {layout.chrom, layout.pos, layout.ref, layout.alleles, layout.soi_pi, layout.soi_pg};
        RunFigures fig = render_outputs(ri);
        if (!o.switch_truth.empty()) write_switch_errors(o);
        if (!o.stats.empty()) {
            const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            OutputFile st(o.stats, OutputOptions{.compression = OutputCompression::kPlain});
            st.write(fmt::format("input\tsoi\tcontigs\trows_read\tmissing_rows\tblocks_before\tblocks_after\twall_s\t"
                                 "max_rss_mib\n{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.3f}\t{:.1f}\n",
                                 o.input, o.soi, reader->contigs().size(), reader->rows_read(), reader->missing_rows(),
                                 fig.blocks_before, fig.blocks_after, wall, rss_mib()));
            st.commit();
        }
    } catch (...) {
        pydec::release_thread_caches();
        for (auto it = made.rbegin(); it != made.rend(); ++it) ::rmdir(it->c_str());
        throw;
    }
    pydec::release_thread_caches();
}

}  // namespace m2h
