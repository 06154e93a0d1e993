// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <stdexcept>

namespace tl {

/**
 * A file that cannot be imported: names the file, the line (0 when not line-based), the
 * column or JSON path, and what was expected. Importers throw it; the import then fails as
 * a whole and nothing is added to the workspace.
 */
class ImportError : public std::runtime_error
{
public:
    ImportError(QString file, qint64 line, QString column, QString message);

    const QString &file() const { return m_file; }
    qint64 line() const { return m_line; }
    const QString &column() const { return m_column; }
    const QString &message() const { return m_message; }
    /** "client.csv:17: column 'input_tokens': expected a non-negative integer, got \"-3\"" */
    QString toString() const;

private:
    QString m_file;
    qint64 m_line;
    QString m_column;
    QString m_message;
};

} // namespace tl
