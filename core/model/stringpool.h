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
    /** Sizes the table for about n strings in all, so filling it never rehashes. */
    void reserve(std::size_t n);

private:
    static std::uint64_t hash(std::string_view text);
    void grow();
    void rehash(std::size_t slotCount);

    std::vector<std::string_view> m_strings;
    // Open addressing. A slot holds the low 32 bits of the string's hash (where it probes from,
    // and a tag that rules out almost every other string without touching it) above its id;
    // id 0 (never stored) marks an empty slot. One cache miss per probe, none to grow.
    std::vector<std::uint64_t> m_slots;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_blockUsed = 0;
    std::size_t m_blockSize = 0;
};

} // namespace tl
