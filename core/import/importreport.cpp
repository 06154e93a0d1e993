// SPDX-License-Identifier: Apache-2.0
#include "core/import/importreport.h"

namespace tl {

qint64 ImportReport::quarantinedTotal() const
{
    qint64 n = 0;
    for (auto it = quarantined.cbegin(); it != quarantined.cend(); ++it)
        n += it.value();
    return n;
}

QJsonObject ImportReport::toJson() const
{
    auto mapJson = [](const QMap<QString, qint64> &m) {
        QJsonObject o;
        for (auto it = m.cbegin(); it != m.cend(); ++it)
            o.insert(it.key(), static_cast<double>(it.value()));
        return o;
    };
    QJsonObject o;
    o.insert(QStringLiteral("file"), fileName);
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("format"), format);
    o.insert(QStringLiteral("format_detected"), formatDetected);
    o.insert(QStringLiteral("size_received"), static_cast<double>(sizeReceived));
    o.insert(QStringLiteral("sha256_received"), sha256Received);
    o.insert(QStringLiteral("size_stored"), static_cast<double>(sizeStored));
    o.insert(QStringLiteral("sha256_stored"), sha256Stored);
    o.insert(QStringLiteral("rows_read"), static_cast<double>(rowsRead));
    o.insert(QStringLiteral("rows_accepted"), static_cast<double>(rowsAccepted));
    o.insert(QStringLiteral("quarantined"), mapJson(quarantined));
    o.insert(QStringLiteral("skipped"), mapJson(skipped));
    o.insert(QStringLiteral("redactions"), static_cast<double>(redactions));
    o.insert(QStringLiteral("dropped_text_fields"), static_cast<double>(droppedTextFields));
    o.insert(QStringLiteral("rounded_values"), static_cast<double>(roundedValues));
    o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(notes));
    return o;
}

QString ImportReport::toText() const
{
    QString s;
    s += QStringLiteral("file:        %1\n").arg(fileName);
    s += QStringLiteral("kind:        %1\n").arg(kind);
    s += QStringLiteral("format:      %1%2\n").arg(format, formatDetected ? QStringLiteral(" (detected)") : QString());
    s += QStringLiteral("received:    %1 bytes, sha256 %2\n").arg(sizeReceived).arg(sha256Received);
    s += QStringLiteral("stored:      %1 bytes, sha256 %2\n").arg(sizeStored).arg(sha256Stored);
    s += QStringLiteral("rows read:   %1\n").arg(rowsRead);
    s += QStringLiteral("accepted:    %1\n").arg(rowsAccepted);
    s += QStringLiteral("quarantined: %1\n").arg(quarantinedTotal());
    for (auto it = quarantined.cbegin(); it != quarantined.cend(); ++it)
        s += QStringLiteral("  %1: %2\n").arg(it.key()).arg(it.value());
    if (!skipped.isEmpty()) {
        qint64 n = 0;
        for (auto v : skipped)
            n += v;
        s += QStringLiteral("skipped:     %1\n").arg(n);
        for (auto it = skipped.cbegin(); it != skipped.cend(); ++it)
            s += QStringLiteral("  %1: %2\n").arg(it.key()).arg(it.value());
    }
    s += QStringLiteral("redactions:  %1\n").arg(redactions);
    if (droppedTextFields)
        s += QStringLiteral("prompt/response fields dropped: %1\n").arg(droppedTextFields);
    if (roundedValues)
        s += QStringLiteral("float-noise values rounded: %1\n").arg(roundedValues);
    for (const QString &n : notes)
        s += QStringLiteral("note: %1\n").arg(n);
    return s;
}

} // namespace tl
