// Contig lengths (--contig-lengths): a reference's .fai, or "name TAB length" lines.
//
// With them a VCF/BCF header lists every contig of the file, in its order, with its
// length (`##contig=<ID=chr1,length=248956422>`), as a variant caller's VCF does, and
// every row written is checked against them: a contig the file lacks, or a position past
// its contig's end, is a data error naming the matrix line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace m2h {

struct Contig {
    std::string name;
    std::uint64_t length = 0;
    std::uint64_t line = 0;   // of the lengths file, for messages
};

class ContigLengths {
public:
    // Reads a .fai (its first two columns) or "name<TAB>length" lines. A line without a
    // length, a length that is not a whole number >= 1, or a name given twice is a data
    // error naming the line; a file without contigs an error too.
    static ContigLengths read(const std::string& path);

    const std::string& path() const { return path_; }
    const std::vector<Contig>& contigs() const { return contigs_; }
    // The contig named name, or nullptr.
    const Contig* find(std::string_view name) const;

private:
    std::string path_;
    std::vector<Contig> contigs_;
    std::unordered_map<std::string_view, std::size_t> index_;  // views into contigs_' names
};

// Checks rows, as they are written, against the lengths: one lookup per change of
// contig, one comparison per row.
class ContigCheck {
public:
    ContigCheck(const ContigLengths& lengths, std::string source) : lengths_(lengths), source_(std::move(source)) {}
    // row: a matrix row (CHROM POS ...); pos_end: the offset of the TAB after POS.
    void check(std::string_view chrom, std::string_view row, std::size_t pos_end, std::uint64_t line);

private:
    const ContigLengths& lengths_;
    std::string source_;
    std::string current_;
    std::uint64_t length_ = 0;
};

}  // namespace m2h
