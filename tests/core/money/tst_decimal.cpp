// SPDX-License-Identifier: Apache-2.0
// Tests of tl::Decimal: parsing (exact, and its refusals with their exact messages), the
// arithmetic and its overflow errors, every rounding mode, the text forms, and an oracle
// comparison of thousands of random cases against Python's decimal module.
#include "core/money/decimal.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

#include <functional>
#include <limits>

using tl::Decimal;
using tl::DecimalOverflow;
using tl::RoundingMode;

namespace {

Decimal D(const char *text)
{
    return Decimal::fromString(text);
}

std::string_view sv(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<std::size_t>(b.size()));
}

// The message of the DecimalOverflow f throws, or "no overflow" when it returns normally.
QString overflowMessage(const std::function<void()> &f)
{
    try {
        f();
    } catch (const DecimalOverflow &e) {
        return QString::fromLatin1(e.what());
    }
    return QStringLiteral("no overflow");
}

const char kMaxText[] = "170141183460469231731.687303715884105727";
const char kMinText[] = "-170141183460469231731.687303715884105727";

const RoundingMode kModes[] = {RoundingMode::HalfEven, RoundingMode::HalfUp, RoundingMode::Down,
                               RoundingMode::Up,       RoundingMode::Floor,  RoundingMode::Ceiling};

} // namespace

class TestDecimal : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseExactValues();
    void parseRoundHalfEven_data();
    void parseRoundHalfEven();
    void fromStringThrows();
    void constructors();
    void addSub();
    void mulInt();
    void mul_data();
    void mul();
    void div_data();
    void div();
    void divInt_data();
    void divInt();
    void divisionByZero();
    void round_data();
    void round();
    void roundArguments();
    void text_data();
    void text();
    void roundingModeNames();
    void compare();
    void oracle();
};

// ---------------------------------------------------------------------------------------------
// Parsing

void TestDecimal::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected"); // canonical text when ok, else the exact error

    const QString empty = QStringLiteral("empty value, expected a decimal number");
    const QString generic = QStringLiteral("expected a decimal number such as 12.5 or 1.5e-7");
    const QString nan = QStringLiteral("NaN is not a number, expected a decimal number");
    const QString inf = QStringLiteral("infinity is not a number, expected a decimal number");
    const QString comma = QStringLiteral("comma in number: use '.' as the decimal point and no thousands separators");
    const QString noExp = QStringLiteral("exponent without digits, expected a decimal number such as 1.5e-7");
    const QString junk = QStringLiteral("unexpected characters, expected a decimal number such as 12.5 or 1.5e-7");
    const QString excess = QStringLiteral("more than 18 fractional digits");
    const QString range = QStringLiteral("number out of range");

    auto ok = [](const char *tag, const char *text, const char *expected) {
        QTest::newRow(tag) << QByteArray(text) << true << QString::fromLatin1(expected);
    };
    auto bad = [](const char *tag, const char *text, const QString &error) {
        QTest::newRow(tag) << QByteArray(text) << false << error;
    };

    // formats.md: 0.000000150 and 1.5e-7 both mean exactly 15/10^8.
    ok("plain 0.000000150", "0.000000150", "0.00000015");
    ok("exponent 1.5e-7", "1.5e-7", "0.00000015");
    ok("exponent 1.5E-7", "1.5E-7", "0.00000015");
    ok("exponent 15e-8", "15e-8", "0.00000015");
    ok("exponent 0.015e-5", "0.015e-5", "0.00000015");
    ok("exponent 150e-9", "150e-9", "0.00000015");
    ok("zero", "0", "0");
    ok("minus zero", "-0", "0");
    ok("minus zero fraction", "-0.000", "0");
    ok("plus zero exponent", "+0e5", "0");
    ok("zero huge exponent", "0e100000000", "0");
    ok("zero tiny exponent", "0e-100000000", "0");
    ok("1E+3", "1E+3", "1000");
    ok("1e3", "1e3", "1000");
    ok("0.001e3", "0.001e3", "1");
    ok("12.5e1", "12.5e1", "125");
    ok("+2.50", "+2.50", "2.5");
    ok("-2.50", "-2.50", "-2.5");
    ok("leading dot", ".5", "0.5");
    ok("trailing dot", "5.", "5");
    ok("long trailing zeros", "2.500000000000000000000000000000000000000000000000000000", "2.5");
    ok("trailing zeros past the scale", "1.0000000000000000000000", "1");
    ok("long leading zeros", "000000000000000000000000000000000000000000000000000042", "42");
    ok("leading zeros with fraction", "0000000000000000000000000000000000000000.000000000000000001",
       "0.000000000000000001");
    ok("integer trailing zeros with negative exponent", "100000000000000000000000000000000000000e-18",
       "100000000000000000000");
    ok("smallest unit", "0.000000000000000001", "0.000000000000000001");
    ok("smallest unit exponent", "1e-18", "0.000000000000000001");
    ok("smallest unit shifted", "0.1e-17", "0.000000000000000001");
    ok("negative smallest unit", "-1e-18", "-0.000000000000000001");
    ok("18 fractional digits", "0.123456789012345678", "0.123456789012345678");
    ok("30 digits e-10", "123456789012345678901234567890e-10", "12345678901234567890.123456789");
    ok("1e20", "1e20", "100000000000000000000");
    ok("max", kMaxText, kMaxText);
    ok("min", kMinText, kMinText);
    ok("max as raw exponent", "170141183460469231731687303715884105727e-18", kMaxText);
    ok("max plus", "+170141183460469231731.687303715884105727", kMaxText);

    bad("empty", "", empty);
    bad("space", " ", generic);
    bad("leading space", " 1", generic);
    bad("trailing space", "1 ", junk);
    bad("NaN", "NaN", nan);
    bad("nan", "nan", nan);
    bad("+NaN", "+NaN", nan);
    bad("inf", "inf", inf);
    bad("Infinity", "Infinity", inf);
    bad("-Infinity", "-Infinity", inf);
    bad("1,5", "1,5", comma);
    bad("1.000,5", "1.000,5", comma);
    bad("1,000", "1,000", comma);
    bad("1e", "1e", noExp);
    bad("1e+", "1e+", noExp);
    bad("1.5E-", "1.5E-", noExp);
    bad("abc", "abc", generic);
    bad("sign only", "-", generic);
    bad("plus only", "+", generic);
    bad("dot only", ".", generic);
    bad("exponent only", "e5", generic);
    bad("double sign", "+-1", generic);
    bad("1.2.3", "1.2.3", junk);
    bad("1e5.5", "1e5.5", junk);
    bad("hex", "0x1A", junk);
    bad("thousands space", "1 000", junk);
    bad("currency", "$5", generic);
    bad("19 fractional digits", "0.1234567890123456789", excess);
    bad("19th digit only", "0.0000000000000000001", excess);
    bad("1e-19", "1e-19", excess);
    bad("1.5e-18", "1.5e-18", excess);
    bad("1e30", "1e30", range);
    bad("-1e21", "-1e21", range);
    bad("1e100000000", "1e100000000", range);
    bad("max plus one unit", "170141183460469231731.687303715884105728", range);
    bad("min minus one unit", "-170141183460469231731.687303715884105728", range);
    bad("max integer part plus one", "170141183460469231732", range);
    // 39 digits past 2^128: a digit accumulator that wraps would read this as 3.
    bad("wraps 128 bits", "340282366920938463463374607431768211459", range);
    bad("2^128 exactly", "340282366920938463463374607431768211456", range);
    bad("50 digits", "12345678901234567890123456789012345678901234567890", range);
}

