// SPDX-License-Identifier: Apache-2.0
// Tests of tl::StringPool: dense ids, id 0 for the empty string, find without interning,
// views that stay valid while the pool grows past a million strings.
#include "core/model/stringpool.h"

#include <QTest>

#include <string>
#include <vector>

using tl::StringPool;

class TestStringPool : public QObject
{
    Q_OBJECT

private slots:
    void emptyIsIdZero();
    void internFindView();
    void binaryAndUtf8();
    void longStrings();
    void millionStringsStableViews();
};

void TestStringPool::emptyIsIdZero()
{
    StringPool p;
    QCOMPARE(p.size(), std::size_t(1)); // the empty string
    QCOMPARE(StringPool::None, StringPool::Id(0));
    QCOMPARE(p.intern(std::string_view()), StringPool::None);
    QCOMPARE(p.intern(std::string_view("")), StringPool::None);
    QCOMPARE(p.intern(QString()), StringPool::None);
    QCOMPARE(p.find(""), StringPool::None);
    QVERIFY(p.view(0).empty());
    QCOMPARE(p.string(0), QString());
    QCOMPARE(p.size(), std::size_t(1)); // interning "" adds nothing
}

void TestStringPool::internFindView()
{
    StringPool p;
    QCOMPARE(p.find("gpt-4o"), StringPool::None); // never interned
    const StringPool::Id a = p.intern("gpt-4o");
    const StringPool::Id b = p.intern("gpt-4o-mini");
    const StringPool::Id c = p.intern("claude-3-5-sonnet");
    QCOMPARE(a, StringPool::Id(1)); // dense, in order
    QCOMPARE(b, StringPool::Id(2));
    QCOMPARE(c, StringPool::Id(3));
    QCOMPARE(p.size(), std::size_t(4));
    QCOMPARE(p.intern("gpt-4o"), a); // same text, same id
    QCOMPARE(p.intern(std::string("gpt-4o-mini")), b);
    QCOMPARE(p.intern(QStringLiteral("claude-3-5-sonnet")), c);
    QCOMPARE(p.size(), std::size_t(4));
    QCOMPARE(p.find("gpt-4o"), a);
    QCOMPARE(p.find("gpt-4o-mini"), b);
    QCOMPARE(p.find("GPT-4O"), StringPool::None); // case matters
    QCOMPARE(p.find("gpt-4"), StringPool::None);  // prefixes are other strings
    QCOMPARE(p.find("gpt-4o "), StringPool::None);
    QCOMPARE(p.view(a), std::string_view("gpt-4o"));
    QCOMPARE(p.view(b), std::string_view("gpt-4o-mini"));
    QCOMPARE(p.string(c), QStringLiteral("claude-3-5-sonnet"));
    QCOMPARE(p.size(), std::size_t(4)); // find() never adds
    // A view is independent of the caller's buffer.
    std::string temp = "temporary-key";
    const StringPool::Id t = p.intern(temp);
    temp.assign("XXXXXXXXXXXXX");
    QCOMPARE(p.view(t), std::string_view("temporary-key"));
    QCOMPARE(p.find("temporary-key"), t);
}

void TestStringPool::binaryAndUtf8()
{
    StringPool p;
    const std::string withNul("a\0b", 3);
    const StringPool::Id n = p.intern(withNul);
    QCOMPARE(p.view(n).size(), std::size_t(3));
    QCOMPARE(p.view(n), std::string_view(withNul));
    QCOMPARE(p.find(std::string_view("a", 1)), StringPool::None);
    QCOMPARE(p.find(std::string_view("a\0c", 3)), StringPool::None);
    const StringPool::Id u = p.intern(QStringLiteral("caf\u00e9 \u20ac"));
    QCOMPARE(p.view(u), std::string_view("caf\xC3\xA9 \xE2\x82\xAC"));
    QCOMPARE(p.string(u), QStringLiteral("caf\u00e9 \u20ac"));
    QCOMPARE(p.intern(std::string_view("caf\xC3\xA9 \xE2\x82\xAC")), u);
    // Strings differing only beyond the first 8-byte word, and by length.
    const StringPool::Id x = p.intern("abcdefgh-1");
    const StringPool::Id y = p.intern("abcdefgh-2");
    const StringPool::Id z = p.intern("abcdefgh");
    QVERIFY(x != y && y != z && x != z);
    QCOMPARE(p.find("abcdefgh"), z);
}

void TestStringPool::longStrings()
{
    StringPool p;
    const StringPool::Id small1 = p.intern("small");
    // Longer than an arena block (1 MiB): gets a block of its own.
    const std::string huge(3u << 20, 'h');
    const StringPool::Id big = p.intern(huge);
    const StringPool::Id small2 = p.intern("after");
    const std::string huge2((1u << 20) + 1, 'g');
    const StringPool::Id big2 = p.intern(huge2);
    QCOMPARE(p.view(small1), std::string_view("small"));
    QCOMPARE(p.view(big).size(), huge.size());
    QVERIFY(p.view(big) == huge);
    QCOMPARE(p.view(small2), std::string_view("after"));
    QVERIFY(p.view(big2) == huge2);
    QCOMPARE(p.find(huge), big);
    QCOMPARE(p.intern(huge2), big2);
    QCOMPARE(p.size(), std::size_t(5));
}

void TestStringPool::millionStringsStableViews()
{
    constexpr int kCount = 1000000;
    StringPool p;
    std::vector<std::string_view> views;
    std::vector<const char *> addresses;
    views.reserve(kCount);
    addresses.reserve(kCount);
    for (int i = 0; i < kCount; ++i) {
        // Varied lengths (1 to ~60 bytes), so arena blocks fill unevenly.
        const std::string s = "k" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 50), 'x');
        const StringPool::Id id = p.intern(s);
        if (id != StringPool::Id(i + 1))
            QFAIL(qPrintable(QStringLiteral("string %1 got id %2").arg(i).arg(id)));
        views.push_back(p.view(id));
        addresses.push_back(p.view(id).data());
    }
    QCOMPARE(p.size(), std::size_t(kCount + 1));
    // Every view taken during filling still points at the same bytes, unchanged, after the
    // table and the arena grew many times; every string is found again by its text.
    for (int i = 0; i < kCount; ++i) {
        const StringPool::Id id = StringPool::Id(i + 1);
        const std::string s = "k" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 50), 'x');
        if (views[static_cast<std::size_t>(i)] != s || p.view(id).data() != addresses[static_cast<std::size_t>(i)])
            QFAIL(qPrintable(QStringLiteral("view of string %1 moved or changed").arg(i)));
        if (p.find(s) != id || p.intern(s) != id)
            QFAIL(qPrintable(QStringLiteral("string %1 not found again").arg(i)));
    }
    QCOMPARE(p.size(), std::size_t(kCount + 1)); // re-interning added nothing
    QCOMPARE(p.find("k1000000"), StringPool::None);
    QCOMPARE(p.find("k999999" + std::string(999999 % 50, 'x')), StringPool::Id(kCount));
}

QTEST_GUILESS_MAIN(TestStringPool)
#include "tst_stringpool.moc"
