// SPDX-License-Identifier: Apache-2.0
// Tests of tl::AttemptTable: 32-bit token counts that read as 64-bit and refuse what they
// cannot hold; the end timestamp and the reported cost stored only once a row has one, and
// read back the same through row() and appendTable().
#include "core/model/attempttable.h"

#include <QTest>

#include <stdexcept>

using namespace tl;

class TestAttemptTable : public QObject
{
    Q_OBJECT

private slots:
    void tokensRoundTrip();
    void tokensAboveInt32Throw();
    void sparseColumns();
    void sparseAppendTable();
};

namespace {

AttemptRow plain(StringPool::Id id)
{
    AttemptRow r;
    r.requestId = id;
    r.timestamp = 1000 * id;
    r.inputTokens = 10 * id;
    return r;
}

} // namespace

void TestAttemptTable::tokensRoundTrip()
{
    AttemptTable t;
    AttemptRow r = plain(1);
    r.inputTokens = TokenCount::kMax;
    r.outputTokens = 0;
    t.append(r);
    QCOMPARE(sizeof(t.inputTokens[0]), std::size_t(4));
    QCOMPARE(std::int64_t(t.inputTokens[0]), std::int64_t(2147483647));
    QCOMPARE(std::int64_t(t.outputTokens[0]), std::int64_t(0));
    QCOMPARE(std::int64_t(t.cachedTokens[0]), kUnknown); // unknown stays unknown, never 0
    // Arithmetic on counts is 64-bit: no wrap-around at 2^31.
    const std::int64_t sum = t.inputTokens[0] + t.inputTokens[0];
    QCOMPARE(sum, std::int64_t(4294967294));
    QCOMPARE(t.row(0).inputTokens, std::int64_t(2147483647));
    QCOMPARE(t.row(0).reasoningTokens, kUnknown);
}

void TestAttemptTable::tokensAboveInt32Throw()
{
    AttemptTable t;
    AttemptRow r = plain(1);
    r.cacheWriteTokens = TokenCount::kMax + 1;
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.append(r));
    QCOMPARE(t.size(), std::size_t(0)); // nothing half-appended
    r.cacheWriteTokens = -2;
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.append(r));
    QCOMPARE(t.size(), std::size_t(0));
}

void TestAttemptTable::sparseColumns()
{
    AttemptTable t;
    t.append(plain(1));
    t.append(plain(2));
    QCOMPARE(t.sparseBytes(), std::size_t(0)); // no row has them: nothing stored
    QCOMPARE(t.endTimestampAt(1), kNoTime);
    QVERIFY(!t.reportedCostKnown(1));
    AttemptRow r = plain(3);
    r.endTimestamp = 5000;
    t.append(r);
    r = plain(4);
    r.reportedCost = MaybeDecimal{Decimal::fromString("0.000225"), true};
    t.append(r);
    t.append(plain(5));
    QCOMPARE(t.size(), std::size_t(5));
    QCOMPARE(t.endTimestampAt(0), kNoTime);
    QCOMPARE(t.endTimestampAt(2), UtcMicros(5000));
    QCOMPARE(t.endTimestampAt(3), kNoTime);
    QCOMPARE(t.endTimestampAt(4), kNoTime);
    QVERIFY(!t.reportedCostKnown(2));
    QVERIFY(t.reportedCostKnown(3));
    QCOMPARE(t.reportedCostAt(3), Decimal::fromString("0.000225"));
    QVERIFY(!t.reportedCostKnown(4));
    QVERIFY(t.reportedCostAt(4).isZero());
    const AttemptRow back = t.row(3);
    QVERIFY(back.reportedCost.known);
    QCOMPARE(back.reportedCost.value, Decimal::fromString("0.000225"));
    QCOMPARE(back.endTimestamp, kNoTime);
    QCOMPARE(t.row(2).endTimestamp, UtcMicros(5000));
    QVERIFY(!t.row(2).reportedCost.known);
}

void TestAttemptTable::sparseAppendTable()
{
    AttemptTable none, with;
    none.append(plain(1));
    none.append(plain(2));
    AttemptRow r = plain(3);
    r.endTimestamp = 7000;
    r.reportedCost = MaybeDecimal{Decimal::fromString("1.5"), true};
    with.append(r);
    with.append(plain(4));

    AttemptTable a = none; // sparse + dense
    a.appendTable(with);
    AttemptTable b = with; // dense + sparse
    b.appendTable(none);
    AttemptTable c = none; // sparse + sparse
    c.appendTable(none);
    QCOMPARE(c.sparseBytes(), std::size_t(0));
    QCOMPARE(a.size(), std::size_t(4));
    QCOMPARE(b.size(), std::size_t(4));
    for (std::size_t i = 0; i < 4; ++i) {
        const bool aHas = i == 2, bHas = i == 0;
        QCOMPARE(a.endTimestampAt(i), aHas ? UtcMicros(7000) : kNoTime);
        QCOMPARE(a.reportedCostKnown(i), aHas);
        QCOMPARE(b.endTimestampAt(i), bHas ? UtcMicros(7000) : kNoTime);
        QCOMPARE(b.reportedCostKnown(i), bHas);
    }
    QCOMPARE(a.reportedCostAt(2), Decimal::fromString("1.5"));
    QCOMPARE(b.reportedCostAt(0), Decimal::fromString("1.5"));
    // Rows appended after a table made the columns dense keep them aligned.
    b.append(r);
    QCOMPARE(b.endTimestampAt(4), UtcMicros(7000));
    QCOMPARE(b.endTimestampAt(3), kNoTime);
}

QTEST_GUILESS_MAIN(TestAttemptTable)
#include "tst_attempttable.moc"