void TestDecimal::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(QString, expected);

    Decimal d = Decimal::fromInt(777);
    const Decimal::ParseResult r = Decimal::parse(sv(text), &d);
    QCOMPARE(r.ok, ok);
    if (ok) {
        QCOMPARE(r.error, QString());
        QCOMPARE(r.rounded, false);
        QCOMPARE(d.toString(), expected);
        // The canonical text reads back to the same value.
        QCOMPARE(D(d.toStdString().c_str()), d);
    } else {
        QCOMPARE(r.error, expected);
        QCOMPARE(d, Decimal::fromInt(777)); // untouched on failure
        // Rounding mode changes nothing for values that are refused for other reasons.
        if (expected != QStringLiteral("more than 18 fractional digits")) {
            const auto r2 = Decimal::parse(sv(text), &d, Decimal::Excess::RoundHalfEven);
            QCOMPARE(r2.ok, false);
            QCOMPARE(r2.error, expected);
        }
    }
}

void TestDecimal::parseExactValues()
{
    const Decimal expected = Decimal::fromScaled(15, 8);
    QCOMPARE(expected.raw(), static_cast<Decimal::Raw>(150000000000LL));
    QCOMPARE(D("0.000000150"), expected);
    QCOMPARE(D("1.5e-7"), expected);
    QCOMPARE(D("0.000000150").raw(), D("1.5e-7").raw());
    QCOMPARE(D("-0").raw(), static_cast<Decimal::Raw>(0));
    QVERIFY(D("-0").isZero());
    QVERIFY(!D("-0").isNegative());
    QCOMPARE(D("1E+3"), Decimal::fromInt(1000));
    QCOMPARE(D("+2.50"), Decimal::fromScaled(25, 1));
    QCOMPARE(D("1e-18").raw(), static_cast<Decimal::Raw>(1));
    const Decimal::Raw maxRaw = static_cast<Decimal::Raw>((~static_cast<unsigned __int128>(0)) >> 1);
    QCOMPARE(D(kMaxText).raw(), maxRaw);
    QCOMPARE(D(kMinText).raw(), -maxRaw);
}

void TestDecimal::parseRoundHalfEven_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("rounded");

    auto row = [](const char *tag, const char *text, const char *expected, bool rounded) {
        QTest::newRow(tag) << QByteArray(text) << QString::fromLatin1(expected) << rounded;
    };
    row("exact", "0.000000150", "0.00000015", false);
    row("zeros past the scale are not rounding", "1.00000000000000000000000", "1", false);
    row("tie to even zero", "0.0000000000000000005", "0", true);
    row("tie up to even", "0.0000000000000000015", "0.000000000000000002", true);
    row("tie down to even", "0.0000000000000000025", "0.000000000000000002", true);
    row("above tie", "0.00000000000000000250000001", "0.000000000000000003", true);
    row("below tie", "0.0000000000000000024999999999999", "0.000000000000000002", true);
    row("negative tie down", "-0.0000000000000000025", "-0.000000000000000002", true);
    row("negative tie up", "-0.0000000000000000035", "-0.000000000000000004", true);
    row("negative rounds to zero", "-0.0000000000000000004", "0", true);
    row("19 digits tie even", "0.1234567890123456785", "0.123456789012345678", true);
    row("19 digits tie odd", "0.1234567890123456795", "0.12345678901234568", true);
    row("carry through nines", "0.9999999999999999995", "1", true);
    row("many fraction digits", "0.33333333333333333333333333333333333333333333333333", "0.333333333333333333", true);
    row("float noise", "0.00012345678901234567890123456789012345678901234567", "0.000123456789012346", true);
    row("long digits big value", "12345678901234567890.1234567890123456789012345678901234567890",
        "12345678901234567890.123456789012345679", true);
    row("exponent 1.5e-19", "1.5e-19", "0", true);
    row("exponent 5e-19 tie", "5e-19", "0", true);
    row("exponent 5.000001e-19", "5.000001e-19", "0.000000000000000001", true);
    row("exponent 1.5e-18 tie", "1.5e-18", "0.000000000000000002", true);
    row("exponent 1.2345678901234567e-05", "1.2345678901234567e-05", "0.000012345678901235", true);
    row("tiny exponent", "1e-1000000", "0", true);
    row("max with excess below tie", "170141183460469231731.6873037158841057274", kMaxText, true);
}

void TestDecimal::parseRoundHalfEven()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    QFETCH(bool, rounded);

    Decimal d;
    const auto r = Decimal::parse(sv(text), &d, Decimal::Excess::RoundHalfEven);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(d.toString(), expected);
    QCOMPARE(r.rounded, rounded);
    const auto strict = Decimal::parse(sv(text), &d, Decimal::Excess::Reject);
    QCOMPARE(strict.ok, !rounded);
    if (rounded)
        QCOMPARE(strict.error, QStringLiteral("more than 18 fractional digits"));
}

