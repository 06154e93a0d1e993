// SPDX-License-Identifier: Apache-2.0
// The PDF report from the command line: a build with the UI libraries links ui/report and
// renders report.pdf on Qt's offscreen platform; a build without them writes report.html.
#pragma once

#include "core/packet/packetexporter.h"

#include <QCoreApplication>

#include <memory>

namespace tl::cli {

/// True when this build renders report.pdf (TOKENLEDGER_UI on).
bool pdfReportAvailable();
/// PdfReport::render for PacketOptions::renderReport; empty in a build without the report library.
PacketReportRenderer pdfReportRenderer();
/// The application: a QGuiApplication on the offscreen platform (unless QT_QPA_PLATFORM says
/// otherwise) for the commands that render the PDF, a QCoreApplication for every other.
std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv);

} // namespace tl::cli
