// SPDX-License-Identifier: Apache-2.0
#include "app/cli/clireport.h"

#ifdef TOKENLEDGER_PDF_REPORT
#include "ui/report/pdfreport.h"

#include <QGuiApplication>
#endif

#include <cstring>

namespace tl::cli {

bool pdfReportAvailable()
{
#ifdef TOKENLEDGER_PDF_REPORT
    return true;
#else
    return false;
#endif
}

PacketReportRenderer pdfReportRenderer()
{
#ifdef TOKENLEDGER_PDF_REPORT
    return &PdfReport::render;
#else
    return {};
#endif
}

std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv)
{
#ifdef TOKENLEDGER_PDF_REPORT
    // The command is the first word that is not an option (--workspace takes a value).
    const char *command = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--workspace") == 0) {
            ++i;
            continue;
        }
        if (std::strncmp(argv[i], "--", 2) == 0)
            continue;
        command = argv[i];
        break;
    }
    bool pdf = command && std::strcmp(command, "packet") == 0;
    if (command && std::strcmp(command, "export") == 0)
        for (int i = 1; i < argc; ++i)
            if (std::strcmp(argv[i], "--as=pdf") == 0 || (std::strcmp(argv[i], "--as") == 0 && i + 1 < argc && std::strcmp(argv[i + 1], "pdf") == 0))
                pdf = true;
    if (pdf) {
        // Fonts need a platform plugin; the offscreen one needs no display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        return std::make_unique<QGuiApplication>(argc, argv);
    }
#endif
    return std::make_unique<QCoreApplication>(argc, argv);
}

} // namespace tl::cli