void TestDecimal::fromStringThrows()
{
    QCOMPARE(D("12.5"), Decimal::fromScaled(125, 1));
    try {
        (void)Decimal::fromString("1,5");
        QFAIL("fromString accepted 1,5");
    } catch (const std::invalid_argument &e) {
        QCOMPARE(QString::fromLatin1(e.what()),
                 QStringLiteral("1,5: comma in number: use '.' as the decimal point and no thousands separators"));
    }
    // Rounding past the scale makes the value overflow at the top of the range.
    Decimal d;
    const auto r = Decimal::parse("170141183460469231731.6873037158841057275", &d, Decimal::Excess::RoundHalfEven);
    QCOMPARE(r.ok, false);
    QCOMPARE(r.error, QStringLiteral("number out of range"));
}

void TestDecimal::constructors()
{
    QCOMPARE(Decimal().raw(), static_cast<Decimal::Raw>(0));
    QCOMPARE(Decimal::fromInt(42).toString(), QStringLiteral("42"));
    QCOMPARE(Decimal::fromInt(std::numeric_limits<std::int64_t>::min()).toString(),
             QStringLiteral("-9223372036854775808"));
    QCOMPARE(Decimal::fromInt(std::numeric_limits<std::int64_t>::max()).toString(),
             QStringLiteral("9223372036854775807"));
    QCOMPARE(Decimal::fromScaled(25, 1).toString(), QStringLiteral("2.5"));
    QCOMPARE(Decimal::fromScaled(-1, 18).toString(), QStringLiteral("-0.000000000000000001"));
    QCOMPARE(Decimal::fromScaled(std::numeric_limits<std::int64_t>::max(), 0).toString(),
             QStringLiteral("9223372036854775807"));
    QCOMPARE(Decimal::fromScaled(7, 0), Decimal::fromInt(7));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)Decimal::fromScaled(1, 19));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)Decimal::fromScaled(1, -1));
    QCOMPARE(D("-3.25").signum(), -1);
    QCOMPARE(D("0").signum(), 0);
    QCOMPARE(D("3.25").signum(), 1);
    QCOMPARE(D("-3.25").abs(), D("3.25"));
    QCOMPARE((-D(kMaxText)).toString(), QString::fromLatin1(kMinText));
    QCOMPARE((-D(kMinText)).toString(), QString::fromLatin1(kMaxText));
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

void TestDecimal::addSub()
{
    QCOMPARE((D("0.1") + D("0.2")).toString(), QStringLiteral("0.3"));
    QCOMPARE((D("0.1") + D("0.2")), D("0.3"));
    QCOMPARE((D("1") - D("0.000000000000000001")).toString(), QStringLiteral("0.999999999999999999"));
    QCOMPARE((D("-5.5") + D("2.25")).toString(), QStringLiteral("-3.25"));
    QCOMPARE((D("-5.5") - D("-5.5")).toString(), QStringLiteral("0"));
    QCOMPARE((D(kMaxText) + D(kMinText)).toString(), QStringLiteral("0"));
    QCOMPARE((D(kMaxText) - D("0.000000000000000001")).toString(),
             QStringLiteral("170141183460469231731.687303715884105726"));
    Decimal acc;
    for (int i = 0; i < 1000; ++i)
        acc += D("0.000000150");
    QCOMPARE(acc.toString(), QStringLiteral("0.00015"));
    acc -= D("0.00015");
    QVERIFY(acc.isZero());

    const QString overflow = QStringLiteral("decimal overflow");
    QCOMPARE(overflowMessage([] { (void)(D(kMaxText) + D("0.000000000000000001")); }), overflow);
    QCOMPARE(overflowMessage([] { (void)(D(kMinText) - D("0.000000000000000001")); }), overflow);
    QCOMPARE(overflowMessage([] { (void)(D(kMaxText) - D(kMinText)); }), overflow);
    QCOMPARE(overflowMessage([] { (void)(D(kMinText) + D(kMinText)); }), overflow);
    QCOMPARE(overflowMessage([] { Decimal d = D(kMaxText); d += D("1"); }), overflow);
    QCOMPARE(overflowMessage([] { Decimal d = D(kMinText); d -= D("1"); }), overflow);
    QCOMPARE(overflowMessage([] { (void)(D(kMaxText) + D("0")); }), QStringLiteral("no overflow"));
}

void TestDecimal::mulInt()
{
    QCOMPARE(D("0.000000150").mulInt(1000000).toString(), QStringLiteral("0.15"));
    QCOMPARE(D("0.0000025").mulInt(123456789).toString(), QStringLiteral("308.6419725"));
    QCOMPARE(D("-0.0000025").mulInt(4).toString(), QStringLiteral("-0.00001"));
    QCOMPARE(D("2.5").mulInt(-4).toString(), QStringLiteral("-10"));
    QCOMPARE(D("1").mulInt(std::numeric_limits<std::int64_t>::min()).toString(),
             QStringLiteral("-9223372036854775808"));
    QCOMPARE(D("0").mulInt(std::numeric_limits<std::int64_t>::max()).toString(), QStringLiteral("0"));
    QCOMPARE(D("18.4467440737095516").mulInt(std::numeric_limits<std::int64_t>::max()).toString(),
             QStringLiteral("170141183460469231565.6666070524981412"));
    const QString overflow = QStringLiteral("decimal overflow");
    QCOMPARE(overflowMessage([] { (void)D(kMaxText).mulInt(2); }), overflow);
    QCOMPARE(overflowMessage([] { (void)D(kMaxText).mulInt(-2); }), overflow);
    QCOMPARE(overflowMessage([] { (void)D("18.4467440737095517").mulInt(std::numeric_limits<std::int64_t>::max()); }),
             overflow);
    QCOMPARE(overflowMessage([] { (void)D("100").mulInt(std::numeric_limits<std::int64_t>::min()); }), overflow);
}

