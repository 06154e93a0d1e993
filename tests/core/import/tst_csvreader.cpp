// SPDX-License-Identifier: Apache-2.0
// Tests of tl::CsvReader and tl::CsvHeader: RFC 4180 quoting, line endings, BOM, blank lines,
// line numbers of records (also after embedded newlines), malformed quoting with the exact
// error and line, case-insensitive header lookup, and a generated million-row buffer.
#include "core/import/csvreader.h"
#include "core/import/importerror.h"

#include <QRandomGenerator>
#include <QTest>

using tl::CsvHeader;
using tl::CsvReader;
using tl::ImportError;

namespace {

struct Record
{
    qint64 line;
    QByteArrayList fields; // bytes as read (QString::fromUtf8 would drop a leading BOM)
};

QString str(std::string_view v)
{
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

QList<Record> readAll(const QByteArray &data)
{
    CsvReader r(data, QStringLiteral("t.csv"));
    QList<Record> out;
    while (r.next()) {
        Record rec{r.line(), {}};
        for (int i = 0; i < r.size(); ++i)
            rec.fields << QByteArray(r.field(i).data(), static_cast<qsizetype>(r.field(i).size()));
        out << rec;
    }
    return out;
}

// "line:field|field|...;" for each record: one comparable string per buffer.
QByteArray dump(const QList<Record> &records)
{
    QByteArray s;
    for (const Record &r : records)
        s += QByteArray::number(r.line) + ':' + r.fields.join('|') + ';';
    return s;
}

// The ImportError reading all of data throws, as "line|message|toString()".
QString errorOf(const QByteArray &data)
{
    try {
        readAll(data);
    } catch (const ImportError &e) {
        return QString::number(e.line()) + QLatin1Char('|') + e.message() + QLatin1Char('|') + e.toString();
    }
    return QStringLiteral("no error");
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void records_data();
    void records();
    void errors_data();
    void errors();
    void errorIsImportError();
    void recordOffsets();
    void fieldsAreViewsIntoTheBuffer();
    void fieldOutOfRange();
    void header();
    void headerAfterBlankLines();
    void headerEmptyFile();
    void millionRows();
};

void TestCsvReader::records_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("expected"); // dump(): "line:f1|f2;..."

    auto row = [](const char *tag, const QByteArray &data, const char *expected) {
        QTest::newRow(tag) << data << QByteArray(expected);
    };
    row("LF", "a,b,c\n1,2,3\n", "1:a|b|c;2:1|2|3;");
    row("CRLF", "a,b,c\r\n1,2,3\r\n", "1:a|b|c;2:1|2|3;");
    row("mixed endings", "a\r\nb\nc\r\n", "1:a;2:b;3:c;");
    row("lone CR ends a line", "a,b\rc,d\re", "1:a|b;2:c|d;3:e;");
    row("BOM", "\xEF\xBB\xBFid,name\r\n1,x\r\n", "1:id|name;2:1|x;");
    row("BOM only", "\xEF\xBB\xBF", "");
    row("BOM not at start is data", "a\n\xEF\xBB\xBF" "b\n", "1:a;2:\xEF\xBB\xBF" "b;");
    row("empty", "", "");
    row("only blank lines", "\n\r\n\n", "");
    row("quoted commas", "\"a,b\",c\n", "1:a,b|c;");
    row("doubled quotes", "\"say \"\"hi\"\"\",x\n", "1:say \"hi\"|x;");
    row("only a doubled quote", "\"\"\"\"\n", "1:\";");
    row("doubled quotes at the edges", "\"\"\"a\"\"\"\n", "1:\"a\";");
    row("empty quoted", "\"\",x\n", "1:|x;");
    row("quoted with CRLF after", "\"a\"\r\n\"b\"\r\n", "1:a;2:b;");
    row("embedded LF", "h1,h2\n\"line1\nline2\",x\nnext,y\n", "1:h1|h2;2:line1\nline2|x;4:next|y;");
    row("embedded CRLF kept", "\"a\r\nb\",c\r\nd,e\r\n", "1:a\r\nb|c;3:d|e;");
    row("embedded lone CR", "\"a\rb\",c\nd\n", "1:a\rb|c;3:d;");
    row("several embedded newlines", "\"1\n2\n3\",\"4\n\n5\"\nz\n", "1:1\n2\n3|4\n\n5;6:z;");
    row("embedded newline with doubled quote", "\"a\"\"\nb\"\"\nc\"\nz\n", "1:a\"\nb\"\nc;4:z;");
    row("empty fields", "a,,c\n", "1:a||c;");
    row("all empty fields", ",,\n", "1:||;");
    row("leading empty field", ",a\n", "1:|a;");
    row("trailing empty field", "a,b,\nc,d,\n", "1:a|b|;2:c|d|;");
    row("trailing empty field at end of file", "a,b,", "1:a|b|;");
    row("trailing empty quoted field", "a,\"\"\n", "1:a|;");
    row("blank lines skipped", "a\n\n\r\n\nb\n\n", "1:a;5:b;");
    row("blank lines before the first record", "\n\n\na\n", "4:a;");
    row("last record without newline", "a,b\nc,d", "1:a|b;2:c|d;");
    row("last quoted record without newline", "a\n\"c,d\"", "1:a;2:c,d;");
    row("spaces kept", " a , b \n", "1: a | b ;");
    row("single space record", " \n", "1: ;");
    row("utf8", "caf\xC3\xA9,\"\xE2\x82\xAC 5\"\n", "1:caf\xC3\xA9|\xE2\x82\xAC 5;");
    row("ragged rows", "a,b,c\nd\ne,f\n", "1:a|b|c;2:d;3:e|f;");
}

void TestCsvReader::records()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, expected);
    QCOMPARE(dump(readAll(data)), expected);
}

