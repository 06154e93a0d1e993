// SPDX-License-Identifier: Apache-2.0
// The charts over the example job: attempts per day by outcome (from the reconciliation's key
// and day cells), and every chart saved as PNG and SVG, directly and through its context menu.
#include "core/util/timeutil.h"
#include "ui/charts/budgetchart.h"
#include "ui/charts/dailyspendchart.h"
#include "ui/charts/modelspendchart.h"
#include "ui/charts/outcomedaychart.h"
#include "ui/charts/outcomedayseries.h"
#include "ui/charts/variancewaterfallchart.h"
#include "ui/document/workspacedocument.h"
#include "ui/models/spendseries.h"

#include <QAction>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

#include <cstdlib>
#include <memory>

using namespace tl;

namespace {

/** The bar sets of a chart's first bar series, by name. */
QList<QBarSet *> barSets(ChartPanel *panel)
{
    const auto series = panel->chart()->series();
    if (series.isEmpty())
        return {};
    auto *bars = qobject_cast<QAbstractBarSeries *>(series.front());
    return bars ? bars->barSets() : QList<QBarSet *>{};
}

qint64 sum(const QBarSet *set)
{
    qint64 n = 0;
    for (int i = 0; i < set->count(); ++i)
        n += static_cast<qint64>(set->at(i));
    return n;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void outcomeSeriesAddsUpToTheResult();
    void outcomeChartStacksPresentOutcomes();
    void outcomeChartLeavesOutSuccesses();
    void outcomeSegmentClickNamesDayAndOutcome();
    void outcomeChartPlaceholders();
    void everyChartSavesPngAndSvg();
    void emptyChartRefusesToSave();
    void contextMenuSavesThroughTheDialog();

private:
    WorkspaceDocument m_doc;
    std::shared_ptr<const Workspace> m_ws;
};

void TestCharts::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_doc.open(QStringLiteral(TL_SHARED_DIR "/examples/clean-month/job.json"));
    m_doc.future().waitForFinished();
    QVERIFY(QTest::qWaitFor([this] { return !m_doc.isLoading() && m_doc.hasWorkspace(); }, 60000));
    m_ws = m_doc.workspace();
}

void TestCharts::outcomeSeriesAddsUpToTheResult()
{
    const ReconcileResult &r = m_ws->result;
    const OutcomeDaySeries all = OutcomeDaySeries::build(r, m_ws->set.pool());
    QCOMPARE(all.days, 31);
    QCOMPARE(all.firstDay, timeutil::utcDay(r.period.start));
    QCOMPARE(all.outsideDays, qint64(0));
    QCOMPARE(all.total(), r.attempts);
    QCOMPARE(all.total(), qint64(309));
    for (int o = 0; o < OutcomeCount; ++o) {
        QCOMPARE(all.totals[std::size_t(o)], r.byOutcome[std::size_t(o)]);
        qint64 days = 0;
        for (int d = 0; d < all.days; ++d)
            days += all.count(d, Outcome(o));
        QCOMPARE(days, all.totals[std::size_t(o)]);
    }
    // Per key: the key's attempts; and the keys add up to all keys, day by day.
    OutcomeDaySeries::Counts keysTotal{};
    std::vector<OutcomeDaySeries::Counts> keysPerDay(std::size_t(all.days));
    for (const KeyTotals &k : r.byKey) {
        const OutcomeDaySeries one = OutcomeDaySeries::build(r, m_ws->set.pool(), m_ws->set.pool().string(k.apiKey));
        qint64 lines = 0;
        for (std::uint32_t row : r.lineRow)
            lines += m_ws->set.client.apiKey[row] == k.apiKey ? 1 : 0;
        QCOMPARE(one.total(), lines);
        for (int d = 0; d < one.days; ++d)
            for (int o = 0; o < OutcomeCount; ++o) {
                keysPerDay[std::size_t(d)][std::size_t(o)] += one.count(d, Outcome(o));
                keysTotal[std::size_t(o)] += one.count(d, Outcome(o));
            }
    }
    QCOMPARE(keysTotal, all.totals);
    for (int d = 0; d < all.days; ++d)
        QCOMPARE(keysPerDay[std::size_t(d)], all.perDay[std::size_t(d)]);
    // An independent count from the lines: outcome and UTC day of each client attempt.
    OutcomeDaySeries::Counts firstDay{};
    for (std::size_t li = 0; li < r.lineRow.size(); ++li)
        if (timeutil::utcDay(m_ws->set.client.timestamp[r.lineRow[li]]) == all.firstDay)
            ++firstDay[std::size_t(r.lineOutcome[li])];
    QCOMPARE(all.perDay.front(), firstDay);
}