void TestDecimal::mul_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<QString>("expected"); // or "overflow"
    QTest::addColumn<bool>("inexact");

    auto row = [](const char *tag, const char *a, const char *b, const char *expected, bool inexact) {
        QTest::newRow(tag) << QByteArray(a) << QByteArray(b) << QString::fromLatin1(expected) << inexact;
    };
    row("simple", "1.5", "2", "3", false);
    row("signs", "2.5", "-4", "-10", false);
    row("both negative", "-2.5", "-4", "10", false);
    row("zero", "0", "-12.75", "0", false);
    row("price times tokens", "0.000000150", "1234567", "0.18518505", false);
    row("36 digits exact in 18", "0.000000001", "0.000000001", "0.000000000000000001", false);
    row("tie to even zero", "0.000000000000000001", "0.5", "0", true);
    row("tie to even two", "0.000000000000000003", "0.5", "0.000000000000000002", true);
    row("tie stays even", "0.000000000000000005", "0.5", "0.000000000000000002", true);
    row("negative tie", "-0.000000000000000003", "0.5", "-0.000000000000000002", true);
    row("above tie", "0.000000000000000001", "0.500000000000000001", "0.000000000000000001", true);
    row("below tie", "0.000000000000000001", "0.499999999999999999", "0", true);
    row("thirds", "0.333333333333333333", "3", "0.999999999999999999", false);
    row("1e10 squared", "10000000000", "10000000000", "100000000000000000000", false);
    row("large exact", "13043817825.332782212", "13043817825.332782212", "170141183460469231722.567801800623612944", false);
    row("overflow", "10000000000", "100000000000", "overflow", false);
    row("overflow negative", "-10000000000", "100000000000", "overflow", false);
    row("max times one", kMaxText, "1", kMaxText, false);
    row("max times minus one", kMaxText, "-1", kMinText, false);
    row("max times 1.000000000000000001", kMaxText, "1.000000000000000001", "overflow", false);
}

void TestDecimal::mul()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(QString, expected);
    QFETCH(bool, inexact);
    const Decimal x = Decimal::fromString(sv(a)), y = Decimal::fromString(sv(b));
    if (expected == QStringLiteral("overflow")) {
        QCOMPARE(overflowMessage([&] { (void)x.mul(y); }), QStringLiteral("decimal overflow"));
        QCOMPARE(overflowMessage([&] { (void)y.mul(x); }), QStringLiteral("decimal overflow"));
        return;
    }
    bool wasInexact = !inexact;
    QCOMPARE(x.mul(y, &wasInexact).toString(), expected);
    QCOMPARE(wasInexact, inexact);
    QCOMPARE(y.mul(x).toString(), expected); // commutative
}

void TestDecimal::div_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("inexact");

    auto row = [](const char *tag, const char *a, const char *b, RoundingMode m, const char *expected, bool inexact) {
        QTest::newRow(tag) << QByteArray(a) << QByteArray(b) << static_cast<int>(m) << QString::fromLatin1(expected)
                           << inexact;
    };
    row("exact", "10", "4", RoundingMode::HalfEven, "2.5", false);
    row("exact negative", "-10", "4", RoundingMode::Floor, "-2.5", false);
    row("1/3", "1", "3", RoundingMode::HalfEven, "0.333333333333333333", true);
    row("2/3 half-even", "2", "3", RoundingMode::HalfEven, "0.666666666666666667", true);
    row("2/3 half-up", "2", "3", RoundingMode::HalfUp, "0.666666666666666667", true);
    row("2/3 down", "2", "3", RoundingMode::Down, "0.666666666666666666", true);
    row("2/3 up", "2", "3", RoundingMode::Up, "0.666666666666666667", true);
    row("2/3 floor", "2", "3", RoundingMode::Floor, "0.666666666666666666", true);
    row("2/3 ceiling", "2", "3", RoundingMode::Ceiling, "0.666666666666666667", true);
    row("-2/3 half-even", "-2", "3", RoundingMode::HalfEven, "-0.666666666666666667", true);
    row("-2/3 down", "-2", "3", RoundingMode::Down, "-0.666666666666666666", true);
    row("-2/3 up", "-2", "3", RoundingMode::Up, "-0.666666666666666667", true);
    row("-2/3 floor", "-2", "3", RoundingMode::Floor, "-0.666666666666666667", true);
    row("2/-3 ceiling", "2", "-3", RoundingMode::Ceiling, "-0.666666666666666666", true);
    row("tie half-even down", "0.000000000000000001", "2", RoundingMode::HalfEven, "0", true);
    row("tie half-even up", "0.000000000000000003", "2", RoundingMode::HalfEven, "0.000000000000000002", true);
    row("tie half-up", "0.000000000000000001", "2", RoundingMode::HalfUp, "0.000000000000000001", true);
    row("negative tie half-up", "-0.000000000000000001", "2", RoundingMode::HalfUp, "-0.000000000000000001", true);
    row("negative tie floor", "-0.000000000000000001", "2", RoundingMode::Floor, "-0.000000000000000001", true);
    row("negative tie ceiling", "-0.000000000000000001", "2", RoundingMode::Ceiling, "0", true);
    row("by small", "1", "0.000000000000000001", RoundingMode::HalfEven, "1000000000000000000", false);
    row("max by max", kMaxText, kMaxText, RoundingMode::HalfEven, "1", false);
    row("max by -1", kMaxText, "-1", RoundingMode::HalfEven, kMinText, false);
    row("overflow", "1e20", "0.1", RoundingMode::HalfEven, "overflow", false);
    row("overflow small divisor", "1000", "0.000000000000000001", RoundingMode::HalfEven, "overflow", false);
    row("overflow max by half", kMaxText, "0.5", RoundingMode::Down, "overflow", false);
}

void TestDecimal::div()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(int, mode);
    QFETCH(QString, expected);
    QFETCH(bool, inexact);
    const Decimal x = Decimal::fromString(sv(a)), y = Decimal::fromString(sv(b));
    const auto m = static_cast<RoundingMode>(mode);
    if (expected == QStringLiteral("overflow")) {
        QCOMPARE(overflowMessage([&] { (void)x.div(y, m); }), QStringLiteral("decimal overflow"));
        return;
    }
    bool wasInexact = !inexact;
    QCOMPARE(x.div(y, m, &wasInexact).toString(), expected);
    QCOMPARE(wasInexact, inexact);
}

