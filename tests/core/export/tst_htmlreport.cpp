// SPDX-License-Identifier: Apache-2.0
#include "core/export/htmlreport.h"

#include "exampleresult.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace tl;
using namespace tl::test;

class TestHtmlReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsDecisionAndReasons();
    void labelsEstimatedAndReconciledTotals();
    void hasInlineCharts();
    void svgsAreWellFormed_data();
    void svgsAreWellFormed();
    void waterfallWalksThroughEachCategory();
    void tablesCarryKeysBudgetsAndModels();
    void inputsRegisterShowsBothHashes();
    void provisionalBanner();
    void noProviderFigure();
    void imageLinksForThePdfRenderer();
    void deterministicAndWritable();
    void noSecretInOutput();

private:
    std::unique_ptr<ExampleResult> m_ex;
    QByteArray m_html;
};

void TestHtmlReport::initTestCase()
{
    m_ex = ExampleResult::load();
    m_html = HtmlReport::html(m_ex->result, *m_ex->set, QStringLiteral("Clean month <May 2026>"));
    QVERIFY(m_html.startsWith("<!DOCTYPE html>"));
    QVERIFY(m_html.endsWith("</html>\n"));
}

void TestHtmlReport::showsDecisionAndReasons()
{
    QCOMPARE(m_ex->result.decision, Decision::Warn);
    QVERIFY(m_html.contains(">WARN<"));
    QVERIFY(!m_ex->result.reasons.empty());
    for (const DecisionReason &r : m_ex->result.reasons)
        QVERIFY2(m_html.contains(r.code.toUtf8()), qPrintable(r.code));
    QVERIFY(m_html.contains("missing_usage"));
    // The title is escaped.
    QVERIFY(m_html.contains("<h1>Clean month &lt;May 2026&gt;</h1>"));
}

void TestHtmlReport::labelsEstimatedAndReconciledTotals()
{
    QVERIFY(m_html.contains("10.814488356")); // estimated billable, exact
    QVERIFY(m_html.contains("10.828382"));    // provider-reported, exact
    QVERIFY(m_html.contains("10.81 USD"));    // rounded headline
    QVERIFY(m_html.contains("ESTIMATED"));
    QVERIFY(m_html.contains("RECONCILED"));
    QVERIFY(m_html.contains("Reconciled (provider-reported)"));
    QVERIFY(m_html.contains("+0.013893644")); // variance
    QVERIFY(!m_html.contains("PROVISIONAL"));  // observed 4 days after the period end
}

void TestHtmlReport::hasInlineCharts()
{
    QCOMPARE(m_html.count("<svg "), 3);
    QVERIFY(!m_html.contains("<script"));
    QVERIFY(!m_html.contains("http://") || m_html.count("http://") == m_html.count("xmlns=\"http://www.w3.org/2000/svg\""));
}

void TestHtmlReport::svgsAreWellFormed_data()
{
    QTest::addColumn<int>("chart");
    QTest::newRow("waterfall") << int(HtmlReport::Chart::Waterfall);
    QTest::newRow("daily") << int(HtmlReport::Chart::Daily);
    QTest::newRow("by model") << int(HtmlReport::Chart::ByModel);
}

void TestHtmlReport::svgsAreWellFormed()
{
    QFETCH(int, chart);
    const auto c = static_cast<HtmlReport::Chart>(chart);
    const QByteArray svg = HtmlReport::svg(c, m_ex->result, *m_ex->set);
    QXmlStreamReader xml(svg);
    int elements = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement)
            ++elements;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(elements > 10);
    QVERIFY(svg.contains("width=\"" + QByteArray::number(HtmlReport::chartWidth(c, m_ex->result)) + "\""));
    QVERIFY(svg.contains("height=\"" + QByteArray::number(HtmlReport::chartHeight(c, m_ex->result)) + "\""));
    QVERIFY(m_html.contains(svg)); // the same chart is inline in the report
}

void TestHtmlReport::waterfallWalksThroughEachCategory()
{
    const QByteArray svg = HtmlReport::svgWaterfall(m_ex->result, *m_ex->set);
    QVERIFY(svg.contains("estimated_billable 10.814488356"));
    QVERIFY(svg.contains("reconciled 10.828382"));
    int shown = 0;
    for (int i = 0; i < VarianceCategoryCount; ++i) {
        const Decimal a = m_ex->result.varianceByCategory[static_cast<std::size_t>(i)];
        if (a.isZero())
            continue;
        const QByteArray name = varianceCategoryName(static_cast<VarianceCategory>(i));
        const QByteArray value = (a.isNegative() ? "" : "+") + QByteArray::fromStdString(a.toStdString());
        QVERIFY2(svg.contains("<title>" + name + " " + value), name.constData());
        ++shown;
    }
    QVERIFY(shown > 0);
}