void TestCharts::outcomeChartStacksPresentOutcomes()
{
    const OutcomeDaySeries s = OutcomeDaySeries::build(m_ws->result, m_ws->set.pool());
    OutcomeDayChart chart;
    chart.setSeries(&s);
    QVERIFY(chart.isShowingChart());
    QVERIFY(qobject_cast<QStackedBarSeries *>(chart.chart()->series().front()));
    const QList<QBarSet *> sets = barSets(&chart);
    const std::vector<Outcome> present = s.presentOutcomes();
    QCOMPARE(sets.size(), qsizetype(present.size()));
    QVERIFY(present.size() >= 2);
    for (qsizetype i = 0; i < sets.size(); ++i) {
        const Outcome o = present[std::size_t(i)];
        QCOMPARE(sets[i]->label(), QString::fromLatin1(outcomeName(o)));
        QCOMPARE(sets[i]->count(), 31);
        QCOMPARE(sum(sets[i]), s.totals[std::size_t(o)]);
        QCOMPARE(sets[i]->color(), OutcomeDayChart::outcomeColor(o));
    }
    QCOMPARE(chart.chart()->title(), QStringLiteral("Attempts per day by outcome, all keys"));
    QVERIFY2(chart.caption().startsWith(QStringLiteral("309 client attempts: success <b>")), qPrintable(chart.caption()));
}

void TestCharts::outcomeChartLeavesOutSuccesses()
{
    const OutcomeDaySeries s = OutcomeDaySeries::build(m_ws->result, m_ws->set.pool());
    OutcomeDayChart chart;
    chart.setSeries(&s);
    const int before = int(barSets(&chart).size());
    chart.hideSuccessesBox()->setChecked(true); // as the user ticks it
    QVERIFY(chart.successesHidden());
    const QList<QBarSet *> sets = barSets(&chart);
    int successes = 0;
    for (Outcome o : s.presentOutcomes())
        successes += (o == Outcome::Success || o == Outcome::SuccessStream) ? 1 : 0;
    QCOMPARE(int(sets.size()), before - successes);
    for (QBarSet *set : sets) {
        QVERIFY(set->label() != QLatin1String("success"));
        QVERIFY(set->label() != QLatin1String("success_stream"));
    }
    QVERIFY(chart.chart()->title().contains(QStringLiteral("without successes")));
    chart.setSuccessesHidden(false);
    QVERIFY(!chart.hideSuccessesBox()->isChecked());
    QCOMPARE(int(barSets(&chart).size()), before);
}

void TestCharts::outcomeSegmentClickNamesDayAndOutcome()
{
    const OutcomeDaySeries s = OutcomeDaySeries::build(m_ws->result, m_ws->set.pool());
    OutcomeDayChart chart;
    chart.setSeries(&s);
    QSignalSpy spy(&chart, &OutcomeDayChart::segmentClicked);
    QBarSet *second = barSets(&chart).at(1);
    emit second->clicked(9); // the 10th of May
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.front().at(0).toInt(), s.firstDay + 9);
    QCOMPARE(spy.front().at(1).value<Outcome>(), s.presentOutcomes().at(1));
}

void TestCharts::outcomeChartPlaceholders()
{
    OutcomeDayChart chart;
    QVERIFY(!chart.isShowingChart());
    QVERIFY(!chart.hideSuccessesBox()->isEnabled());
    // A period where everything succeeded has nothing to show without the successes.
    OutcomeDaySeries s;
    s.firstDay = 20574;
    s.days = 2;
    s.perDay.assign(2, OutcomeDaySeries::Counts{});
    s.perDay[0][std::size_t(Outcome::Success)] = 5;
    s.totals[std::size_t(Outcome::Success)] = 5;
    chart.setSeries(&s);
    QVERIFY(chart.isShowingChart());
    chart.setSuccessesHidden(true);
    QVERIFY(!chart.isShowingChart());
    QVERIFY(!chart.savePngAction()->isEnabled());
}

