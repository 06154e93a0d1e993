// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace tl {

/**
 * The sign-off a reviewer records for a period (reconciliation.md, Review record): the union
 * of the pass/fail logging fields of seeds 002–004. Fields that do not apply are null.
 */
class ReviewRecord
{
public:
    /** The field names, in the spec's order. */
    static const QStringList &fieldNames();
    /** Reads a record; unknown fields are an error naming them, so a typo is not lost. */
    static bool fromJson(const QByteArray &json, const QString &fileName, ReviewRecord *out, QString *error);

    QJsonObject toJson() const;
    QString value(const QString &field) const { return m_values.value(field).toString(); }
    void setValue(const QString &field, const QString &value) { m_values.insert(field, value); }
    bool isEmpty() const { return m_values.isEmpty(); }

private:
    QJsonObject m_values;
};

} // namespace tl