void TestHtmlReport::tablesCarryKeysBudgetsAndModels()
{
    QVERIFY(m_html.contains("support-team"));
    QVERIFY(m_html.contains("CC-MED"));
    QVERIFY(m_html.contains("500 USD")); // monthly budget from owners.csv
    QVERIFY(m_html.contains("1.8%"));    // media-prod: 9.1 of 500
    QVERIFY(m_html.contains("kling_video"));
    QVERIFY(m_html.contains("Anthropic"));
    QVERIFY(m_html.contains("No finance records"));
    QVERIFY(m_html.contains("Variance by category"));
    QVERIFY(m_html.contains("unexplained"));
    // Owners, alerts and unit costs (core/allocation), as in the PDF report: the owner groups
    // add up to the estimated billable exactly.
    const qsizetype owners = m_html.indexOf("<h2>Owner groups and budgets</h2>");
    const qsizetype alerts = m_html.indexOf("<h2>Alerts</h2>");
    const qsizetype units = m_html.indexOf("<h2>Unit costs</h2>");
    QVERIFY(owners > 0 && alerts > owners && units > alerts);
    const QByteArray ownersSection = m_html.mid(owners, alerts - owners);
    QVERIFY(ownersSection.contains("<tr class=\"total\"><td>Total</td>"));
    QVERIFY(ownersSection.contains(">10.814488356<"));
    QVERIFY(ownersSection.contains(">(unmapped)<"));
    QVERIFY(ownersSection.contains(">media-team<"));
}

void TestHtmlReport::inputsRegisterShowsBothHashes()
{
    QFile client(ExampleResult::dir() + QStringLiteral("/client.csv"));
    QVERIFY(client.open(QIODevice::ReadOnly));
    const QByteArray received = QCryptographicHash::hash(client.readAll(), QCryptographicHash::Sha256).toHex();
    QVERIFY(m_html.contains("received " + received));
    // client.csv held secrets: its stored copy is redacted, so its hash differs.
    const SourceFile *f = nullptr;
    for (const SourceFile &s : m_ex->set->files)
        if (s.report.fileName == QLatin1String("client.csv"))
            f = &s;
    QVERIFY(f);
    QVERIFY(f->report.redactions > 0);
    QVERIFY(m_html.contains("stored &nbsp;&nbsp;" + f->report.sha256Stored.toUtf8()));
    for (const char *name : {"quota.json", "prices.csv", "mapping.csv", "policy.csv", "evidence.csv", "owners.csv"})
        QVERIFY2(m_html.contains(name), name);
}

void TestHtmlReport::provisionalBanner()
{
    ReconcileResult r = m_ex->result;
    r.provisional = true;
    const QByteArray html = HtmlReport::html(r, *m_ex->set, QStringLiteral("Provisional"));
    QVERIFY(html.contains("<b>PROVISIONAL.</b>"));
    QVERIFY(html.contains("2026-06-05T00:00:00Z"));
    QVERIFY(html.contains("Provider-reported (provisional)"));
    QVERIFY(!html.contains("Reconciled (provider-reported)"));
}

void TestHtmlReport::noProviderFigure()
{
    ReconcileResult r = m_ex->result;
    r.providerReported = {};
    r.variance = {};
    for (KeyTotals &k : r.byKey) {
        k.providerReported = {};
        k.variance = {};
    }
    for (DayCount &d : r.dayCounts)
        d.provider = {};
    const QByteArray html = HtmlReport::html(r, *m_ex->set, QStringLiteral("Estimates only"));
    QVERIFY(html.contains("NOT AVAILABLE"));
    QVERIFY(html.contains("no variance to explain"));
    QVERIFY(html.contains("10.814488356"));
    QXmlStreamReader xml(HtmlReport::svgWaterfall(r, *m_ex->set));
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY(!xml.hasError());
}

void TestHtmlReport::imageLinksForThePdfRenderer()
{
    const QByteArray html = HtmlReport::html(m_ex->result, *m_ex->set, QStringLiteral("PDF"), HtmlReport::Charts::ImageLinks);
    QVERIFY(!html.contains("<svg"));
    for (const auto c : {HtmlReport::Chart::Waterfall, HtmlReport::Chart::Daily, HtmlReport::Chart::ByModel})
        QVERIFY(html.contains("<img src=\"" + HtmlReport::chartUrl(c).toUtf8() + "\""));
}

void TestHtmlReport::deterministicAndWritable()
{
    QCOMPARE(HtmlReport::html(m_ex->result, *m_ex->set, QStringLiteral("Clean month <May 2026>")), m_html);
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("report.html"));
    QVERIFY2(HtmlReport::write(path, m_ex->result, *m_ex->set, QStringLiteral("Clean month <May 2026>"), &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), m_html);
}

void TestHtmlReport::noSecretInOutput()
{
    QVERIFY(!m_html.contains("sk-"));
    for (const auto c : {HtmlReport::Chart::Waterfall, HtmlReport::Chart::Daily, HtmlReport::Chart::ByModel})
        QVERIFY(!HtmlReport::svg(c, m_ex->result, *m_ex->set).contains("sk-"));
}

QTEST_GUILESS_MAIN(TestHtmlReport)
#include "tst_htmlreport.moc"
