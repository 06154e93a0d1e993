// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace tl {

/**
 * Interns byte strings (UTF-8) to dense 32-bit ids, so that columns of keys, models and
 * services are arrays of integers. Id 0 is the empty string, which means "absent".
 * Views returned by view() stay valid for the pool's lifetime. Not thread-safe for
 * writers; concurrent readers are fine once filling is done.
 */
class StringPool
{
public:
    using Id = std::uint32_t;
    static constexpr Id None = 0;

    StringPool();

    Id intern(std::string_view text);
    /** The id of text, or None if it was never interned (and is not empty). */
    Id find(std::string_view text) const;
    std::string_view view(Id id) const { return m_strings[id]; }
    QString string(Id id) const;
    Id intern(const QString &text);
    /** For literals: with QT_NO_CAST_FROM_ASCII, intern("x") would otherwise be ambiguous. */
    Id intern(const char *text) { return intern(std::string_view(text)); }
    std::size_t size() const { return m_strings.size(); }

private:
    static std::uint64_t hash(std::string_view text);
    void grow();

    std::vector<std::string_view> m_strings;
    std::vector<std::uint64_t> m_hashes;
    std::vector<Id> m_slots; // open addressing, 0 = empty slot (id 0 is never stored there)
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_blockUsed = 0;
    std::size_t m_blockSize = 0;
};

} // namespace tl
