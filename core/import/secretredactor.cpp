// SPDX-License-Identifier: Apache-2.0
#include "core/import/secretredactor.h"

#include "core/util/sha256.h"

#include <algorithm>
#include <cctype>
#include <emmintrin.h>
#include <cstring>

namespace tl {

namespace {

bool isKeyChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool matchNoCase(const char *p, const char *end, const char *word)
{
    const std::size_t n = std::strlen(word);
    if (static_cast<std::size_t>(end - p) < n)
        return false;
    for (std::size_t i = 0; i < n; ++i)
        if (std::tolower(static_cast<unsigned char>(p[i])) != word[i])
            return false;
    return true;
}

// A value ends at white space, a quote, or a separator of the surrounding syntax.
bool isValueEnd(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == ',' || c == ';' || c == '&'
        || c == ')' || c == '}' || c == ']' || c == '\\' || c == '<' || c == '>';
}

// Finds the next secret at or after p. Returns its [start, end) or false.
bool findSecretSlow(const char *p, const char *begin, const char *end, const char **s, const char **e, const char *stop)
{
    for (; p < stop; ++p) {
        const char c = *p;
        if (c == 's' && p + 3 <= end && p[1] == 'k' && p[2] == '-' && (p == begin || !isKeyChar(p[-1]))) {
            const char *q = p + 3;
            while (q < end && isKeyChar(*q))
                ++q;
            if (q - (p + 3) >= 20) {
                *s = p;
                *e = q;
                return true;
            }
            continue;
        }
        if ((c == 'k' || c == 'K') && matchNoCase(p, end, "key=")) {
            const char *q = p + 4;
            if (q < end && (*q == '"' || *q == '\''))
                ++q; // key="value"
            const char *v = q;
            while (q < end && !isValueEnd(*q))
                ++q;
            if (q > v && !(q - v >= 4 && std::memcmp(v, "key#", 4) == 0)) {
                *s = v;
                *e = q;
                return true;
            }
            continue;
        }
        if ((c == 'a' || c == 'A') && matchNoCase(p, end, "authorization") && (p == begin || !isWordChar(p[-1]))) {
            const char *q = p + 13;
            // Also a backslash: JSON held in a JSON string ({\"authorization\": \"Bearer x\"}).
            while (q < end && (*q == '"' || *q == '\'' || *q == ' ' || *q == '\t' || *q == '\\'))
                ++q;
            if (q >= end || (*q != ':' && *q != '='))
                continue;
            ++q;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '"' || *q == '\'' || *q == '\\'))
                ++q;
            // Optional scheme word (Bearer, Basic, Token): the credential is what follows.
            const char *w = q;
            while (w < end && std::isalpha(static_cast<unsigned char>(*w)))
                ++w;
            if (w < end && w > q && *w == ' ' && (w - q) <= 10) {
                q = w;
                while (q < end && *q == ' ')
                    ++q;
            }
            const char *v = q;
            while (q < end && !isValueEnd(*q))
                ++q;
            if (q > v && !(q - v >= 4 && std::memcmp(v, "key#", 4) == 0)) {
                *s = v;
                *e = q;
                return true;
            }
            continue;
        }
    }
    return false;
}

// SSE2 pre-filter. A secret needs a trigger: "sk-" (its '-'), "key=" (its '='), or
// "authorization" (its "iz"). 16-byte blocks without one are skipped; a block with one is
// checked position by position from 16 bytes before it (the start of a match can precede its
// trigger by up to 7 bytes), exactly as the byte loop would.
bool findSecret(const char *p, const char *begin, const char *end, const char **s, const char **e)
{
    const char *checked = p; // positions before this were tested
    const char *i = p + 2;
    const __m128i dash = _mm_set1_epi8('-'), eq = _mm_set1_epi8('='), k = _mm_set1_epi8('k'), sCh = _mm_set1_epi8('s'),
                  z = _mm_set1_epi8('z'), iCh = _mm_set1_epi8('i'), lower = _mm_set1_epi8(0x20);
    while (i + 16 <= end) {
        const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(i));
        const __m128i b1 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(i - 1));
        const __m128i b2 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(i - 2));
        const __m128i sk = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(b0, dash), _mm_cmpeq_epi8(b1, k)), _mm_cmpeq_epi8(b2, sCh));
        const __m128i iz = _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(b0, lower), z), _mm_cmpeq_epi8(_mm_or_si128(b1, lower), iCh));
        const __m128i m = _mm_or_si128(_mm_or_si128(sk, iz), _mm_cmpeq_epi8(b0, eq));
        if (_mm_movemask_epi8(m) != 0) {
            const char *from = std::max(checked, i - 16);
            if (findSecretSlow(from, begin, end, s, e, i + 16))
                return true;
            checked = i + 16;
        }
        i += 16;
    }
    // The tail shorter than a block, and the 16 positions before it that a trigger in it could start.
    return findSecretSlow(std::max(checked, std::max(p, i - 16)), begin, end, s, e, end);
}

} // namespace

QByteArray SecretRedactor::tokenFor(std::string_view secret)
{
    return QByteArrayLiteral("key#") + Sha256::digest(secret).toHex().left(12);
}

QByteArray SecretRedactor::redact(const QByteArray &data, qint64 *count)
{
    const char *begin = data.constData();
    const char *end = begin + data.size();
    const char *s = nullptr, *e = nullptr;
    qint64 n = 0;
    if (!findSecret(begin, begin, end, &s, &e)) {
        if (count)
            *count = 0;
        return data;
    }
    QByteArray out;
    out.reserve(data.size());
    const char *p = begin;
    do {
        out.append(p, s - p);
        out.append(tokenFor(std::string_view(s, static_cast<std::size_t>(e - s))));
        ++n;
        p = e;
    } while (findSecret(p, begin, end, &s, &e));
    out.append(p, end - p);
    if (count)
        *count = n;
    return out;
}

bool SecretRedactor::containsSecret(const QByteArray &data)
{
    const char *s, *e;
    return findSecret(data.constData(), data.constData(), data.constData() + data.size(), &s, &e);
}

} // namespace tl
