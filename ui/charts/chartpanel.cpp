// SPDX-License-Identifier: Apache-2.0
#include "ui/charts/chartpanel.h"

#include <QAbstractAxis>
#include <QAction>
#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLegend>
#include <QImage>
#include <QImageWriter>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStackedWidget>
#include <QSvgGenerator>
#include <QVBoxLayout>

namespace tl {

ChartPanel::ChartPanel(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_view(new QChartView(this))
    , m_placeholder(new QLabel(this))
    , m_caption(new QLabel(this))
    , m_savePng(new QAction(tr("Save chart as &PNG\u2026"), this))
    , m_saveSvg(new QAction(tr("Save chart as &SVG\u2026"), this))
{
    auto *chart = new QChart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    // A name cut short where the chart is narrow shows whole on hover.
    chart->legend()->setShowToolTips(true);
    m_view->setChart(chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addAction(m_savePng);
    m_view->addAction(m_saveSvg);
    connect(m_savePng, &QAction::triggered, this, [this] { saveInteractively(false); });
    connect(m_saveSvg, &QAction::triggered, this, [this] { saveInteractively(true); });

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(16);
    m_placeholder->setStyleSheet(QStringLiteral("color: palette(mid); font-style: italic;"));
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_placeholder);

    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_caption);
}

double ChartPanel::plotValue(Decimal d)
{
    return d.toString().toDouble();
}

QChart *ChartPanel::chart() const
{
    return m_view->chart();
}

void ChartPanel::showPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
    m_savePng->setEnabled(false);
    m_saveSvg->setEnabled(false);
}

void ChartPanel::showChart()
{
    m_stack->setCurrentWidget(m_view);
    m_savePng->setEnabled(true);
    m_saveSvg->setEnabled(true);
}

bool ChartPanel::isShowingChart() const
{
    return m_stack->currentWidget() == m_view;
}

void ChartPanel::setCaption(const QString &text)
{
    m_caption->setText(text);
    m_caption->setVisible(!text.isEmpty());
}

QString ChartPanel::caption() const
{
    return m_caption->text();
}

void ChartPanel::clearChart()
{
    QChart *c = chart();
    c->removeAllSeries();
    const auto axes = c->axes();
    for (QAbstractAxis *a : axes) {
        c->removeAxis(a);
        delete a;
    }
    c->setTitle(QString());
}

QSize ChartPanel::exportSize() const
{
    // The chart as laid out; one on a page never shown has no layout yet: give it a size that reads well.
    QChart *c = chart();
    if (!m_view->isVisible() && (c->size().width() < 200 || c->size().height() < 150))
        c->resize(QSizeF(900, 520));
    return c->size().toSize();
}

void ChartPanel::renderChart(QPainter *painter, const QRectF &target) const
{
    // A chart just rebuilt (a box ticked, a key chosen) lays out its legend and axes on the next
    // turn of the event loop: lay it out now, so that the file shows what the screen will.
    for (QGraphicsLayout *layout : {chart()->layout(), chart()->legend()->layout()})
        if (layout)
            layout->activate();
    // The scene, not the widget: vectors at any scale (the widget would be drawn as pixels first).
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    m_view->scene()->render(painter, target, chart()->geometry(), Qt::IgnoreAspectRatio);
}

bool ChartPanel::savePng(const QString &path, QString *error) const
{
    if (!isShowingChart()) {
        *error = tr("there is no chart to save (%1)").arg(m_placeholder->text());
        return false;
    }
    const QSize size = exportSize();
    // Twice the pixels, so that the picture stays sharp in a document or on a high-DPI screen.
    constexpr int scale = 2;
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        renderChart(&painter, QRectF(QPointF(0, 0), QSizeF(image.size())));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    QImageWriter writer(&file, "png");
    if (!writer.write(image)) {
        *error = tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), writer.errorString());
        return false;
    }
    if (!file.commit()) {
        *error = tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool ChartPanel::saveSvg(const QString &path, QString *error) const
{
    if (!isShowingChart()) {
        *error = tr("there is no chart to save (%1)").arg(m_placeholder->text());
        return false;
    }
    const QSize size = exportSize();
    // Generated into memory first, so that a failed write leaves no half-written file.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(chart()->title().isEmpty() ? tr("TokenLedger chart") : chart()->title());
    generator.setDescription(tr("Saved from TokenLedger"));
    {
        QPainter painter;
        if (!painter.begin(&generator)) {
            *error = tr("cannot draw the chart as SVG");
            return false;
        }
        renderChart(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
        painter.end();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(buffer.data()) != buffer.size() || !file.commit()) {
        *error = tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

QString ChartPanel::suggestedFileName() const
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    QString name = chart()->title().toLower();
    name.replace(nonWord, QStringLiteral("-"));
    while (name.startsWith(QLatin1Char('-')))
        name.remove(0, 1);
    while (name.endsWith(QLatin1Char('-')))
        name.chop(1);
    return name.isEmpty() ? QStringLiteral("chart") : name;
}

void ChartPanel::saveInteractively(bool svg)
{
    const QString key = QStringLiteral("charts/exportDirectory");
    QSettings settings;
    const QString dir = settings.value(key, QDir::homePath()).toString();
    const QString suffix = svg ? QStringLiteral(".svg") : QStringLiteral(".png");
    QString path = QFileDialog::getSaveFileName(this, svg ? tr("Save chart as SVG") : tr("Save chart as PNG"),
                                                QDir(dir).filePath(suggestedFileName() + suffix),
                                                svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(suffix, Qt::CaseInsensitive))
        path += suffix;
    settings.setValue(key, QFileInfo(path).absolutePath());
    QString error;
    if (!(svg ? saveSvg(path, &error) : savePng(path, &error))) {
        QMessageBox::warning(this, tr("Save chart"), tr("The chart could not be saved: %1").arg(error));
        return;
    }
    emit chartSaved(path);
}

} // namespace tl