void TestCsvReader::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected"); // "line|message|toString()"

    const QString unterminated = QStringLiteral("unterminated quoted field (field %1); expected a closing quote");
    const QString inside = QStringLiteral("quote inside an unquoted field (field %1); quote the whole field and double the quote");
    const QString after =
        QStringLiteral("unexpected character after a closing quote (field %1); expected a comma or the end of the line");
    auto row = [](const char *tag, const QByteArray &data, qint64 line, const QString &message) {
        QTest::newRow(tag) << data
                           << QStringLiteral("%1|%2|t.csv:%1: %2").arg(line).arg(message);
    };
    row("unterminated names the line where the quote opens", "h\nok\n\"abc\ndef\n", 3, unterminated.arg(1));
    row("unterminated second field", "h\nx,\"abc", 2, unterminated.arg(2));
    row("unterminated after embedded newline record", "h\n\"a\nb\",c\nd,\"e\n", 4, unterminated.arg(2));
    row("unterminated after doubled quote", "\"a\"\"", 1, unterminated.arg(1));
    row("quote inside unquoted", "h\nab\"c,d\n", 2, inside.arg(1));
    row("quote inside unquoted second field", "a,b\"c\n", 1, inside.arg(2));
    row("quote at end of unquoted", "x,y,z\"\n", 1, inside.arg(3));
    row("quote inside unquoted after CRLF lines", "a\r\nb\r\n\r\nc,d\"\r\n", 4, inside.arg(2));
    row("text after closing quote", "\"a\"b,c\n", 1, after.arg(1));
    row("space after closing quote", "x,\"a\" ,b\n", 1, after.arg(2));
    row("after closing quote on a later line", "h\n\"a\nb\"x\n", 3, after.arg(1));
}

void TestCsvReader::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    QCOMPARE(errorOf(data), expected);
}

void TestCsvReader::errorIsImportError()
{
    try {
        readAll("h\n\"abc\n");
        QFAIL("no error");
    } catch (const ImportError &e) {
        QCOMPARE(e.file(), QStringLiteral("t.csv"));
        QCOMPARE(e.line(), qint64(2));
        QCOMPARE(e.column(), QString());
        QCOMPARE(QString::fromStdString(e.what()),
                 QStringLiteral("t.csv:2: unterminated quoted field (field 1); expected a closing quote"));
    }
}