void TestDecimal::divInt_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<qint64>("divisor");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("expected");

    auto row = [](const char *tag, const char *a, qint64 n, RoundingMode m, const char *expected) {
        QTest::newRow(tag) << QByteArray(a) << n << static_cast<int>(m) << QString::fromLatin1(expected);
    };
    row("exact", "100", -8, RoundingMode::HalfEven, "-12.5");
    row("thirds", "1", 3, RoundingMode::HalfEven, "0.333333333333333333");
    row("per million tokens", "2.5", 1000000, RoundingMode::HalfEven, "0.0000025");
    row("tie half-even", "0.000000000000000005", 2, RoundingMode::HalfEven, "0.000000000000000002");
    row("tie half-up", "0.000000000000000005", 2, RoundingMode::HalfUp, "0.000000000000000003");
    row("tie down", "0.000000000000000005", 2, RoundingMode::Down, "0.000000000000000002");
    row("tie up", "0.000000000000000005", 2, RoundingMode::Up, "0.000000000000000003");
    row("tie floor", "0.000000000000000005", 2, RoundingMode::Floor, "0.000000000000000002");
    row("tie ceiling", "0.000000000000000005", 2, RoundingMode::Ceiling, "0.000000000000000003");
    row("neg tie half-even", "-0.000000000000000005", 2, RoundingMode::HalfEven, "-0.000000000000000002");
    row("neg tie half-up", "-0.000000000000000005", 2, RoundingMode::HalfUp, "-0.000000000000000003");
    row("neg tie down", "-0.000000000000000005", 2, RoundingMode::Down, "-0.000000000000000002");
    row("neg tie up", "-0.000000000000000005", 2, RoundingMode::Up, "-0.000000000000000003");
    row("neg tie floor", "-0.000000000000000005", 2, RoundingMode::Floor, "-0.000000000000000003");
    row("neg tie ceiling", "-0.000000000000000005", 2, RoundingMode::Ceiling, "-0.000000000000000002");
    row("negative divisor floor", "0.000000000000000005", -2, RoundingMode::Floor, "-0.000000000000000003");
    row("int64 min divisor", "9223372036854775808", std::numeric_limits<qint64>::min(), RoundingMode::HalfEven, "-1");
    row("max by 1", kMaxText, 1, RoundingMode::HalfEven, kMaxText);
    row("max by -1", kMaxText, -1, RoundingMode::HalfEven, kMinText);
}

void TestDecimal::divInt()
{
    QFETCH(QByteArray, a);
    QFETCH(qint64, divisor);
    QFETCH(int, mode);
    QFETCH(QString, expected);
    bool inexact = false;
    const Decimal q = Decimal::fromString(sv(a)).divInt(divisor, static_cast<RoundingMode>(mode), &inexact);
    QCOMPARE(q.toString(), expected);
    QCOMPARE(inexact, q.mulInt(divisor) != Decimal::fromString(sv(a)));
}

void TestDecimal::divisionByZero()
{
    QVERIFY_THROWS_EXCEPTION(std::domain_error, (void)D("1").div(Decimal()));
    QVERIFY_THROWS_EXCEPTION(std::domain_error, (void)D("0").div(D("0")));
    QVERIFY_THROWS_EXCEPTION(std::domain_error, (void)D("1").divInt(0));
    try {
        (void)D("1").div(D("0"));
    } catch (const std::domain_error &e) {
        QCOMPARE(QString::fromLatin1(e.what()), QStringLiteral("division by zero"));
    }
}

// ---------------------------------------------------------------------------------------------
// Rounding

void TestDecimal::round_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("scale");
    // expected for half-even, half-up, down, up, floor, ceiling
    QTest::addColumn<QStringList>("expected");

    auto row = [](const char *value, int scale, std::initializer_list<const char *> results) {
        QStringList l;
        for (const char *r : results)
            l << QString::fromLatin1(r);
        QTest::addRow("%s@%d", value, scale) << QByteArray(value) << scale << l;
    };
    //                                 half-even half-up  down     up       floor    ceiling
    row("2.345", 2,                   {"2.34",   "2.35",  "2.34",  "2.35",  "2.34",  "2.35"});
    row("-2.345", 2,                  {"-2.34",  "-2.35", "-2.34", "-2.35", "-2.35", "-2.34"});
    row("2.355", 2,                   {"2.36",   "2.36",  "2.35",  "2.36",  "2.35",  "2.36"});
    row("-2.355", 2,                  {"-2.36",  "-2.36", "-2.35", "-2.36", "-2.36", "-2.35"});
    row("2.346", 2,                   {"2.35",   "2.35",  "2.34",  "2.35",  "2.34",  "2.35"});
    row("-2.346", 2,                  {"-2.35",  "-2.35", "-2.34", "-2.35", "-2.35", "-2.34"});
    row("2.344", 2,                   {"2.34",   "2.34",  "2.34",  "2.35",  "2.34",  "2.35"});
    row("-2.344", 2,                  {"-2.34",  "-2.34", "-2.34", "-2.35", "-2.35", "-2.34"});
    row("2.34", 2,                    {"2.34",   "2.34",  "2.34",  "2.34",  "2.34",  "2.34"});
    row("-2.34", 2,                   {"-2.34",  "-2.34", "-2.34", "-2.34", "-2.34", "-2.34"});
    row("2.3450000000000001", 2,      {"2.35",   "2.35",  "2.34",  "2.35",  "2.34",  "2.35"});
    row("-2.3449999999999999", 2,     {"-2.34",  "-2.34", "-2.34", "-2.35", "-2.35", "-2.34"});
    row("0.5", 0,                     {"0",      "1",     "0",     "1",     "0",     "1"});
    row("-0.5", 0,                    {"0",      "-1",    "0",     "-1",    "-1",    "0"});
    row("1.5", 0,                     {"2",      "2",     "1",     "2",     "1",     "2"});
    row("2.5", 0,                     {"2",      "3",     "2",     "3",     "2",     "3"});
    row("-2.5", 0,                    {"-2",     "-3",    "-2",    "-3",    "-3",    "-2"});
    row("0.000000000000000001", 2,    {"0",      "0",     "0",     "0.01",  "0",     "0.01"});
    row("-0.000000000000000001", 2,   {"0",      "0",     "0",     "-0.01", "-0.01", "0"});
    row("0.999", 2,                   {"1",      "1",     "0.99",  "1",     "0.99",  "1"});
    row("0.000000000000000015", 17,   {"0.00000000000000002", "0.00000000000000002", "0.00000000000000001",
                                       "0.00000000000000002", "0.00000000000000001", "0.00000000000000002"});
    row("0.000000000000000005", 17,   {"0", "0.00000000000000001", "0", "0.00000000000000001", "0", "0.00000000000000001"});
    row("1.123456789012345678", 18,   {"1.123456789012345678", "1.123456789012345678", "1.123456789012345678",
                                       "1.123456789012345678", "1.123456789012345678", "1.123456789012345678"});
    row("0", 2,                       {"0",      "0",     "0",     "0",     "0",     "0"});
    row("170141183460469231731.687303715884105727", 0,
        {"overflow", "overflow", "170141183460469231731", "overflow", "170141183460469231731", "overflow"});
    row("-170141183460469231731.687303715884105727", 0,
        {"overflow", "overflow", "-170141183460469231731", "overflow", "overflow", "-170141183460469231731"});
    // Rounding up at the top of the range overflows.
    row("170141183460469231731.687303715884105727", 2,
        {"overflow", "overflow", "170141183460469231731.68", "overflow", "170141183460469231731.68", "overflow"});
    row("170141183460469231731.687303715884105727", 3,
        {"170141183460469231731.687", "170141183460469231731.687", "170141183460469231731.687", "overflow",
         "170141183460469231731.687", "overflow"});
}

