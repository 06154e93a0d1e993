// SPDX-License-Identifier: Apache-2.0
#include "core/import/importerror.h"

namespace tl {

namespace {
QString compose(const QString &file, qint64 line, const QString &column, const QString &message)
{
    QString s = file;
    if (line > 0)
        s += QLatin1Char(':') + QString::number(line);
    s += QLatin1String(": ");
    if (!column.isEmpty()) {
        if (column.startsWith(QLatin1Char('$')))
            s += column + QLatin1String(": ");
        else
            s += QLatin1String("column '") + column + QLatin1String("': ");
    }
    return s + message;
}
} // namespace

ImportError::ImportError(QString file, qint64 line, QString column, QString message)
    : std::runtime_error(compose(file, line, column, message).toStdString())
    , m_file(std::move(file))
    , m_line(line)
    , m_column(std::move(column))
    , m_message(std::move(message))
{
}

QString ImportError::toString() const
{
    return compose(m_file, m_line, m_column, m_message);
}

} // namespace tl
