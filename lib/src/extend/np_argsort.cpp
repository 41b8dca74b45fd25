#include "extend/np_argsort.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace m2h::extend {

namespace {

constexpr int kLanes = 8;
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// One 512-bit register of eight keys and their indices.
struct Vec {
    std::array<std::int64_t, kLanes> k{}, i{};
};
using Perm = std::array<int, kLanes>;

// Lane permutations (lane n takes lane p[n]), as the networks name them
constexpr Perm kSwapPairs = {1, 0, 3, 2, 5, 4, 7, 6};
constexpr Perm kNet1 = {3, 2, 1, 0, 7, 6, 5, 4};
constexpr Perm kReverse = {7, 6, 5, 4, 3, 2, 1, 0};
constexpr Perm kNet3 = {2, 3, 0, 1, 6, 7, 4, 5};
constexpr Perm kNet4 = {4, 5, 6, 7, 0, 1, 2, 3};

Vec permute(const Vec& v, const Perm& p) {
    Vec r;
    for (int n = 0; n < kLanes; ++n) {
        r.k[n] = v.k[p[n]];
        r.i[n] = v.i[p[n]];
    }
    return r;
}

// One compare-exchange step within a register: lanes whose mask bit is set keep the larger
// of the key and its partner's, the others the smaller; a lane keeps its own index when
// its key is still its own (so equal keys never move).
void cmp_merge(Vec& v, const Perm& partner, unsigned mask) {
    const Vec o = permute(v, partner);
    for (int n = 0; n < kLanes; ++n) {
        const std::int64_t lo = std::min(v.k[n], o.k[n]), hi = std::max(v.k[n], o.k[n]);
        const std::int64_t t = (mask >> n) & 1 ? hi : lo;
        if (t != v.k[n]) v.i[n] = o.i[n];
        v.k[n] = t;
    }
}

void sort_vec(Vec& v) {
    cmp_merge(v, kSwapPairs, 0xAA);
    cmp_merge(v, kNet1, 0xCC);
    cmp_merge(v, kSwapPairs, 0xAA);
    cmp_merge(v, kReverse, 0xF0);
    cmp_merge(v, kNet3, 0xCC);
    cmp_merge(v, kSwapPairs, 0xAA);
}

void merge_vec(Vec& v) {  // a bitonic register into order
    cmp_merge(v, kNet4, 0xF0);
    cmp_merge(v, kNet3, 0xCC);
    cmp_merge(v, kSwapPairs, 0xAA);
}

// Lane-wise min into a, max into b; a lane of a keeps its index when its key is the min.
void coex(Vec& a, Vec& b) {
    for (int n = 0; n < kLanes; ++n) {
        const std::int64_t lo = std::min(a.k[n], b.k[n]), hi = std::max(a.k[n], b.k[n]);
        const bool keep = lo == a.k[n];
        const std::int64_t ia = keep ? a.i[n] : b.i[n], ib = keep ? b.i[n] : a.i[n];
        a.k[n] = lo;
        b.k[n] = hi;
        a.i[n] = ia;
        b.i[n] = ib;
    }
}

void merge_two(Vec& a, Vec& b) {
    b = permute(b, kReverse);
    coex(a, b);
    b = permute(b, kReverse);
    merge_vec(a);
    merge_vec(b);
}

void merge_four(Vec* v) {
    Vec r2 = permute(v[2], kReverse), r3 = permute(v[3], kReverse);
    Vec t1 = v[0], t2 = v[1];
    coex(t1, r3);  // t1 = min(v0, rev v3), r3 = max
    coex(t2, r2);
    Vec t3 = permute(r2, kReverse), t4 = permute(r3, kReverse);
    coex(t1, t2);
    coex(t3, t4);
    v[0] = t1, v[1] = t2, v[2] = t3, v[3] = t4;
    for (int n = 0; n < 4; ++n) merge_vec(v[n]);
}

void merge_eight(Vec* v) {
    Vec r[4], t[8];
    for (int n = 0; n < 4; ++n) {
        r[n] = permute(v[7 - n], kReverse);  // r[0] = rev v7, ..., r[3] = rev v4
        t[n] = v[n];
        coex(t[n], r[n]);
    }
    for (int n = 0; n < 4; ++n) t[4 + n] = permute(r[3 - n], kReverse);  // t5 = rev max(v3, rev v4), ...
    coex(t[0], t[2]);
    coex(t[1], t[3]);
    coex(t[4], t[6]);
    coex(t[5], t[7]);
    coex(t[0], t[1]);
    coex(t[2], t[3]);
    coex(t[4], t[5]);
    coex(t[6], t[7]);
    for (int n = 0; n < 8; ++n) {
        merge_vec(t[n]);
        v[n] = t[n];
    }
}

// A register of arg[0, count) (count <= 8) and its keys; the lanes past count hold the
// largest key and index 0, as the masked loads leave them.
Vec load(const std::int64_t* keys, const std::int64_t* arg, int count) {
    Vec v;
    for (int n = 0; n < kLanes; ++n) {
        v.i[n] = n < count ? arg[n] : 0;
        v.k[n] = n < count ? keys[v.i[n]] : kMax;
    }
    return v;
}

void store(const Vec& v, std::int64_t* arg, int count) {
    for (int n = 0; n < count; ++n) arg[n] = v.i[n];
}

// Up to 64 elements: 1, 2, 4 or 8 sorted registers merged.
void sort_small(const std::int64_t* keys, std::int64_t* arg, int count) {
    int regs = 1;
    while (regs * kLanes < count) regs *= 2;
    // the first half of the registers are full whenever there are more than one
    Vec v[8];
    for (int r = 0; r < regs; ++r) {
        const int c = std::clamp(count - r * kLanes, 0, kLanes);
        v[r] = load(keys, arg + r * kLanes, c);
        sort_vec(v[r]);
    }
    if (regs >= 2)
        for (int r = 0; r < regs; r += 2) merge_two(v[r], v[r + 1]);
    if (regs >= 4)
        for (int r = 0; r < regs; r += 4) merge_four(v + r);
    if (regs == 8) merge_eight(v);
    for (int r = 0; r < regs; ++r) store(v[r], arg + r * kLanes, std::clamp(count - r * kLanes, 0, kLanes));
}

std::int64_t pivot_of(const std::int64_t* keys, const std::int64_t* arg, std::int64_t left, std::int64_t right) {
    if (right - left >= kLanes) {
        const std::int64_t size = (right - left) / 8;
        std::array<std::int64_t, 8> s;
        for (int n = 0; n < 8; ++n) s[n] = keys[arg[left + (n + 1) * size]];
        std::sort(s.begin(), s.end());
        return s[4];
    }
    return keys[arg[right]];
}

struct Bounds {
    std::int64_t smallest = kMax, biggest = kMin;
};

// One register partitioned: indices of keys below the pivot written at left, the others
// ending at right (both in lane order). Returns how many were >= pivot.
int partition_vec(std::int64_t* arg, std::int64_t left, std::int64_t right, const Vec& v, std::int64_t pivot,
                  Bounds& b) {
    int ge = 0;
    for (int n = 0; n < kLanes; ++n) ge += v.k[n] >= pivot;
    std::int64_t l = left, r = right - ge;
    for (int n = 0; n < kLanes; ++n) {
        if (v.k[n] >= pivot) arg[r++] = v.i[n];
        else arg[l++] = v.i[n];
        b.smallest = std::min(b.smallest, v.k[n]);
        b.biggest = std::max(b.biggest, v.k[n]);
    }
    return ge;
}

Vec gather(const std::int64_t* keys, const std::int64_t* arg) { return load(keys, arg, kLanes); }

// [left, right) partitioned around pivot, unroll registers at a time from each end; the
// first and last registers are read first and partitioned last. Returns the first index
// of the part >= pivot.
std::int64_t partition(const std::int64_t* keys, std::int64_t* arg, std::int64_t left, std::int64_t right,
                       std::int64_t pivot, std::int64_t& smallest, std::int64_t& biggest, int unroll) {
    for (std::int64_t n = (right - left) % (unroll * kLanes); n > 0; --n) {
        smallest = std::min(smallest, keys[arg[left]]);
        biggest = std::max(biggest, keys[arg[left]]);
        if (!(keys[arg[left]] < pivot)) std::swap(arg[left], arg[--right]);
        else ++left;
    }
    if (left == right) return left;
    Bounds b{smallest, biggest};
    if (unroll == 1 && right - left == kLanes) {
        const Vec v = gather(keys, arg + left);
        const int ge = partition_vec(arg, left, left + kLanes, v, pivot, b);
        smallest = b.smallest;
        biggest = b.biggest;
        return left + (kLanes - ge);
    }
    std::vector<Vec> first(static_cast<std::size_t>(unroll)), last(static_cast<std::size_t>(unroll));
    for (int u = 0; u < unroll; ++u) {
        first[u] = gather(keys, arg + left + kLanes * u);
        last[u] = gather(keys, arg + right - kLanes * (unroll - u));
    }
    std::int64_t r_store = right - kLanes, l_store = left;
    left += unroll * kLanes;
    right -= unroll * kLanes;
    std::vector<Vec> cur(static_cast<std::size_t>(unroll));
    while (right - left != 0) {
        if ((r_store + kLanes) - right < left - l_store) {
            right -= unroll * kLanes;
            for (int u = 0; u < unroll; ++u) cur[u] = gather(keys, arg + right + u * kLanes);
        } else {
            for (int u = 0; u < unroll; ++u) cur[u] = gather(keys, arg + left + u * kLanes);
            left += unroll * kLanes;
        }
        for (int u = 0; u < unroll; ++u) {
            const int ge = partition_vec(arg, l_store, r_store + kLanes, cur[u], pivot, b);
            l_store += kLanes - ge;
            r_store -= ge;
        }
    }
    for (const auto* group : {&first, &last})
        for (int u = 0; u < unroll; ++u) {
            const int ge = partition_vec(arg, l_store, r_store + kLanes, (*group)[u], pivot, b);
            l_store += kLanes - ge;
            r_store -= ge;
        }
    smallest = b.smallest;
    biggest = b.biggest;
    return l_store;
}

void argsort_range(const std::int64_t* keys, std::int64_t* arg, std::int64_t left, std::int64_t right,
                   std::int64_t max_iters) {
    if (max_iters <= 0) {  // no progress: std::sort finishes it
        std::sort(arg + left, arg + right + 1, [keys](std::int64_t a, std::int64_t b) { return keys[a] < keys[b]; });
        return;
    }
    if (right + 1 - left <= 64) {
        sort_small(keys, arg + left, static_cast<int>(right + 1 - left));
        return;
    }
    const std::int64_t pivot = pivot_of(keys, arg, left, right);
    std::int64_t smallest = kMax, biggest = kMin;
    const int unroll = (right + 1 - left) <= 8 * 4 * kLanes ? 1 : 4;
    const std::int64_t at = partition(keys, arg, left, right + 1, pivot, smallest, biggest, unroll);
    if (pivot != smallest) argsort_range(keys, arg, left, at - 1, max_iters - 1);
    if (pivot != biggest) argsort_range(keys, arg, at, right, max_iters - 1);
}

}  // namespace

std::vector<std::int64_t> numpy_argsort(const std::vector<std::int64_t>& keys) {
    std::vector<std::int64_t> arg(keys.size());
    for (std::size_t n = 0; n < arg.size(); ++n) arg[n] = static_cast<std::int64_t>(n);
    const auto size = static_cast<std::int64_t>(keys.size());
    if (size > 1) argsort_range(keys.data(), arg.data(), 0, size - 1, 2 * static_cast<std::int64_t>(std::log2(size)));
    return arg;
}

}  // namespace m2h::extend