void TestCsvReader::recordOffsets()
{
    const QByteArray data("\xEF\xBB\xBF" "ab,c\r\n\nd\n\"e\nf\"");
    CsvReader r(data, QStringLiteral("t.csv"));
    QVERIFY(r.next());
    QCOMPARE(r.recordBegin(), qsizetype(3));
    QCOMPARE(r.recordEnd(), qsizetype(9));
    QCOMPARE(r.line(), qint64(1));
    QVERIFY(r.next());
    QCOMPARE(r.recordBegin(), qsizetype(10));
    QCOMPARE(r.recordEnd(), qsizetype(12));
    QCOMPARE(r.line(), qint64(3));
    QVERIFY(r.next());
    QCOMPARE(r.recordBegin(), qsizetype(12));
    QCOMPARE(r.recordEnd(), qsizetype(data.size()));
    QCOMPARE(r.line(), qint64(4));
    QCOMPARE(str(r.field(0)), QStringLiteral("e\nf"));
    QVERIFY(!r.next());
    QVERIFY(!r.next()); // stays at the end
    QCOMPARE(r.fileName(), QStringLiteral("t.csv"));
}

void TestCsvReader::fieldsAreViewsIntoTheBuffer()
{
    const QByteArray data("plain,\"quoted, simple\",\"dou\"\"bled\"\n");
    CsvReader r(data, QString());
    QVERIFY(r.next());
    QCOMPARE(r.size(), 3);
    const char *b = data.constData(), *e = b + data.size();
    QVERIFY(r.field(0).data() >= b && r.field(0).data() < e);
    QVERIFY(r.field(1).data() >= b && r.field(1).data() < e);
    QCOMPARE(r.field(0).data(), b);
    QCOMPARE(r.field(1).data(), b + 7);
    QCOMPARE(str(r.field(2)), QStringLiteral("dou\"bled"));
    // Several unescaped fields in one record keep their own text.
    const QByteArray many("\"a\"\"1\",\"b\"\"2\",\"c\"\"3\",\"" + QByteArray(5000, 'x') + "\"\"\"\n");
    CsvReader r2(many, QString());
    QVERIFY(r2.next());
    QCOMPARE(str(r2.field(0)), QStringLiteral("a\"1"));
    QCOMPARE(str(r2.field(1)), QStringLiteral("b\"2"));
    QCOMPARE(str(r2.field(2)), QStringLiteral("c\"3"));
    QCOMPARE(r2.field(3).size(), std::size_t(5001));
    QCOMPARE(r2.field(3).back(), '"');
}

void TestCsvReader::fieldOutOfRange()
{
    const QByteArray data("a,b\n");
    CsvReader r(data, QString());
    QCOMPARE(r.size(), 0);
    QVERIFY(r.field(0).empty());
    QVERIFY(r.next());
    QCOMPARE(r.size(), 2);
    QVERIFY(r.field(2).empty());
    QVERIFY(r.field(-1).empty());
    QCOMPARE(str(r.field(1)), QStringLiteral("b"));
}

void TestCsvReader::header()
{
    const QByteArray data("\xEF\xBB\xBF Request_ID ,MODEL,\"Cost, USD\",\tService\t\r\nr1,gpt,1.5,api\r\n");
    CsvReader r(data, QStringLiteral("req.csv"));
    const CsvHeader h(r);
    QCOMPARE(h.names(), (std::vector<std::string>{"request_id", "model", "cost, usd", "service"}));
    QCOMPARE(h.index("request_id"), 0);
    QCOMPARE(h.index("REQUEST_ID"), 0);
    QCOMPARE(h.index("Request_Id"), 0);
    QCOMPARE(h.index("model"), 1);
    QCOMPARE(h.index("Model"), 1);
    QCOMPARE(h.index("COST, USD"), 2);
    QCOMPARE(h.index("service"), 3);
    QCOMPARE(h.index("cost"), -1);
    QCOMPARE(h.index("request_id "), -1);
    QCOMPARE(h.index(""), -1);
    QCOMPARE(h.require("MODEL"), 1);
    try {
        (void)h.require("Api_Key_Name");
        QFAIL("require() accepted a missing column");
    } catch (const ImportError &e) {
        QCOMPARE(e.file(), QStringLiteral("req.csv"));
        QCOMPARE(e.line(), qint64(1));
        QCOMPARE(e.message(), QStringLiteral("missing required column 'Api_Key_Name' in the header"));
        QCOMPARE(e.toString(), QStringLiteral("req.csv:1: missing required column 'Api_Key_Name' in the header"));
    }
    // The reader continues with the first data row.
    QVERIFY(r.next());
    QCOMPARE(r.line(), qint64(2));
    QCOMPARE(str(r.field(h.index("service"))), QStringLiteral("api"));
    QCOMPARE(str(r.field(h.require("cost, usd"))), QStringLiteral("1.5"));
    QVERIFY(!r.next());
}

