// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace tl {

/** What one import did: provenance, counts, quarantines, redactions (seed 001: known exclusions). */
struct ImportReport
{
    QString fileName;   ///< as given (original name)
    QString path;       ///< absolute path read
    QString kind;       ///< client, gateway, provider, finance, prices, mapping, owners, policy, evidence, units
    QString format;     ///< format id
    bool formatDetected = false;
    qint64 sizeReceived = 0, sizeStored = 0;
    QString sha256Received, sha256Stored; ///< lowercase hex
    qint64 rowsRead = 0, rowsAccepted = 0;
    QMap<QString, qint64> quarantined; ///< reason -> rows (decided by the file alone, e.g. duplicate)
    QMap<QString, qint64> skipped;     ///< reason -> entries not turned into rows (price tables)
    qint64 redactions = 0;             ///< secret values replaced by key# tokens
    qint64 droppedTextFields = 0;      ///< prompt/response fields dropped
    qint64 roundedValues = 0;          ///< binary-float noise rounded (LiteLLM spend)
    QStringList notes;                 ///< assumptions applied (quota_per_usd, assumed zone, ratio)

    qint64 quarantinedTotal() const;
    QJsonObject toJson() const;
    QString toText() const;
};

} // namespace tl
