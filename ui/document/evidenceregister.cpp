// SPDX-License-Identifier: Apache-2.0
#include "ui/document/evidenceregister.h"

#include "core/reconcile/resultwriter.h"
#include "core/util/osuser.h"

#include <QDateTime>

namespace tl {

namespace {

bool isConflict(const QString &message)
{
    return message.contains(QLatin1String("changed by someone else"));
}

QByteArray csvField(const QString &value)
{
    QByteArray v = value.toUtf8();
    if (v.contains(',') || v.contains('"') || v.contains('\n') || v.contains('\r')) {
        v.replace("\"", "\"\"");
        v = '"' + v + '"';
    }
    return v;
}

} // namespace

EvidenceRegister::EvidenceRegister(QObject *parent)
    : QObject(parent)
{
}

void EvidenceRegister::resetFromFile(std::vector<EvidenceEntry> entries, const QString &sourcePath)
{
    emit aboutToReset();
    m_store = nullptr;
    m_sourcePath = sourcePath;
    m_entries = std::move(entries);
    m_versions.assign(m_entries.size(), 0);
    m_sessionHistory.clear();
    setModified(false);
    emit wasReset();
}

bool EvidenceRegister::resetFromStore(WorkspaceStore *store, QString *error)
{
    std::vector<StoredEvidence> stored = store->evidence(error);
    if (!error->isEmpty())
        return false;
    emit aboutToReset();
    m_store = store;
    m_sourcePath.clear();
    m_entries.clear();
    m_versions.clear();
    for (StoredEvidence &s : stored) {
        m_entries.push_back(std::move(s.entry));
        m_versions.push_back(s.rowVersion);
    }
    m_sessionHistory.clear();
    setModified(false);
    emit wasReset();
    return true;
}

void EvidenceRegister::clear()
{
    resetFromFile({}, QString());
}

int EvidenceRegister::indexOf(const QString &id) const
{
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].evidenceId == id)
            return static_cast<int>(i);
    return -1;
}

QString EvidenceRegister::value(int row, const QString &field) const
{
    return WorkspaceStore::evidenceField(entry(row), field);
}

QStringList EvidenceRegister::ids() const
{
    QStringList out;
    for (const EvidenceEntry &e : m_entries)
        out << e.evidenceId;
    return out;
}

void EvidenceRegister::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

bool EvidenceRegister::fail(const QString &id, const QString &message)
{
    if (isConflict(message))
        emit conflict(id, message);
    emit editFailed(id, message);
    return false;
}

void EvidenceRegister::record(const QString &id, const QString &field, const QString &oldValue, const QString &newValue)
{
    EvidenceChange c;
    c.evidenceId = id;
    c.changedBy = OsUser::name();
    c.changedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    c.field = field;
    c.oldValue = oldValue;
    c.newValue = newValue;
    m_sessionHistory.push_back(c);
}

bool EvidenceRegister::setFields(const QString &id, const QStringList &fields, const QStringList &values, QString *error)
{
    const int row = indexOf(id);
    if (row < 0) {
        *error = tr("no evidence entry %1").arg(id);
        return fail(id, *error);
    }
    const auto r = static_cast<std::size_t>(row);
    // Check every value first, so that a bad one leaves the entry as it was.
    EvidenceEntry next = m_entries[r];
    for (qsizetype i = 0; i < fields.size(); ++i)
        if (!WorkspaceStore::setEvidenceField(next, fields[i], values.value(i), error))
            return fail(id, *error);
    if (m_store) {
        qint64 version = m_versions[r];
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (!m_store->editEvidence(id, fields[i], values.value(i), version, error)) {
                // Put back what this call already wrote (each field is its own transaction).
                QString ignored;
                for (qsizetype k = i - 1; k >= 0; --k)
                    if (m_store->editEvidence(id, fields[k], WorkspaceStore::evidenceField(m_entries[r], fields[k]), version, &ignored))
                        ++version;
                m_versions[r] = version;
                return fail(id, *error);
            }
            ++version;
        }
        m_versions[r] = version;
    } else {
        for (qsizetype i = 0; i < fields.size(); ++i)
            record(id, fields[i], WorkspaceStore::evidenceField(m_entries[r], fields[i]), values.value(i));
        setModified(true);
    }
    m_entries[r] = next;
    emit entryChanged(row);
    return true;
}