void TestCharts::everyChartSavesPngAndSvg()
{
    QTemporaryDir dir;
    const SpendSeries spend = SpendSeries::build(*m_ws, QString());
    const OutcomeDaySeries outcomes = OutcomeDaySeries::build(m_ws->result, m_ws->set.pool());
    const QString cur = m_ws->result.period.currency;
    auto waterfall = std::make_unique<VarianceWaterfallChart>();
    waterfall->setWorkspace(m_ws);
    auto daily = std::make_unique<DailySpendChart>();
    daily->setSeries(&spend, cur);
    auto budget = std::make_unique<BudgetChart>();
    budget->setSeries(&spend, cur);
    auto models = std::make_unique<ModelSpendChart>();
    models->setWorkspace(m_ws);
    auto perDay = std::make_unique<OutcomeDayChart>();
    perDay->setSeries(&outcomes);
    const std::vector<ChartPanel *> charts{waterfall.get(), daily.get(), budget.get(), models.get(), perDay.get()};
    int n = 0;
    for (ChartPanel *c : charts) {
        ++n;
        c->resize(700, 420);
        c->show();
        QVERIFY(QTest::qWaitForWindowExposed(c));
        QVERIFY(c->isShowingChart());
        QVERIFY(c->savePngAction()->isEnabled());
        QVERIFY(c->saveSvgAction()->isEnabled());
        QVERIFY(c->chartView()->actions().contains(c->savePngAction()));
        QVERIFY(c->chartView()->actions().contains(c->saveSvgAction()));
        QCOMPARE(c->chartView()->contextMenuPolicy(), Qt::ActionsContextMenu);
        const QString png = dir.filePath(QStringLiteral("chart%1.png").arg(n));
        const QString svg = dir.filePath(QStringLiteral("chart%1.svg").arg(n));
        QString error;
        QVERIFY2(c->savePng(png, &error), qPrintable(error));
        QVERIFY2(c->saveSvg(svg, &error), qPrintable(error));

        // The PNG: the whole chart as shown, at twice the pixels: scaled back, it looks like the screen.
        const QSize shown = c->chart()->size().toSize();
        QCOMPARE(shown, c->chartView()->viewport()->size());
        const QImage image(png);
        QVERIFY2(!image.isNull(), qPrintable(png));
        QCOMPARE(image.size(), shown * 2);
        const QImage screen = c->chartView()->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
        const QImage small = image.scaled(screen.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_RGB32);
        qint64 diff = 0, pixels = 0, ink = 0;
        for (int y = 0; y < screen.height(); y += 2)
            for (int x = 0; x < screen.width(); x += 2) {
                const QRgb a = screen.pixel(x, y), b = small.pixel(x, y);
                diff += std::abs(qGray(a) - qGray(b));
                ink += qGray(b) < 200 ? 1 : 0;
                ++pixels;
            }
        QVERIFY2(diff / pixels < 12, qPrintable(QStringLiteral("%1: mean difference %2").arg(c->chart()->title()).arg(diff / pixels)));
        QVERIFY2(ink * 50 > pixels, qPrintable(c->chart()->title())); // not blank

        // The SVG: well-formed XML with an <svg> root, text as text, and drawable.
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.contains("<svg"));
        QXmlStreamReader xml(bytes);
        bool sawSvg = false;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("svg"))
                sawSvg = true;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sawSvg);
        QVERIFY2(bytes.contains(c->chart()->title().toHtmlEscaped().toUtf8()) || bytes.contains(c->chart()->title().toUtf8())
                     || c->chart()->title().isEmpty(),
                 qPrintable(c->chart()->title()));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox(), QRect(QPoint(0, 0), shown));
        c->hide();
    }
    // Saved right after a change (before the event loop lays the chart out again): the file shows
    // what the screen then shows, legend included.
    perDay->resize(520, 360);
    perDay->show();
    QVERIFY(QTest::qWaitForWindowExposed(perDay.get()));
    perDay->setSuccessesHidden(true);
    const QString fresh = dir.filePath(QStringLiteral("fresh.png"));
    QString error;
    QVERIFY2(perDay->savePng(fresh, &error), qPrintable(error));
    QTest::qWait(50);
    const QImage screen = perDay->chartView()->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QImage saved = QImage(fresh).scaled(screen.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_RGB32);
    qint64 diff = 0, pixels = 0;
    for (int y = 0; y < screen.height(); y += 2)
        for (int x = 0; x < screen.width(); x += 2, ++pixels)
            diff += std::abs(qGray(screen.pixel(x, y)) - qGray(saved.pixel(x, y)));
    QVERIFY2(diff / pixels < 12, qPrintable(QStringLiteral("mean difference %1").arg(diff / pixels)));
    // Three failure classes fit under a 520-pixel chart; all five would go beside it.
    QCOMPARE(perDay->shownOutcomes().size(), std::size_t(3));
    QCOMPARE(perDay->chart()->legend()->alignment(), Qt::AlignBottom);
    perDay->setSuccessesHidden(false);
    QCOMPARE(perDay->chart()->legend()->alignment(), Qt::AlignRight);

    // A file name from the title.
    QCOMPARE(daily->suggestedFileName(), QStringLiteral("daily-spend-all-keys"));
}

