// SPDX-License-Identifier: Apache-2.0
#include "ui/models/viewsorter.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <string_view>
#include <utility>

namespace tl {

namespace {

constexpr int kDigitBits = 11;
constexpr std::size_t kBuckets = std::size_t(1) << kDigitBits;
// Below this a comparison sort on contiguous (key, line) pairs is cheaper than the histograms.
constexpr std::size_t kSmall = 512;

// LSD radix sort of (keys, view) by keys, which use only their low `bits` bits. Each pass is a
// stable counting sort by one digit, so ties keep their order; a digit shared by every key is
// skipped.
template<typename K>
void radixSort(std::vector<int> &view, std::vector<K> &keys, int bits)
{
    const std::size_t n = view.size();
    const int passes = (bits + kDigitBits - 1) / kDigitBits;
    std::vector<std::size_t> count(static_cast<std::size_t>(passes) * kBuckets, 0);
    for (const K k : keys)
        for (int p = 0; p < passes; ++p)
            ++count[static_cast<std::size_t>(p) * kBuckets + ((k >> (p * kDigitBits)) & (kBuckets - 1))];
    std::vector<K> tmpKeys(n);
    std::vector<int> tmpView(n);
    for (int p = 0; p < passes; ++p) {
        std::size_t *c = count.data() + static_cast<std::size_t>(p) * kBuckets;
        const K first = (keys[0] >> (p * kDigitBits)) & (kBuckets - 1);
        if (c[first] == n)
            continue;
        std::size_t sum = 0;
        for (std::size_t d = 0; d < kBuckets; ++d)
            sum += std::exchange(c[d], sum);
        for (std::size_t i = 0; i < n; ++i) {
            const K k = keys[i];
            const std::size_t at = c[(k >> (p * kDigitBits)) & (kBuckets - 1)]++;
            tmpKeys[at] = k;
            tmpView[at] = view[i];
        }
        keys.swap(tmpKeys);
        view.swap(tmpView);
    }
}

// Big-endian bytes [from, from + 8) of s, zero-padded: ordered like the bytes themselves (a
// shorter string pads with the smallest byte), so equal prefixes are the only ties left.
std::uint64_t prefixKey(std::string_view s, std::size_t from)
{
    std::uint64_t k = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        const std::size_t at = from + i;
        k = (k << 8) | (at < s.size() ? static_cast<unsigned char>(s[at]) : 0u);
    }
    return k;
}

// A view that is nearly in key order already (all lines in line order, sorted by time): the
// keys that keep ascending stay where they are, the few that do not are sorted apart and
// merged back in by (key, position), which is exactly the stable order. Three sequential passes
// instead of the radix sort's scattering ones. false (view untouched) when too many are out of
// order.
bool nearlyInOrder(std::vector<int> &view, const std::vector<std::uint64_t> &keys)
{
    const std::size_t n = view.size();
    const std::size_t most = n / 16;
    std::vector<std::uint32_t> kept, aside;
    kept.reserve(n);
    std::uint64_t top = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (keys[i] >= top) {
            top = keys[i];
            kept.push_back(static_cast<std::uint32_t>(i));
        } else {
            aside.push_back(static_cast<std::uint32_t>(i));
            if (aside.size() > most)
                return false;
        }
    }
    // aside is in position order; sorting it by key stably keeps positions ascending among ties.
    std::vector<int> asideOrder(aside.size());
    std::vector<std::uint64_t> asideKeys(aside.size());
    for (std::size_t k = 0; k < aside.size(); ++k) {
        asideOrder[k] = static_cast<int>(aside[k]);
        asideKeys[k] = keys[aside[k]];
    }
    ViewSorter::sortByKeys(asideOrder, asideKeys);
    std::vector<int> out(n);
    std::size_t a = 0, b = 0, o = 0;
    while (a < kept.size() && b < asideOrder.size()) {
        const std::uint32_t pa = kept[a];
        const auto pb = static_cast<std::uint32_t>(asideOrder[b]);
        const bool takeAside = keys[pb] < keys[pa] || (keys[pb] == keys[pa] && pb < pa);
        out[o++] = view[takeAside ? pb : pa];
        (takeAside ? b : a) += 1;
    }
    for (; a < kept.size(); ++a)
        out[o++] = view[kept[a]];
    for (; b < asideOrder.size(); ++b)
        out[o++] = view[static_cast<std::size_t>(asideOrder[b])];
    view.swap(out);
    return true;
}

} // namespace

