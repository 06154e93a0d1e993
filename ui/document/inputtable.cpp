// SPDX-License-Identifier: Apache-2.0
#include "ui/document/inputtable.h"

#include "core/reconcile/resultwriter.h"

#include "core/import/csvreader.h"
#include "core/import/importer.h"
#include "core/import/importerror.h"
#include "core/model/outcome.h"
#include "core/util/sha256.h"
#include "core/util/timeutil.h"
#include "ui/document/workspace.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

namespace tl {

namespace {

QByteArray csvField(const QString &value)
{
    QByteArray v = value.toUtf8();
    if (v.contains(',') || v.contains('"') || v.contains('\n') || v.contains('\r')) {
        v.replace("\"", "\"\"");
        v = '"' + v + '"';
    }
    return v;
}

QByteArray csvText(const QStringList &header, const std::vector<QStringList> &rows)
{
    auto line = [](const QStringList &cells) {
        QByteArrayList out;
        for (const QString &c : cells)
            out << csvField(c);
        return out.join(',') + '\n';
    };
    QByteArray out = line(header);
    for (const QStringList &r : rows)
        out += line(r);
    return out;
}

QString isoTime(UtcMicros t)
{
    if (t == kNoTime)
        return QString();
    const QDateTime d = QDateTime::fromMSecsSinceEpoch(t / 1000, QTimeZone::utc());
    return d.time() == QTime(0, 0) ? d.date().toString(Qt::ISODate) : d.toString(Qt::ISODate);
}

} // namespace

InputTable::InputTable(LedgerKind kind, const QString &format, const QString &kindName, const QString &specSection,
                       const QStringList &standardColumns, const QString &keyColumn, RowsOf rowsOf, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_format(format)
    , m_kindName(kindName)
    , m_spec(specSection)
    , m_standard(standardColumns)
    , m_keyColumn(keyColumn)
    , m_rowsOf(std::move(rowsOf))
{
    m_readOnlyReason = tr("Open a job (File \u25B8 Open job\u2026) to start.");
}

InputTable *InputTable::owners(QObject *parent)
{
    const QStringList columns{QStringLiteral("api_key_name"), QStringLiteral("owner_group"),    QStringLiteral("environment"),
                              QStringLiteral("workload"),     QStringLiteral("cost_center"),    QStringLiteral("allocation_rule"),
                              QStringLiteral("monthly_budget"), QStringLiteral("currency"),     QStringLiteral("allowed_ips"),
                              QStringLiteral("api_key_id")};
    return new InputTable(LedgerKind::Owners, QStringLiteral("owners_csv"), QStringLiteral("owners"), QStringLiteral("formats.md \u00A77"),
                          columns, QStringLiteral("api_key_name"),
                          [](const Workspace &ws) {
                              std::vector<QStringList> rows;
                              for (const OwnerRow &o : ws.set.owners)
                                  rows.push_back({o.apiKeyName, o.ownerGroup, o.environment, o.workload, o.costCenter, o.allocationRule,
                                                  o.monthlyBudget.known ? o.monthlyBudget.value.toString() : QString(), o.currency,
                                                  o.allowedIps.join(QLatin1Char(';')), o.apiKeyId});
                              return rows;
                          },
                          parent);
}

InputTable *InputTable::mappings(QObject *parent)
{
    const QStringList columns{QStringLiteral("internal_name"), QStringLiteral("requested_model"), QStringLiteral("billable_model"),
                              QStringLiteral("snapshot_id"),   QStringLiteral("role"),            QStringLiteral("owner"),
                              QStringLiteral("valid_from"),    QStringLiteral("valid_to")};
    return new InputTable(LedgerKind::Mapping, QStringLiteral("model_mapping_csv"), QStringLiteral("mapping"),
                          QStringLiteral("formats.md \u00A76"), columns, QStringLiteral("requested_model"),
                          [](const Workspace &ws) {
                              std::vector<QStringList> rows;
                              for (const MappingRow &m : ws.set.mappings)
                                  rows.push_back({m.internalName, m.requestedModel, m.billableModel, m.snapshotId,
                                                  m.role == 1 ? QStringLiteral("primary") : m.role == 2 ? QStringLiteral("fallback") : QString(),
                                                  m.owner, isoTime(m.validFrom), isoTime(m.validTo)});
                              return rows;
                          },
                          parent);
}

InputTable *InputTable::policy(QObject *parent)
{
    const QStringList columns{QStringLiteral("outcome"), QStringLiteral("treatment"), QStringLiteral("evidence_id")};
    return new InputTable(LedgerKind::Policy, QStringLiteral("billing_policy_csv"), QStringLiteral("policy"),
                          QStringLiteral("formats.md \u00A78"), columns, QStringLiteral("outcome"),
                          [](const Workspace &ws) {
                              std::vector<QStringList> rows;
                              for (const PolicyRow &p : ws.set.policy)
                                  rows.push_back({QString::fromLatin1(outcomeName(p.outcome)), QString::fromLatin1(treatmentName(p.treatment)),
                                                  p.evidenceId});
                              return rows;
                          },
                          parent);
}

InputTable *InputTable::prices(QObject *parent)
{
    const QStringList columns{QStringLiteral("snapshot_id"),       QStringLiteral("source_url"),        QStringLiteral("accessed_at"),
                              QStringLiteral("captured_by"),       QStringLiteral("price_kind"),        QStringLiteral("currency"),
                              QStringLiteral("billable_model"),    QStringLiteral("billing_category"),  QStringLiteral("unit_basis"),
                              QStringLiteral("input_price"),       QStringLiteral("output_price"),      QStringLiteral("cached_input_price"),
                              QStringLiteral("cache_write_price"), QStringLiteral("reasoning_price"),   QStringLiteral("per_call_price"),
                              QStringLiteral("upstream_ratio"),    QStringLiteral("valid_from"),        QStringLiteral("valid_to"),
                              QStringLiteral("tier_min_input_tokens"), QStringLiteral("minimum_charge"), QStringLiteral("evidence_id"),
                              QStringLiteral("notes")};
    // No rows from a loaded workspace: the snapshots are shown by the Prices page; this table holds a new one.
    return new InputTable(LedgerKind::Prices, QStringLiteral("price_snapshot_csv"), QStringLiteral("prices"),
                          QStringLiteral("formats.md \u00A75"), columns, QStringLiteral("billable_model"),
                          [](const Workspace &) { return std::vector<QStringList>(); }, parent);
}

void InputTable::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

void InputTable::clear()
{
    emit aboutToReset();
    m_path.clear();
    m_name.clear();
    m_sourceKey.clear();
    m_stored = false;
    m_new = false;
    m_storedSeq = 0;
    m_storedOptions = ImportOptions();
    m_readOnlyReason = tr("Open a job (File \u25B8 Open job\u2026) to start.");
    m_header.clear();
    m_rows.clear();
    m_savedRows.clear();
    setModified(false);
    emit wasReset();
}

void InputTable::resetReadOnly(const Workspace &ws, const QString &reason)
{
    emit aboutToReset();
    m_path.clear();
    m_name.clear();
    m_sourceKey.clear();
    m_stored = false;
    m_new = false;
    m_storedSeq = 0;
    m_readOnlyReason = reason;
    m_header = m_standard;
    m_rows = m_rowsOf(ws);
    m_savedRows = m_rows;
    setModified(false);
    emit wasReset();
}

QString InputTable::sourceName() const
{
    return m_path.isEmpty() ? m_name : QFileInfo(m_path).fileName();
}

void InputTable::reset(const Workspace *ws)
{
    if (!ws) {
        clear();
        return;
    }
    if (ws->fromStore()) {
        resetStore(*ws);
        return;
    }
    QString path;
    for (const JobInput &in : ws->job.inputs)
        if (in.options.kind == m_kind)
            path = in.path;
    // The same file with the same bytes as when it was read: the edits stay (a file changed
    // on disk meanwhile is read again, so a save never overwrites what someone else wrote).
    if (m_modified && !m_stored && !path.isEmpty()) {
        QString sha;
        for (const SourceFile &f : ws->set.files)
            if (QFileInfo(f.report.path) == QFileInfo(path))
                sha = f.report.sha256Received;
        if (!sha.isEmpty() && m_sourceKey == path + QLatin1Char('\n') + sha)
            return;
    }
    if (path.isEmpty()) {
        resetReadOnly(*ws, tr("This job has no %1 input. Add an input of kind \u201c%1\u201d (%2) to edit it here.").arg(m_kindName, m_spec));
        return;
    }
    QString error;
    if (!resetFromFile(path, &error))
        resetReadOnly(*ws, tr("Read-only: %1").arg(error));
}

void InputTable::resetStore(const Workspace &ws)
{
    if (!ws.periodFrozenAt.isEmpty()) {
        resetReadOnly(ws, tr("Read-only: period %1 is frozen (since %2), so its inputs are kept as they are. A correction belongs "
                             "in a new period.")
                              .arg(ws.periodLabel, ws.periodFrozenAt));
        return;
    }
    // The period's current input of this kind (the last, as in a job file); the stored inputs follow job.inputs' order.
    int last = -1;
    for (int i = 0; i < static_cast<int>(ws.job.inputs.size()); ++i)
        if (ws.job.inputs[static_cast<std::size_t>(i)].options.kind == m_kind)
            last = i;
    if (last < 0 || static_cast<std::size_t>(last) >= ws.storedInputs.size()) {
        resetReadOnly(ws, tr("Period %1 has no %2 input. Import one (File \u25B8 Import files\u2026, kind \u201c%2\u201d, %3) to edit it here.")
                              .arg(ws.periodLabel, m_kindName, m_spec));
        return;
    }
    const JobInput &in = ws.job.inputs[static_cast<std::size_t>(last)];
    const StoredInput &stored = ws.storedInputs[static_cast<std::size_t>(last)];
    if (stored.format != m_format) {
        resetReadOnly(ws, tr("Read-only: the %1 input %2 is in the %3 format; this editor edits %4 (%5).")
                              .arg(m_kindName, stored.originalName, stored.format, m_format, m_spec));
        return;
    }
    const QString key = QStringLiteral("%1\n%2\n%3").arg(ws.storeLocation, ws.periodLabel).arg(stored.seq);
    if (m_modified && m_stored && m_sourceKey == key)
        return; // the same stored input, still current: the edits stay
    ImportOptions options = in.options;
    options.displayName = stored.originalName;
    QString error;
    if (!resetFromStored(ws.storedBytes.value(stored.sha256Stored), options, stored.seq, &error))
        resetReadOnly(ws, tr("Read-only: %1").arg(error));
    else
        m_sourceKey = key;
}

bool InputTable::parseCsv(const QByteArray &bytes, const QString &name, QStringList *header, std::vector<QStringList> *rows, QString *error)
{
    try {
        CsvReader r(bytes, name);
        bool first = true;
        while (r.next()) {
            QStringList cells;
            for (int i = 0; i < r.size(); ++i) {
                const std::string_view v = r.field(i);
                cells << QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
            }
            if (first) {
                *header = cells;
                first = false;
                continue;
            }
            while (cells.size() < header->size())
                cells << QString();
            rows->push_back(cells.mid(0, header->size()));
        }
    } catch (const ImportError &e) {
        *error = e.toString();
        return false;
    }
    if (header->isEmpty()) {
        *error = tr("%1 is empty").arg(name);
        return false;
    }
    return true;
}

bool InputTable::apply(const QString &path, const QString &name, bool stored, QStringList header, std::vector<QStringList> rows, QString *error)
{
    Q_UNUSED(error)
    emit aboutToReset();
    m_path = path;
    m_name = name;
    m_stored = stored;
    m_new = false;
    m_readOnlyReason.clear();
    m_header = std::move(header);
    m_rows = std::move(rows);
    m_savedRows = m_rows;
    setModified(false);
    emit wasReset();
    return true;
}

bool InputTable::resetFromFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    QStringList header;
    std::vector<QStringList> rows;
    const QByteArray bytes = f.readAll();
    if (!parseCsv(bytes, QFileInfo(path).fileName(), &header, &rows, error))
        return false;
    m_storedSeq = 0;
    m_storedOptions = ImportOptions();
    m_sourceKey = path + QLatin1Char('\n') + Sha256::hex(bytes);
    return apply(path, QFileInfo(path).fileName(), false, std::move(header), std::move(rows), error);
}

bool InputTable::resetFromStored(const QByteArray &bytes, const ImportOptions &options, qint64 seq, QString *error)
{
    QStringList header;
    std::vector<QStringList> rows;
    if (!parseCsv(bytes, options.displayName, &header, &rows, error))
        return false;
    m_storedSeq = seq;
    m_storedOptions = options;
    return apply(QString(), options.displayName, true, std::move(header), std::move(rows), error);
}

bool InputTable::resetNew(const QString &path, const QStringList &header, std::vector<QStringList> rows, QString *error)
{
    if (header.isEmpty()) {
        *error = tr("%1 has no header").arg(QDir::toNativeSeparators(path));
        return false;
    }
    for (QStringList &r : rows) {
        while (r.size() < header.size())
            r << QString();
        r = r.mid(0, header.size());
    }
    // Checked as the importer will read the file, under the file's own name.
    const QString oldName = m_name;
    const QStringList oldHeader = m_header;
    m_name = path.isEmpty() ? m_storedOptions.displayName : QFileInfo(path).fileName();
    m_header = header;
    const bool ok = validate(rows, error);
    m_name = oldName;
    m_header = oldHeader;
    if (!ok)
        return false;
    emit aboutToReset();
    m_path = path;
    m_name = path.isEmpty() ? m_storedOptions.displayName : QFileInfo(path).fileName();
    m_stored = path.isEmpty();
    m_new = true;
    m_sourceKey.clear(); // a new source: nothing to keep across a reload
    m_readOnlyReason.clear();
    m_header = header;
    m_rows = std::move(rows);
    m_savedRows.clear(); // nothing written yet
    m_modified = false;
    setModified(true);
    emit wasReset();
    return true;
}

bool InputTable::resetNewStored(const ImportOptions &options, const QStringList &header, std::vector<QStringList> rows, QString *error)
{
    const qint64 oldSeq = m_storedSeq;
    const ImportOptions oldOptions = m_storedOptions;
    m_storedSeq = 0;
    m_storedOptions = options;
    if (resetNew(QString(), header, std::move(rows), error))
        return true;
    m_storedSeq = oldSeq;
    m_storedOptions = oldOptions;
    return false;
}

void InputTable::markSaved(qint64 storedSeq)
{
    if (m_stored && storedSeq > 0) {
        // The next save replaces what this one stored (also a new snapshot, stored now).
        if (m_sourceKey.isEmpty() || m_storedSeq == 0)
            m_sourceKey.clear();
        else
            m_sourceKey = m_sourceKey.section(QLatin1Char('\n'), 0, 1) + QLatin1Char('\n') + QString::number(storedSeq);
        m_storedSeq = storedSeq;
        m_storedOptions.displayName = m_name;
    }
    m_new = false;
    m_savedRows = m_rows;
    setModified(false);
}

void InputTable::revert()
{
    if (!m_modified)
        return;
    if (m_new) {
        clear(); // a new table never saved
        return;
    }
    emit aboutToReset();
    m_rows = m_savedRows;
    setModified(false);
    emit wasReset();
}

int InputTable::columnOf(const QString &name) const
{
    for (int i = 0; i < m_header.size(); ++i)
        if (m_header[i].trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

int InputTable::rowOfKey(const QString &key) const
{
    const int c = keyColumn();
    for (int r = 0; c >= 0 && r < rowCount(); ++r)
        if (m_rows[static_cast<std::size_t>(r)].value(c) == key)
            return r;
    return -1;
}

QString InputTable::value(int row, int column) const
{
    if (row < 0 || row >= rowCount())
        return QString();
    return m_rows[static_cast<std::size_t>(row)].value(column);
}

bool InputTable::validate(const std::vector<QStringList> &rows, QString *error) const
{
    // The core's importer is the judge: what it refuses on reload is refused now.
    ImportOptions options;
    options.kind = m_kind;
    options.format = m_format;
    options.displayName = m_name.isEmpty() ? m_kindName + QStringLiteral(".csv") : m_name;
    LedgerSet scratch;
    try {
        Importer::importBytes(csvText(m_header, rows), options, scratch);
    } catch (const ImportError &e) {
        *error = e.toString();
        return false;
    }
    return true;
}

bool InputTable::check(int row, int column, const QString &value, QString *error) const
{
    if (!isEditable()) {
        *error = m_readOnlyReason;
        return false;
    }
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount()) {
        *error = tr("no cell at row %1, column %2").arg(row + 1).arg(column + 1);
        return false;
    }
    std::vector<QStringList> next = m_rows;
    next[static_cast<std::size_t>(row)][column] = value;
    return validate(next, error);
}

bool InputTable::setValue(int row, int column, const QString &value, QString *error)
{
    if (!check(row, column, value, error))
        return false;
    QString &cell = m_rows[static_cast<std::size_t>(row)][column];
    if (cell == value)
        return true;
    cell = value;
    setModified(m_rows != m_savedRows);
    emit rowChanged(row);
    return true;
}

bool InputTable::insertRow(int row, const QStringList &values, QString *error)
{
    if (!isEditable()) {
        *error = m_readOnlyReason;
        return false;
    }
    if (row < 0 || row > rowCount())
        row = rowCount();
    QStringList cells = values.mid(0, columnCount());
    while (cells.size() < columnCount())
        cells << QString();
    std::vector<QStringList> next = m_rows;
    next.insert(next.begin() + row, cells);
    if (!validate(next, error))
        return false;
    m_rows = std::move(next);
    setModified(m_rows != m_savedRows);
    emit rowInserted(row);
    return true;
}

bool InputTable::removeRow(int row, QString *error)
{
    if (!isEditable()) {
        *error = m_readOnlyReason;
        return false;
    }
    if (row < 0 || row >= rowCount()) {
        *error = tr("no row %1").arg(row + 1);
        return false;
    }
    m_rows.erase(m_rows.begin() + row);
    setModified(m_rows != m_savedRows);
    emit rowRemoved(row);
    return true;
}

QString InputTable::unusedKey() const
{
    const QString base = m_kind == LedgerKind::Owners ? QStringLiteral("new-key")
                       : m_kind == LedgerKind::Policy ? QStringLiteral("new-outcome")
                                                      : QStringLiteral("new-model");
    QString name = base;
    for (int n = 2; rowOfKey(name) >= 0; ++n)
        name = QStringLiteral("%1-%2").arg(base).arg(n);
    return name;
}

QStringList InputTable::newRow(int like) const
{
    QStringList values;
    if (m_kind != LedgerKind::Owners && rowCount() > 0)
        values = row(like >= 0 && like < rowCount() ? like : rowCount() - 1);
    while (values.size() < columnCount())
        values << QString();
    if (keyColumn() >= 0)
        values[keyColumn()] = unusedKey();
    if (m_kind == LedgerKind::Owners && columnOf(QStringLiteral("allocation_rule")) >= 0)
        values[columnOf(QStringLiteral("allocation_rule"))] = QStringLiteral("direct");
    return values;
}

QByteArray InputTable::csv() const
{
    return csvText(m_header, m_rows);
}

bool InputTable::save(QString *error)
{
    if (!isEditable()) {
        *error = m_readOnlyReason;
        return false;
    }
    if (m_stored) {
        *error = tr("%1 is a stored input: it is saved into the workspace (WorkspaceDocument::saveInputs)").arg(m_name);
        return false;
    }
    QString why;
    const QByteArray bytes = csv();
    if (!ResultWriter::writeFile(m_path, bytes, &why)) { // atomic: QSaveFile
        *error = tr("cannot write %1").arg(why);
        return false;
    }
    m_sourceKey = m_path + QLatin1Char('\n') + Sha256::hex(bytes);
    m_new = false;
    m_savedRows = m_rows;
    setModified(false);
    return true;
}

} // namespace tl