void TestCharts::emptyChartRefusesToSave()
{
    QTemporaryDir dir;
    DailySpendChart chart;
    chart.setSeries(nullptr, QString());
    QVERIFY(!chart.savePngAction()->isEnabled());
    QVERIFY(!chart.saveSvgAction()->isEnabled());
    QString error;
    const QString path = dir.filePath(QStringLiteral("x.png"));
    QVERIFY(!chart.savePng(path, &error));
    QVERIFY2(error.startsWith(QStringLiteral("there is no chart to save")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
    // An unwritable place says where.
    const SpendSeries spend = SpendSeries::build(*m_ws, QString());
    chart.setSeries(&spend, QStringLiteral("USD"));
    const QString bad = dir.filePath(QStringLiteral("no/such/folder/x.svg"));
    QVERIFY(!chart.saveSvg(bad, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot write ") + bad), qPrintable(error));
}

void TestCharts::contextMenuSavesThroughTheDialog()
{
    QTemporaryDir dir;
    QSettings().setValue(QStringLiteral("charts/exportDirectory"), dir.path());
    ModelSpendChart chart;
    chart.setWorkspace(m_ws);
    chart.resize(640, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QSignalSpy saved(&chart, &ChartPanel::chartSaved);
    for (const bool svg : {false, true}) {
        QString proposed;
        // The file dialog the action opens: read what it proposes, type a name without the suffix, accept.
        QTimer::singleShot(0, this, [&proposed] {
            QTRY_VERIFY(qobject_cast<QFileDialog *>(QApplication::activeModalWidget()));
            auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            proposed = dialog->selectedFiles().value(0);
            auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
            QVERIFY(name);
            name->setText(QStringLiteral("models"));
            static_cast<QDialog *>(dialog)->accept(); // public in QDialog, the file dialog's own check runs
        });
        (svg ? chart.saveSvgAction() : chart.savePngAction())->trigger();
        const QString expected = dir.filePath(svg ? QStringLiteral("models.svg") : QStringLiteral("models.png"));
        QCOMPARE(proposed, dir.filePath(svg ? QStringLiteral("estimated-spend-by-model.svg") : QStringLiteral("estimated-spend-by-model.png")));
        QCOMPARE(saved.size(), svg ? 2 : 1);
        QCOMPARE(saved.last().at(0).toString(), expected);
        QVERIFY(QFile::exists(expected));
    }
    QVERIFY(!QImage(dir.filePath(QStringLiteral("models.png"))).isNull());
    QVERIFY(QSvgRenderer(dir.filePath(QStringLiteral("models.svg"))).isValid());
    QCOMPARE(QSettings().value(QStringLiteral("charts/exportDirectory")).toString(), dir.path());
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
