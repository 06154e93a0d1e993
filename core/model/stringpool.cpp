// SPDX-License-Identifier: Apache-2.0
#include "core/model/stringpool.h"

#include <cstring>

namespace tl {

namespace {
constexpr std::size_t kBlock = 1 << 20;
}

StringPool::StringPool()
{
    m_strings.emplace_back();
    m_slots.assign(1024, 0);
}

std::uint64_t StringPool::hash(std::string_view text)
{
    // FNV-1a on 8-byte words with a final mix: cheap and good enough for identifiers.
    std::uint64_t h = 0xcbf29ce484222325ULL ^ text.size();
    const char *p = text.data();
    std::size_t n = text.size();
    while (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    while (n > 0) {
        h = (h ^ static_cast<unsigned char>(*p)) * 0x100000001b3ULL;
        ++p;
        --n;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

StringPool::Id StringPool::find(std::string_view text) const
{
    if (text.empty())
        return None;
    const auto h = static_cast<std::uint32_t>(hash(text));
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const std::uint64_t slot = m_slots[i];
        const auto id = static_cast<Id>(slot);
        if (id == 0)
            return None;
        if (static_cast<std::uint32_t>(slot >> 32) == h && m_strings[id] == text)
            return id;
    }
}

StringPool::Id StringPool::intern(std::string_view text)
{
    if (text.empty())
        return None;
    const auto h = static_cast<std::uint32_t>(hash(text));
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = h & mask;
    for (;; i = (i + 1) & mask) {
        const std::uint64_t slot = m_slots[i];
        const auto id = static_cast<Id>(slot);
        if (id == 0)
            break;
        if (static_cast<std::uint32_t>(slot >> 32) == h && m_strings[id] == text)
            return id;
    }
    // Copy into the arena.
    if (m_blocks.empty() || m_blockUsed + text.size() > m_blockSize) {
        m_blockSize = std::max(kBlock, text.size());
        m_blocks.push_back(std::make_unique<char[]>(m_blockSize));
        m_blockUsed = 0;
    }
    char *dst = m_blocks.back().get() + m_blockUsed;
    std::memcpy(dst, text.data(), text.size());
    m_blockUsed += text.size();
    const Id id = static_cast<Id>(m_strings.size());
    m_strings.emplace_back(dst, text.size());
    m_slots[i] = (static_cast<std::uint64_t>(h) << 32) | id;
    if (m_strings.size() * 2 > m_slots.size())
        grow();
    return id;
}

StringPool::Id StringPool::intern(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return intern(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

QString StringPool::string(Id id) const
{
    const std::string_view v = m_strings[id];
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

void StringPool::reserve(std::size_t n)
{
    m_strings.reserve(n + 1);
    std::size_t want = m_slots.size();
    while (want < 2 * (n + 1))
        want *= 2;
    if (want > m_slots.size())
        rehash(want);
}

void StringPool::grow()
{
    rehash(m_slots.size() * 2);
}

void StringPool::rehash(std::size_t slotCount)
{
    std::vector<std::uint64_t> table(slotCount, 0);
    const std::size_t mask = slotCount - 1;
    for (const std::uint64_t slot : m_slots) {
        if (static_cast<Id>(slot) == 0)
            continue;
        std::size_t i = (slot >> 32) & mask;
        while (table[i] != 0)
            i = (i + 1) & mask;
        table[i] = slot;
    }
    m_slots.swap(table);
}

} // namespace tl
