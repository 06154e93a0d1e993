// SPDX-License-Identifier: Apache-2.0
// tokenledger: the workbench window. Thin: every figure comes from the core through the UI library.
#include "ui/document/demoinstaller.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/screenshotrunner.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFutureWatcher>
#include <QIcon>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>
#include <QStyleFactory>
#include <QTextStream>

#include <cstdio>

using namespace tl;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TokenLedger"));
    QApplication::setOrganizationName(QStringLiteral("TokenLedger"));
    QApplication::setApplicationVersion(QStringLiteral(TOKENLEDGER_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tokenledger.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.tokenledger.TokenLedger"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Reconciliation workbench for AI-API spend."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("job"), QStringLiteral("A reconciliation job (JOB.json), a workspace (NAME.tlw) or a team workspace (postgresql://URL) to open on start."),
                                 QStringLiteral("[JOB.json|NAME.tlw|postgresql://URL]"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Open the demo workspace (a realistic May 2026 the project generates; made on first use "
                                                 "in the app-data folder)."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Open the job, save a picture of the window to FILE and quit "
                                                       "(works with QT_QPA_PLATFORM=offscreen)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("Page for --screenshot: overview, ledgers, variance, keys, owners, alerts, "
                                                 "evidence, prices, mappings, or all (FILE-<page>.png each)."),
                                  QStringLiteral("PAGE"), QStringLiteral("overview"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size for --screenshot, WIDTHxHEIGHT."),
                                  QStringLiteral("WxH"), QStringLiteral("1400x900"));
    parser.addOptions({demo, screenshot, page, size});
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    QString job = args.value(0);
    QTextStream err(stderr);
    if (parser.isSet(demo) && !job.isEmpty()) {
        err << "tokenledger: --demo opens the demo workspace; leave out " << job << '\n';
        return 2;
    }

    if (parser.isSet(screenshot)) {
        // Same look wherever the picture is taken.
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        std::vector<WorkbenchPage> pages;
        if (parser.value(page) == QLatin1String("all")) {
            for (int p = 0; p < static_cast<int>(WorkbenchPage::Count); ++p)
                pages.push_back(static_cast<WorkbenchPage>(p));
        } else {
            WorkbenchPage p;
            if (!MainWindow::pageFromName(parser.value(page), &p)) {
                err << "tokenledger: unknown page '" << parser.value(page) << "'\n";
                return 2;
            }
            pages.push_back(p);
        }
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        const QSize sz(wh.value(0).toInt(), wh.value(1).toInt());
        MainWindow w;
        w.resize(sz.isValid() && !sz.isEmpty() ? sz : QSize(1400, 900));
        w.show();
        if (parser.isSet(demo)) {
            QString error;
            if (!DemoInstaller::install(DemoInstaller::defaultDirectory(), &job, &error, [&err](const QString &t) { err << t << '\n'; })) {
                err << "tokenledger: the demo workspace could not be made: " << error << '\n';
                return 1;
            }
        }
        ScreenshotRunner runner(&w, parser.value(screenshot), pages);
        int code = 0;
        QObject::connect(&runner, &ScreenshotRunner::finished, &app, [&code](int c) {
            code = c;
            QApplication::quit();
        });
        runner.start(job);
        app.exec();
        return code;
    }

    MainWindow w;
    w.readSettings();
    w.show();
    if (parser.isSet(demo)) {
        // Made off the GUI thread the first time (a few seconds), then opened like any workspace.
        auto *watcher = new QFutureWatcher<QString>(&w);
        QObject::connect(watcher, &QFutureWatcher<QString>::finished, &w, [&w, watcher] {
            const QString result = watcher->result();
            if (result.startsWith(QLatin1Char('!')))
                w.statusBar()->showMessage(QStringLiteral("The demo workspace could not be made: %1").arg(result.mid(1)));
            else
                w.openJob(result);
        });
        w.statusBar()->showMessage(QStringLiteral("Preparing the demo workspace\u2026"));
        watcher->setFuture(QtConcurrent::run([] {
            QString path, error;
            return DemoInstaller::install(DemoInstaller::defaultDirectory(), &path, &error) ? path : QLatin1Char('!') + error;
        }));
    } else if (!job.isEmpty()) {
        w.openJob(job);
    }
    return app.exec();
}