void ViewSorter::sortByKeys(std::vector<int> &view, std::vector<std::uint64_t> &keys)
{
    const std::size_t n = view.size();
    if (n < 2)
        return;
    bool inOrder = true;
    std::uint64_t lo = keys[0], hi = keys[0];
    for (std::size_t i = 1; i < n; ++i) {
        inOrder = inOrder && keys[i - 1] <= keys[i];
        lo = std::min(lo, keys[i]);
        hi = std::max(hi, keys[i]);
    }
    if (inOrder)
        return;
    if (n < kSmall) {
        std::vector<std::pair<std::uint64_t, int>> pairs(n);
        for (std::size_t i = 0; i < n; ++i)
            pairs[i] = {keys[i], view[i]};
        std::stable_sort(pairs.begin(), pairs.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (std::size_t i = 0; i < n; ++i)
            view[i] = pairs[i].second;
        return;
    }
    if (nearlyInOrder(view, keys))
        return;
    const std::uint64_t range = hi - lo;
    const int bits = std::bit_width(range);
    if (range <= std::numeric_limits<std::uint32_t>::max()) {
        // Half the bytes to move per pass.
        std::vector<std::uint32_t> narrow(n);
        for (std::size_t i = 0; i < n; ++i)
            narrow[i] = static_cast<std::uint32_t>(keys[i] - lo);
        std::vector<std::uint64_t>().swap(keys);
        radixSort(view, narrow, bits);
        return;
    }
    for (std::uint64_t &k : keys)
        k -= lo;
    radixSort(view, keys, bits);
}

std::vector<std::uint32_t> ViewSorter::stringRanks(const StringPool &pool, const std::vector<StringPool::Id> &ids)
{
    constexpr std::uint32_t kUnseen = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> rank(pool.size(), kUnseen);
    std::vector<int> distinct;
    for (const StringPool::Id id : ids)
        if (rank[id] == kUnseen) {
            rank[id] = 0;
            distinct.push_back(static_cast<int>(id));
        }
    if (distinct.empty())
        return rank;
    auto view = [&pool](int id) { return pool.view(static_cast<StringPool::Id>(id)); };
    // Order the distinct strings by 8 bytes past their common prefix (a radix sort), then settle
    // the ties among equal 8 bytes by comparing the whole strings.
    std::size_t common = view(distinct[0]).size();
    for (const int id : distinct) {
        const std::string_view s = view(id), f = view(distinct[0]);
        std::size_t k = 0;
        const std::size_t m = std::min(common, s.size());
        while (k < m && s[k] == f[k])
            ++k;
        common = k;
    }
    std::vector<std::uint64_t> keys(distinct.size());
    for (std::size_t i = 0; i < distinct.size(); ++i)
        keys[i] = prefixKey(view(distinct[i]), common);
    sortByKeys(distinct, keys);
    const auto byBytes = [&](int a, int b) { return view(a) < view(b); };
    for (std::size_t i = 0; i < distinct.size();) {
        const std::uint64_t k = prefixKey(view(distinct[i]), common);
        std::size_t j = i + 1;
        while (j < distinct.size() && prefixKey(view(distinct[j]), common) == k)
            ++j;
        if (j - i > 1)
            std::sort(distinct.begin() + static_cast<std::ptrdiff_t>(i), distinct.begin() + static_cast<std::ptrdiff_t>(j), byBytes);
        i = j;
    }
    std::uint32_t r = 0;
    rank[static_cast<std::size_t>(distinct[0])] = 0;
    for (std::size_t i = 1; i < distinct.size(); ++i) {
        if (view(distinct[i - 1]) != view(distinct[i]))
            ++r;
        rank[static_cast<std::size_t>(distinct[i])] = r;
    }
    return rank;
}

} // namespace tl