void TestDecimal::round()
{
    QFETCH(QByteArray, value);
    QFETCH(int, scale);
    QFETCH(QStringList, expected);
    QCOMPARE(expected.size(), 6);
    const Decimal d = Decimal::fromString(sv(value));
    for (int i = 0; i < 6; ++i) {
        const RoundingMode mode = kModes[i];
        QString got;
        try {
            got = d.round(scale, mode).toString();
        } catch (const DecimalOverflow &) {
            got = QStringLiteral("overflow");
        }
        QVERIFY2(got == expected.at(i),
                 qPrintable(QStringLiteral("%1 round(%2, %3): got %4, expected %5")
                                .arg(QString::fromLatin1(value))
                                .arg(scale)
                                .arg(QString::fromLatin1(tl::roundingModeName(mode)), got, expected.at(i))));
        if (got != QStringLiteral("overflow")) {
            // Idempotent, and the fixed form shows exactly `scale` digits.
            QCOMPARE(d.round(scale, mode).round(scale, RoundingMode::Up), d.round(scale, mode));
            const std::string fixed = d.round(scale, mode).toFixedStdString(scale);
            const auto dot = fixed.find('.');
            QCOMPARE(dot == std::string::npos ? 0 : static_cast<int>(fixed.size() - dot - 1), scale);
            QCOMPARE(D(fixed.c_str()), d.round(scale, mode));
        }
    }
    // The default mode is half-even.
    if (expected.at(0) != QStringLiteral("overflow"))
        QCOMPARE(d.round(scale).toString(), expected.at(0));
}

void TestDecimal::roundArguments()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)D("1.5").round(19));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)D("1.5").round(-1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)D("1.5").toFixedStdString(19));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)D("1.5").toFixedStdString(-1));
}

// ---------------------------------------------------------------------------------------------
// Text

void TestDecimal::text_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("fixed");

    auto row = [](const char *value, const char *canonical, int scale, const char *fixed) {
        QTest::addRow("%s@%d", value, scale) << QByteArray(value) << QString::fromLatin1(canonical) << scale
                                              << QString::fromLatin1(fixed);
    };
    row("2.5", "2.5", 2, "2.50");
    row("0", "0", 2, "0.00");
    row("0", "0", 0, "0");
    row("-0", "0", 3, "0.000");
    row("123", "123", 18, "123.000000000000000000");
    row("-1.25", "-1.25", 2, "-1.25");
    row("-1.25", "-1.25", 4, "-1.2500");
    row("0.000000150", "0.00000015", 9, "0.000000150");
    row("1e-18", "0.000000000000000001", 18, "0.000000000000000001");
    row("-1e-18", "-0.000000000000000001", 18, "-0.000000000000000001");
    row("1000000", "1000000", 1, "1000000.0");
    row("0.1", "0.1", 0, "0");
    // Values with more digits than shown are rounded half-even, never cut off (and no "-0.00").
    row("-0.001", "-0.001", 2, "0.00");
    row("-0.005", "-0.005", 2, "0.00");
    row("-0.015", "-0.015", 2, "-0.02");
    row("1.005", "1.005", 2, "1.00");
    row("1.015", "1.015", 2, "1.02");
    row("2.999", "2.999", 2, "3.00");
    row("-1.5", "-1.5", 0, "-2");
    row(kMaxText, kMaxText, 18, kMaxText);
    row(kMinText, kMinText, 18, kMinText);
    row(kMaxText, kMaxText, 3, "170141183460469231731.687");
    row(kMinText, kMinText, 3, "-170141183460469231731.687");
}

void TestDecimal::text()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, canonical);
    QFETCH(int, scale);
    QFETCH(QString, fixed);
    const Decimal d = Decimal::fromString(sv(value));
    QCOMPARE(QString::fromStdString(d.toStdString()), canonical);
    QCOMPARE(d.toString(), canonical);
    QCOMPARE(QString::fromStdString(d.toFixedStdString(scale)), fixed);
    QCOMPARE(d.toFixed(scale), fixed);
}

