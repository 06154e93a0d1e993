// SPDX-License-Identifier: Apache-2.0
// Every documented format has a sample file under tests/data/import/samples/ named after its
// format id; each imports cleanly with the format named and with the format detected.
#include "core/import/formatregistry.h"
#include "core/import/importer.h"

#include <QDir>
#include <QTest>

using namespace tl;

class TestFormatSamples : public QObject
{
    Q_OBJECT

private slots:
    void everyFormatImportsItsSample_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(TL_TEST_DATA "/import/samples"));
        QCOMPARE(FormatRegistry::all().size(), std::size_t(19));
        for (const FormatInfo &f : FormatRegistry::all()) {
            const QStringList files = dir.entryList({f.id + QStringLiteral(".*")}, QDir::Files);
            QVERIFY2(files.size() == 1, qPrintable(QStringLiteral("no sample file for %1").arg(f.id)));
            QTest::newRow(f.id.toUtf8().constData()) << f.id << dir.filePath(files.first());
        }
    }

    void everyFormatImportsItsSample()
    {
        QFETCH(QString, format);
        QFETCH(QString, path);
        const FormatInfo *info = FormatRegistry::find(format);
        QVERIFY(info);
        for (bool detect : {false, true}) {
            ImportOptions o;
            o.kind = info->kinds.first();
            o.format = detect ? QString() : format;
            o.assumeTz = QStringLiteral("UTC"); // the LiteLLM spend log carries no zone
            o.accountRef = QStringLiteral("acct");
            o.observedAt = 1780617600LL * 1000000;
            LedgerSet set;
            ImportReport r;
            try {
                r = Importer::importFile(path, o, set);
            } catch (const ImportError &e) {
                QFAIL(qPrintable(e.toString()));
            }
            QCOMPARE(r.format, format);
            QCOMPARE(r.formatDetected, detect);
            QVERIFY2(r.rowsRead > 0, qPrintable(path));
            QCOMPARE(set.files.size(), std::size_t(1));
            QCOMPARE(set.files.front().report.sha256Received.size(), 64);
        }
    }
};

QTEST_GUILESS_MAIN(TestFormatSamples)
#include "tst_formatsamples.moc"
