// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/stringpool.h"

#include <cstdint>
#include <vector>

namespace tl {

/**
 * Stable reordering of a view (a vector of line indices) by one integer key per position,
 * without a comparison sort that reads the columns through the view: the keys are gathered
 * once into a contiguous array and the view is reordered by an LSD radix sort on them (only
 * the digits that differ are passed over; a view already in order is left as it is). Ties
 * keep the view's current order, exactly as std::stable_sort with the same key would.
 * String columns sort by the rank of each pooled string in byte order (stringRanks).
 */
class ViewSorter
{
public:
    /** Reorders view so that keys ascend (keys[i] belongs to view[i]); stable. keys is consumed. */
    static void sortByKeys(std::vector<int> &view, std::vector<std::uint64_t> &keys);

    /** For each id in ids (any order, repeats allowed), its dense rank among the distinct ids by
     *  the pool's bytes (std::string_view order, so the empty string None ranks first). The
     *  result is indexed by id (size pool.size()); ids not asked about have an unspecified rank. */
    static std::vector<std::uint32_t> stringRanks(const StringPool &pool, const std::vector<StringPool::Id> &ids);

    /** Maps a signed value to an unsigned key with the same order. */
    static std::uint64_t signedKey(std::int64_t v) { return static_cast<std::uint64_t>(v) ^ (std::uint64_t(1) << 63); }
};

} // namespace tl