bool EvidenceRegister::insert(const EvidenceEntry &e, int row, QString *error)
{
    if (e.evidenceId.isEmpty()) {
        *error = tr("an evidence entry needs an evidence_id");
        return fail(e.evidenceId, *error);
    }
    if (indexOf(e.evidenceId) >= 0) {
        *error = tr("evidence id %1 is already in the register").arg(e.evidenceId);
        return fail(e.evidenceId, *error);
    }
    if (m_store && !m_store->addEvidence(e, error))
        return fail(e.evidenceId, *error);
    if (row < 0 || row > count())
        row = count();
    m_entries.insert(m_entries.begin() + row, e);
    m_versions.insert(m_versions.begin() + row, m_store ? 1 : 0);
    if (!m_store) {
        record(e.evidenceId, QStringLiteral("*"), QString(), QStringLiteral("created"));
        setModified(true);
    }
    emit entryInserted(row);
    return true;
}

bool EvidenceRegister::remove(const QString &id, QString *error)
{
    const int row = indexOf(id);
    if (row < 0) {
        *error = tr("no evidence entry %1").arg(id);
        return fail(id, *error);
    }
    if (m_store) {
        // The store keeps every entry its history refers to; withdraw it with setFields instead.
        *error = tr("evidence %1 stays in the workspace (its history refers to it); mark it superseded instead").arg(id);
        return fail(id, *error);
    }
    m_entries.erase(m_entries.begin() + row);
    m_versions.erase(m_versions.begin() + row);
    if (!m_store) {
        record(id, QStringLiteral("-"), QStringLiteral("created"), QStringLiteral("deleted"));
        setModified(true);
    }
    emit entryRemoved(row);
    return true;
}

bool EvidenceRegister::refresh(const QString &id, QString *error)
{
    const int row = indexOf(id);
    if (!m_store || row < 0)
        return true;
    StoredEvidence s;
    if (!m_store->evidenceEntry(id, &s, error))
        return false;
    m_entries[static_cast<std::size_t>(row)] = s.entry;
    m_versions[static_cast<std::size_t>(row)] = s.rowVersion;
    emit entryChanged(row);
    return true;
}

std::vector<EvidenceChange> EvidenceRegister::history(const QString &id) const
{
    if (m_store) {
        // A store closed for a while (a worker reads it) has no history to give.
        QString error;
        return m_store->isOpen() ? m_store->evidenceHistory(id, &error) : std::vector<EvidenceChange>{};
    }
    std::vector<EvidenceChange> out;
    for (const EvidenceChange &c : m_sessionHistory)
        if (c.evidenceId == id)
            out.push_back(c);
    return out;
}

QByteArray EvidenceRegister::csv() const
{
    const QStringList fields = WorkspaceStore::evidenceFields();
    QByteArray out = fields.join(QLatin1Char(',')).toUtf8() + '\n';
    for (const EvidenceEntry &e : m_entries) {
        QByteArrayList cells;
        for (const QString &f : fields)
            cells << csvField(WorkspaceStore::evidenceField(e, f));
        out += cells.join(',') + '\n';
    }
    return out;
}

bool EvidenceRegister::saveCsv(const QString &path, QString *error)
{
    QString why;
    if (!ResultWriter::writeFile(path, csv(), &why)) { // atomic: QSaveFile
        *error = tr("cannot write %1").arg(why);
        return false;
    }
    m_sourcePath = path;
    setModified(false);
    return true;
}

} // namespace tl
