// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importcontext.h"
#include "core/model/ledgerset.h"

#include <QList>
#include <QString>

#include <vector>

namespace tl {

/** One readable format: its id, the formats.md section, the kinds it may feed, its importer. */
struct FormatInfo
{
    QString id;
    QString section;
    QString description;
    QList<LedgerKind> kinds;
    void (*import)(ImportContext &ctx) = nullptr;
};

/** The list of formats (formats.md, Format ids) and content-based detection. */
class FormatRegistry
{
public:
    static const std::vector<FormatInfo> &all();
    static const FormatInfo *find(const QString &id);
    /**
     * Guesses the format from the file's name and its first bytes (CSV header names, JSON
     * keys), preferring formats that can feed `kind`. Returns null when nothing fits.
     */
    static const FormatInfo *detect(const QByteArray &data, const QString &fileName, LedgerKind kind);
};

} // namespace tl
