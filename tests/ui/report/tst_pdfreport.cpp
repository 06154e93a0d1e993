// SPDX-License-Identifier: Apache-2.0
// The PDF report a reviewer signs: rendered offscreen, it is a PDF whose text (pdftotext) holds
// the period, the decision, the sign-off or "not signed off", and PROVISIONAL with the
// observation time when the decision is provisional; inside a packet it is data/report/report.pdf,
// the packet verifies, and one changed byte of the PDF fails verification.
#include "core/packet/minisign.h"
#include "core/packet/packetexporter.h"
#include "core/packet/packetverifier.h"
#include "core/packet/reviewrecord.h"
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconciler.h"
#include "core/export/htmlreport.h"
#include "ui/report/pdfreport.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tl;

namespace {

struct Loaded
{
    Job job;
    LedgerSet set;
    ReconcileResult result;
};

void load(const QString &jobPath, Loaded *l, bool keepStored = false)
{
    l->job = Job::load(jobPath);
    JobRunner::load(l->job, l->set, keepStored);
    l->result = Reconciler::run(l->job, l->set);
}

} // namespace

class TestPdfReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pdftotext;

    /** The PDF's text (pdftotext -layout), or an empty string when the tool is missing. */
    QString text(const QByteArray &pdf, const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(pdf);
        f.close();
        QProcess p;
        p.start(m_pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")});
        p.waitForFinished(60000);
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    static ReviewRecord signoff()
    {
        QFile f(QStringLiteral(TL_TEST_DATA "/packet/signoff.json"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        ReviewRecord r;
        QString error;
        ReviewRecord::fromJson(f.readAll(), QStringLiteral("signoff.json"), &r, &error);
        return r;
    }

    static PacketReportContext context(const QString &id)
    {
        PacketReportContext c;
        c.packetId = id;
        c.periodLabel = QStringLiteral("2026-05");
        c.createdAt = QStringLiteral("2026-06-05T09:30:00Z");
        c.signerKeyId = QStringLiteral("0123456789ABCDEF");
        c.preparer = QStringLiteral("ci");
        return c;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    }

    void notSignedOffReport()
    {
        Loaded l;
        load(QStringLiteral(TL_SHARED_DIR "/examples/clean-month/job.json"), &l);
        QString error;
        const QByteArray pdf = PdfReport::render(l.result, l.set, context(QStringLiteral("PKT-acct-redacted-2026-05-001")), &error);
        QVERIFY2(pdf.startsWith("%PDF-"), qPrintable(error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        if (m_pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) missing");
        const QString t = text(pdf, QStringLiteral("clean.pdf"));
        QVERIFY2(t.contains(QLatin1String("Reconciliation report")), qPrintable(t));
        QVERIFY(t.contains(QLatin1String("PKT-acct-redacted-2026-05-001")));
        QVERIFY(t.contains(QLatin1String("2026-05-01T00:00:00Z")));
        QVERIFY(t.contains(QLatin1String("May 2026")));
        QVERIFY(t.contains(QLatin1String("Decision: warn")));
        QVERIFY(t.contains(QLatin1String("not signed off")));
        QVERIFY(t.contains(QLatin1String("NOT SIGNED OFF")));
        QVERIFY(!t.contains(QLatin1String("PROVISIONAL")));
        QVERIFY(t.contains(QLatin1String("Page 1 of ")));
        // Totals are exact decimals beside the rounded headline.
        QVERIFY(t.contains(QLatin1String("exact ") + l.result.estimatedBillable.toString()));
        // The sections a reviewer reads.
        for (const char *s : {"Variance waterfall", "Spend per API key", "Variance by category", "By API key", "Owner groups and budgets (USD)",
                              "Alerts", "Unit costs (USD)", "Quarantines", "Evidence used", "Inputs", "Sign-off"})
            QVERIFY2(t.contains(QLatin1String(s)), s);
    }

    // Two quarantines at the same second, in the file as z then a: the PDF lists them as the
    // HTML report and lines.csv do (time, then request id), so the two reports read alike.
    void quarantinesInTheOrderOfTheHtmlReport()
    {
        Loaded l;
        load(QStringLiteral(TL_TEST_DATA "/report/quarantine-ties/job.json"), &l);
        QCOMPARE(l.result.quarantinedUnknownModel, qint64(2));
        const QByteArray html = HtmlReport::html(l.result, l.set, QStringLiteral("ties"));
        const qsizetype ha = html.indexOf("req-tie-a"), hz = html.indexOf("req-tie-z");
        QVERIFY(ha > 0 && ha < hz);
        QString error;
        const QByteArray pdf = PdfReport::render(l.result, l.set, context(QStringLiteral("PKT-acct-2026-05-001")), &error);
        QVERIFY2(pdf.startsWith("%PDF-"), qPrintable(error));
        if (m_pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) missing");
        const QString t = text(pdf, QStringLiteral("ties.pdf"));
        const qsizetype pa = t.indexOf(QLatin1String("req-tie-a")), pz = t.indexOf(QLatin1String("req-tie-z"));
        QVERIFY2(pa > 0 && pa < pz, qPrintable(t.mid(t.indexOf(QLatin1String("Quarantines")), 1500)));
    }

    void provisionalReportSaysSo()
    {
        Loaded l;
        load(QStringLiteral(TL_TEST_DATA "/reconcile/cli/job-provisional.json"), &l);
        QVERIFY(l.result.provisional);
        QString error;
        const QByteArray pdf = PdfReport::render(l.result, l.set, context(QStringLiteral("PKT-acct-2026-05-001")), &error);
        QVERIFY2(pdf.startsWith("%PDF-"), qPrintable(error));
        if (m_pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) missing");
        const QString t = text(pdf, QStringLiteral("provisional.pdf"));
        QVERIFY2(t.contains(QLatin1String("PROVISIONAL")), qPrintable(t));
        QVERIFY(t.contains(QLatin1String("observed at 2026-06-01T12:00:00Z, 12 h after the period end")));
        // Every page carries the mark in its header.
        const int pages = int(t.count(QChar(0x0c))) + (t.endsWith(QChar(0x0c)) ? 0 : 1);
        QVERIFY(pages >= 2);
        QVERIFY2(t.count(QLatin1String("PROVISIONAL")) >= pages, qPrintable(QString::number(pages)));
    }

    void signedOffReportNamesTheReviewer()
    {
        Loaded l;
        load(QStringLiteral(TL_SHARED_DIR "/examples/clean-month/job.json"), &l);
        PacketReportContext c = context(QStringLiteral("PKT-acct-redacted-2026-05-002"));
        c.signedOff = true;
        c.signoff = signoff();
        QVERIFY(!c.signoff.isEmpty());
        QString error;
        const QByteArray pdf = PdfReport::render(l.result, l.set, c, &error);
        QVERIFY2(pdf.startsWith("%PDF-"), qPrintable(error));
        if (m_pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) missing");
        const QString t = text(pdf, QStringLiteral("signed.pdf"));
        QVERIFY(t.contains(QLatin1String("SIGNED OFF")));
        QVERIFY(t.contains(QLatin1String("Signed off by Dana Whitfield (finance controller) on 2026-06-05")));
        QVERIFY(t.contains(QLatin1String("accepted with follow-up")));
        QVERIFY(!t.contains(QLatin1String("not signed off")));
    }

    // In a packet: report.pdf (no report.html), verified, and one changed byte fails.
    void packetCarriesThePdf()
    {
        Loaded l;
        load(QStringLiteral(TL_TEST_DATA "/reconcile/cli/job-provisional.json"), &l, true);
        const auto k = Minisign::generate(QByteArray());
        QString error;
        const MinisignSecretKey sk = Minisign::loadSecretKey(k.secretKeyText, QByteArray(), &error);
        QVERIFY(sk.isValid());
        MinisignPublicKey pub;
        QVERIFY(Minisign::loadPublicKey(k.publicKeyText, &pub, &error));
        PacketOptions po;
        po.outFile = m_dir.filePath(QStringLiteral("out/month.zip"));
        po.renderReport = &PdfReport::render;
        po.createdAt = 1780272000LL * 1000000;
        QString id;
        const QString zip = PacketExporter::write(l.job, l.set, l.result, sk, po, &error, &id);
        QVERIFY2(!zip.isEmpty(), qPrintable(error));
        QCOMPARE(zip, po.outFile);
        QCOMPARE(id, QStringLiteral("PKT-acct-2026-05-001"));
        QMap<QString, QByteArray> files;
        QVERIFY(PacketVerifier::readZip(zip, &files, &error));
        const QString pdfPath = id + QStringLiteral("/data/report/report.pdf");
        QVERIFY(files.contains(pdfPath));
        QVERIFY(!files.contains(id + QStringLiteral("/data/report/report.html")));
        QVERIFY(files.value(pdfPath).startsWith("%PDF-"));
        QVERIFY(files.value(id + QStringLiteral("/data/packet.json")).contains("\"report:report.pdf\": \"data/report/report.pdf\""));
        const PacketVerification ok = PacketVerifier::verifyZip(zip, pub);
        QVERIFY2(ok.ok, qPrintable(ok.firstFailure));

        QMap<QString, QByteArray> bag;
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            bag.insert(it.key().mid(id.size() + 1), it.value());
        QByteArray &pdf = bag[QStringLiteral("data/report/report.pdf")];
        const qsizetype at = pdf.size() / 2;
        pdf[at] = char(pdf[at] ^ 0x01);
        const PacketVerification bad = PacketVerifier::verifyFiles(id, bag, pub);
        QVERIFY(!bad.ok);
        QCOMPARE(bad.firstFailure, QStringLiteral("manifest-sha256.txt: checksum mismatch for data/report/report.pdf"));

        if (m_pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) missing");
        const QString t = text(files.value(pdfPath), QStringLiteral("packet.pdf"));
        QVERIFY(t.contains(QLatin1String("PKT-acct-2026-05-001")));
        QVERIFY(t.contains(QLatin1String("PROVISIONAL")));
        QVERIFY(t.contains(QLatin1String("not signed off")));
        QVERIFY(t.contains(QLatin1String("2026-06-01T00:00:00Z"))); // created_at
    }
};

QTEST_MAIN(TestPdfReport)
#include "tst_pdfreport.moc"