void TestCsvReader::headerAfterBlankLines()
{
    const QByteArray data("\n\r\nid,name\n1,x\n");
    CsvReader r(data, QStringLiteral("b.csv"));
    const CsvHeader h(r);
    QCOMPARE(h.index("NAME"), 1);
    try {
        (void)h.require("model");
        QFAIL("require() accepted a missing column");
    } catch (const ImportError &e) {
        QCOMPARE(e.toString(), QStringLiteral("b.csv:3: missing required column 'model' in the header"));
    }
}

void TestCsvReader::headerEmptyFile()
{
    for (const QByteArray &data : {QByteArray(), QByteArray("\xEF\xBB\xBF"), QByteArray("\r\n\n")}) {
        CsvReader r(data, QStringLiteral("e.csv"));
        try {
            const CsvHeader h(r);
            QFAIL("an empty file has a header");
        } catch (const ImportError &e) {
            QCOMPARE(e.toString(), QStringLiteral("e.csv:1: empty file: a header row is required"));
        }
    }
}

void TestCsvReader::millionRows()
{
    // A generated buffer mixing every form; the expected fields, line numbers and a checksum
    // are computed while generating.
    QRandomGenerator g(7);
    constexpr int kRows = 1000000;
    QByteArray data;
    data.reserve(64 * kRows);
    data += "\xEF\xBB\xBFid,text,amount,note\r\n";
    quint64 expectedHash = 1469598103934665603ULL;
    auto mix = [](quint64 h, std::string_view v) {
        for (unsigned char c : v)
            h = (h ^ c) * 1099511628211ULL;
        return (h ^ 0xff) * 1099511628211ULL; // field separator
    };
    qint64 expectedFields = 0, expectedLineSum = 0, line = 2;
    for (int i = 0; i < kRows; ++i) {
        const qint64 recordLine = line;
        std::string fields[4];
        QByteArray raw[4];
        fields[0] = std::to_string(i);
        raw[0] = QByteArray::fromStdString(fields[0]);
        switch (g.bounded(6)) {
        case 0: fields[1] = "plain"; raw[1] = "plain"; break;
        case 1: fields[1] = "a,b"; raw[1] = "\"a,b\""; break;
        case 2: fields[1] = "say \"x\""; raw[1] = "\"say \"\"x\"\"\""; break;
        case 3: fields[1] = "two\nlines"; raw[1] = "\"two\nlines\""; ++line; break;
        case 4: fields[1] = ""; raw[1] = ""; break;
        default: fields[1] = ""; raw[1] = "\"\""; break;
        }
        fields[2] = std::to_string(g.bounded(100000)) + "." + std::to_string(g.bounded(100));
        raw[2] = QByteArray::fromStdString(fields[2]);
        const int trailing = g.bounded(3);
        fields[3] = trailing == 0 ? std::string() : std::string("n") + std::to_string(g.bounded(1000));
        raw[3] = QByteArray::fromStdString(fields[3]);
        data += raw[0] + ',' + raw[1] + ',' + raw[2] + ',' + raw[3];
        data += (i % 2) ? "\r\n" : "\n";
        ++line;
        if (i % 1000 == 999) { // a blank line now and then
            data += "\n";
            ++line;
        }
        for (const std::string &f : fields)
            expectedHash = mix(expectedHash, f);
        expectedFields += 4;
        expectedLineSum += recordLine;
    }
    while (data.endsWith('\n') || data.endsWith('\r'))
        data.chop(1); // the last record ends without a line break

    CsvReader r(data, QStringLiteral("big.csv"));
    const CsvHeader h(r);
    QCOMPARE(h.index("AMOUNT"), 2);
    qint64 records = 0, fields = 0, lineSum = 0;
    quint64 hash = 1469598103934665603ULL;
    while (r.next()) {
        if (r.size() != 4)
            QFAIL(qPrintable(QStringLiteral("record at line %1 has %2 fields").arg(r.line()).arg(r.size())));
        for (int i = 0; i < r.size(); ++i)
            hash = mix(hash, r.field(i));
        fields += r.size();
        lineSum += r.line();
        ++records;
    }
    QCOMPARE(records, qint64(kRows));
    QCOMPARE(fields, expectedFields);
    QCOMPARE(lineSum, expectedLineSum);
    QCOMPARE(hash, expectedHash);
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