void TestDecimal::roundingModeNames()
{
    struct Case
    {
        const char *name;
        bool ok;
        RoundingMode mode;
    };
    const Case cases[] = {
        {"half-even", true, RoundingMode::HalfEven}, {"half_even", true, RoundingMode::HalfEven},
        {"HALF-EVEN", true, RoundingMode::HalfEven}, {"bankers", true, RoundingMode::HalfEven},
        {"half-up", true, RoundingMode::HalfUp},     {"Half_Up", true, RoundingMode::HalfUp},
        {"down", true, RoundingMode::Down},          {"truncate", true, RoundingMode::Down},
        {"up", true, RoundingMode::Up},              {"floor", true, RoundingMode::Floor},
        {"Ceiling", true, RoundingMode::Ceiling},    {"nearest", false, RoundingMode::Up},
        {"", false, RoundingMode::Up},               {"half-evenx", false, RoundingMode::Up},
    };
    for (const Case &c : cases) {
        RoundingMode m = RoundingMode::Up;
        QCOMPARE(tl::parseRoundingMode(c.name, &m), c.ok);
        QCOMPARE(m, c.mode);
    }
    for (RoundingMode m : kModes) {
        RoundingMode back = m == RoundingMode::Up ? RoundingMode::Down : RoundingMode::Up;
        QVERIFY(tl::parseRoundingMode(tl::roundingModeName(m), &back));
        QCOMPARE(back, m);
    }
    QCOMPARE(QString::fromLatin1(tl::roundingModeName(RoundingMode::HalfEven)), QStringLiteral("half-even"));
    QCOMPARE(QString::fromLatin1(tl::roundingModeName(RoundingMode::Ceiling)), QStringLiteral("ceiling"));
}

void TestDecimal::compare()
{
    QVERIFY(D("0.1") < D("0.2"));
    QVERIFY(D("-0.2") < D("-0.1"));
    QVERIFY(D(kMinText) < D(kMaxText));
    QVERIFY(D("1.50") == D("1.5"));
    QVERIFY(D("1.5") != D("1.500000000000000001"));
    QVERIFY(D("2") >= D("2.0"));
}

// ---------------------------------------------------------------------------------------------
// Oracle: Python's decimal module

namespace {

QByteArray randomDigits(QRandomGenerator &g, int n, bool nonZeroFirst)
{
    QByteArray s;
    for (int i = 0; i < n; ++i)
        s += static_cast<char>('0' + ((i == 0 && nonZeroFirst) ? 1 + g.bounded(9) : g.bounded(10)));
    return s;
}

// A valid decimal (at most 18 fractional digits, in range) of varied magnitude and scale.
QByteArray randomDecimal(QRandomGenerator &g)
{
    static const int intSizes[] = {0, 1, 1, 2, 3, 4, 6, 9, 12, 15, 18, 20, 21};
    static const char *special[] = {"0", "1", "-1", "0.5", "-0.5", "0.000000000000000001", "-0.000000000000000001",
                                    "0.000000000000000005", "0.000000000000000003", "2.5", "0.005", "-0.015",
                                    kMaxText, kMinText, "100000000000000000000", "0.999999999999999999",
                                    "13043817825.332782212", "0.000000150"};
    const bool neg = g.bounded(2) == 1;
    QByteArray s;
    switch (g.bounded(10)) {
    case 0:
        return QByteArray(special[g.bounded(static_cast<int>(std::size(special)))]);
    case 1: { // few significant digits deep in the fraction
        const int zeros = g.bounded(17);
        s = "0." + QByteArray(zeros, '0') + randomDigits(g, 1 + g.bounded(18 - zeros), true);
        break;
    }
    case 2: // a tie at the third fractional digit
        s = randomDigits(g, 1 + g.bounded(6), false) + '.' + randomDigits(g, 2, false) + '5';
        break;
    case 3: // an integer
        s = randomDigits(g, 1 + g.bounded(20), true);
        break;
    default: {
        int intDigits = intSizes[g.bounded(static_cast<int>(std::size(intSizes)))];
        QByteArray ip;
        if (intDigits == 21)
            ip = "1" + QByteArray::number(g.bounded(7)) + randomDigits(g, 19, false); // below 1.7e20
        else
            ip = intDigits == 0 ? QByteArray("0") : randomDigits(g, intDigits, true);
        const int fracDigits = g.bounded(19);
        s = ip;
        if (fracDigits > 0)
            s += '.' + randomDigits(g, fracDigits, false);
    }
    }
    return neg ? '-' + s : s;
}

// Text in any accepted form, possibly with too many digits or out of range.
QByteArray randomParseText(QRandomGenerator &g)
{
    QByteArray s;
    const int sign = g.bounded(4);
    if (sign == 1)
        s += '-';
    else if (sign == 2)
        s += '+';
    if (g.bounded(5) == 0)
        s += QByteArray(g.bounded(4), '0');
    const int intDigits = g.bounded(5) == 0 ? 0 : g.bounded(26);
    const int fracDigits = g.bounded(41);
    s += randomDigits(g, intDigits, false);
    if (fracDigits > 0 || intDigits == 0) {
        s += '.';
        s += randomDigits(g, std::max(fracDigits, 1), false);
    }
    if (g.bounded(3) != 0) {
        s += g.bounded(2) ? 'e' : 'E';
        const int e = g.bounded(-45, 26);
        if (e >= 0 && g.bounded(2))
            s += '+';
        s += QByteArray::number(e);
    }
    return s;
}

qint64 randomInt(QRandomGenerator &g)
{
    const int digits = 1 + g.bounded(19);
    qint64 v = 0;
    for (int i = 0; i < digits; ++i)
        v = v * 10 + g.bounded(10);
    if (v == 0)
        v = 1 + g.bounded(9);
    return g.bounded(2) ? -v : v;
}

const char kOracle[] = R"PY(
import sys
from decimal import Decimal, getcontext, InvalidOperation, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_DOWN, ROUND_UP, ROUND_FLOOR, ROUND_CEILING
getcontext().prec = 80
getcontext().Emax = 999999999
getcontext().Emin = -999999999
MAX = Decimal('170141183460469231731.687303715884105727')
Q = Decimal('1e-18')
MODES = {'half-even': ROUND_HALF_EVEN, 'half-up': ROUND_HALF_UP, 'down': ROUND_DOWN, 'up': ROUND_UP,
         'floor': ROUND_FLOOR, 'ceiling': ROUND_CEILING}
def out(d):
    if abs(d) > MAX:
        return 'overflow'
    if d == 0:
        return '0'
    return format(d.normalize(), 'f')
def q18(d, mode=ROUND_HALF_EVEN):
    return d.quantize(Q, rounding=mode)
res = []
for line in sys.stdin:
    f = line.split()
    if not f:
        continue
    op = f[0]
    try:
        if op == 'add':
            r = out(Decimal(f[1]) + Decimal(f[2]))
        elif op == 'sub':
            r = out(Decimal(f[1]) - Decimal(f[2]))
        elif op == 'mul':
            r = out(q18(Decimal(f[1]) * Decimal(f[2])))
        elif op == 'div':
            r = out(q18(Decimal(f[1]) / Decimal(f[2]), MODES[f[3]]))
        elif op == 'mulint':
            r = out(Decimal(f[1]) * int(f[2]))
        elif op == 'divint':
            r = out(q18(Decimal(f[1]) / Decimal(int(f[2])), MODES[f[3]]))
        elif op == 'round':
            r = out(Decimal(f[1]).quantize(Decimal('0.01'), rounding=MODES[f[2]]))
        elif op == 'parse':
            d = Decimal(f[1])
            r = q18(d)
            r = out(r) + (' rounded' if r != d and abs(r) <= MAX else '')
        elif op == 'parsestrict':
            d = Decimal(f[1])
            r = 'excess' if q18(d) != d else out(d)
        else:
            r = 'bad op ' + op
    except InvalidOperation:
        r = 'overflow'
    res.append(r)
sys.stdout.write('\n'.join(res) + '\n')
)PY";

QString runOp(const QByteArray &line)
{
    const QList<QByteArray> f = line.split(' ');
    const QByteArray &op = f.at(0);
    auto dec = [&](int i) { return Decimal::fromString(sv(f.at(i))); };
    auto mode = [&](int i) {
        RoundingMode m = RoundingMode::HalfEven;
        if (!tl::parseRoundingMode(sv(f.at(i)), &m))
            qFatal("bad mode");
        return m;
    };
    try {
        if (op == "add")
            return (dec(1) + dec(2)).toString();
        if (op == "sub")
            return (dec(1) - dec(2)).toString();
        if (op == "mul")
            return dec(1).mul(dec(2)).toString();
        if (op == "div")
            return dec(1).div(dec(2), mode(3)).toString();
        if (op == "mulint")
            return dec(1).mulInt(f.at(2).toLongLong()).toString();
        if (op == "divint")
            return dec(1).divInt(f.at(2).toLongLong(), mode(3)).toString();
        if (op == "round")
            return dec(1).round(2, mode(2)).toString();
        if (op == "parse" || op == "parsestrict") {
            Decimal d;
            const auto r = Decimal::parse(sv(f.at(1)), &d,
                                          op == "parse" ? Decimal::Excess::RoundHalfEven : Decimal::Excess::Reject);
            if (!r.ok) {
                if (r.error == QStringLiteral("number out of range"))
                    return QStringLiteral("overflow");
                if (r.error == QStringLiteral("more than 18 fractional digits"))
                    return QStringLiteral("excess");
                return QStringLiteral("error: ") + r.error;
            }
            return d.toString() + (r.rounded ? QStringLiteral(" rounded") : QString());
        }
    } catch (const DecimalOverflow &) {
        return QStringLiteral("overflow");
    }
    return QStringLiteral("bad op");
}

} // namespace

void TestDecimal::oracle()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed: the decimal oracle cannot run");

    QRandomGenerator g(20260501);
    QList<QByteArray> values;
    for (int i = 0; i < 1500; ++i)
        values << randomDecimal(g);
    for (const QByteArray &v : values) // every generated value is valid
        QVERIFY2(Decimal::parse(sv(v), nullptr).ok, v.constData());

    static const char *modeNames[] = {"half-even", "half-up", "down", "up", "floor", "ceiling"};
    QList<QByteArray> cases;
    auto pick = [&] { return values.at(g.bounded(static_cast<int>(values.size()))); };
    for (int i = 0; i < 3000; ++i) {
        cases << "add " + pick() + ' ' + pick();
        cases << "sub " + pick() + ' ' + pick();
        cases << "mul " + pick() + ' ' + pick();
        QByteArray divisor = pick();
        while (Decimal::fromString(sv(divisor)).isZero())
            divisor = pick();
        cases << "div " + pick() + ' ' + divisor + ' ' + modeNames[g.bounded(6)];
    }
    for (int i = 0; i < 1000; ++i) {
        cases << "mulint " + pick() + ' ' + QByteArray::number(randomInt(g));
        cases << "divint " + pick() + ' ' + QByteArray::number(randomInt(g)) + ' ' + modeNames[g.bounded(6)];
    }
    for (const QByteArray &v : values)
        for (const char *m : modeNames)
            cases << "round " + v + ' ' + m;
    for (int i = 0; i < 3000; ++i) {
        const QByteArray t = randomParseText(g);
        cases << "parse " + t;
        cases << "parsestrict " + t;
    }

    QProcess py;
    py.start(python, {QStringLiteral("-c"), QString::fromLatin1(kOracle)});
    QVERIFY2(py.waitForStarted(30000), qPrintable(py.errorString()));
    py.write(cases.join('\n') + '\n');
    py.closeWriteChannel();
    QVERIFY(py.waitForFinished(300000));
    QCOMPARE(py.exitStatus(), QProcess::NormalExit);
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
    const QList<QByteArray> expected = py.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(expected.size(), cases.size());

    int mismatches = 0, overflows = 0, rounded = 0;
    QString firstMismatch;
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QString want = QString::fromLatin1(expected.at(i));
        const QString got = runOp(cases.at(i));
        if (want == QStringLiteral("overflow"))
            ++overflows;
        if (want.endsWith(QStringLiteral(" rounded")))
            ++rounded;
        if (got != want) {
            if (mismatches++ == 0)
                firstMismatch = QStringLiteral("%1: got %2, python says %3").arg(QString::fromLatin1(cases.at(i)), got, want);
        }
    }
    QVERIFY2(mismatches == 0, qPrintable(QStringLiteral("%1 of %2 cases differ; first: %3")
                                              .arg(mismatches)
                                              .arg(cases.size())
                                              .arg(firstMismatch)));
    // The random cases reach the interesting regions: overflow and rounding both occur.
    QVERIFY(overflows > 100);
    QVERIFY(rounded > 100);
    qInfo("%lld oracle cases agree with Python's decimal (%d overflows, %d rounded parses)",
          static_cast<long long>(cases.size()), overflows, rounded);
}

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
