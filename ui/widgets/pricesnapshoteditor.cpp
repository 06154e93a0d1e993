// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/pricesnapshoteditor.h"

#include "ui/document/inputtable.h"
#include "ui/document/workspace.h"
#include "ui/document/workspacedocument.h"
#include "ui/widgets/inputtableeditor.h"

#include <QComboBox>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace tl {

namespace {

bool isPriceCsv(const JobInput &in)
{
    return in.options.kind == LedgerKind::Prices
        && (in.options.format == QLatin1String("price_snapshot_csv")
            || (in.options.format.isEmpty() && in.path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)));
}

} // namespace

PriceSnapshotEditor::PriceSnapshotEditor(WorkspaceDocument *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_table(InputTable::prices(this))
    , m_editor(new InputTableEditor(doc, m_table,
                                    tr("a new price snapshot: list prices per unit, upstream ratio and validity per billable model")))
    , m_source(new QComboBox)
    , m_new(new QPushButton(tr("&New snapshot from this one\u2026")))
    , m_status(new QLabel)
{
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_new->setToolTip(tr("Copy the chosen snapshot's rows into a new snapshot (new id, observed and effective dates) to edit"));
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Snapshot:")));
    row->addWidget(m_source);
    row->addWidget(m_new);
    row->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_editor, 1);

    connect(m_new, &QPushButton::clicked, this, &PriceSnapshotEditor::newSnapshotFromCurrent);
    m_editor->setSaveHandler([this](QString *error) { return saveSnapshot(error); });
    connect(m_doc, &WorkspaceDocument::workspaceChanged, this, [this] {
        // A saved snapshot is part of the job now (and used): the editor starts over. So does
        // one of another workspace (the window asked to save or discard it before leaving).
        if (!m_table->isModified() || workspaceKey(m_doc->workspace().get()) != m_startedIn)
            m_table->clear();
        refresh();
    });
    connect(m_source, &QComboBox::currentIndexChanged, this, &PriceSnapshotEditor::refresh);
    refresh();
}

QStringList PriceSnapshotEditor::snapshotIds() const
{
    QStringList ids;
    if (const Workspace *ws = m_doc->workspace().get())
        for (const PriceRow &p : ws->set.prices)
            if (!ids.contains(p.snapshotId))
                ids << p.snapshotId;
    return ids;
}

QStringList PriceSnapshotEditor::usedSnapshotIds() const
{
    // What the pricer prices with: the snapshot the mapping rows name, else the period's, else every snapshot.
    const Workspace *ws = m_doc->workspace().get();
    if (!ws)
        return {};
    QStringList used;
    bool unnamed = ws->set.mappings.empty();
    for (const MappingRow &m : ws->set.mappings) {
        if (m.snapshotId.isEmpty())
            unnamed = true;
        else if (!used.contains(m.snapshotId))
            used << m.snapshotId;
    }
    if (unnamed) {
        if (!ws->job.period.snapshotId.isEmpty()) {
            if (!used.contains(ws->job.period.snapshotId))
                used << ws->job.period.snapshotId;
        } else {
            for (const QString &id : snapshotIds())
                if (!used.contains(id))
                    used << id;
        }
    }
    return used;
}

NewSnapshotFields PriceSnapshotEditor::suggestedFields(const QString &id) const
{
    NewSnapshotFields f;
    const QStringList ids = snapshotIds();
    f.snapshotId = id + QStringLiteral("-2");
    for (int n = 3; ids.contains(f.snapshotId); ++n)
        f.snapshotId = QStringLiteral("%1-%2").arg(id).arg(n);
    f.accessedAt = QDate::currentDate().toString(Qt::ISODate);
    if (const Workspace *ws = m_doc->workspace().get()) {
        for (const PriceRow &p : ws->set.prices)
            if (p.snapshotId == id) {
                f.capturedBy = p.capturedBy;
                break;
            }
        f.validFrom = QDateTime::fromMSecsSinceEpoch(ws->job.period.start / 1000, QTimeZone::utc()).date().toString(Qt::ISODate);
    }
    return f;
}

void PriceSnapshotEditor::showStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: #B0222A;") : QString());
    m_status->setText(text);
}

void PriceSnapshotEditor::refresh()
{
    const Workspace *ws = m_doc->workspace().get();
    const QString current = m_source->currentText();
    const QStringList ids = snapshotIds();
    const QStringList used = usedSnapshotIds();
    {
        const QSignalBlocker block(m_source);
        m_source->clear();
        m_source->addItems(ids);
        const int keep = ids.indexOf(current);
        m_source->setCurrentIndex(keep >= 0 ? keep : used.isEmpty() ? 0 : std::max(0, static_cast<int>(ids.indexOf(used.first()))));
    }
    QString why;
    if (!ws)
        why = tr("Open a job (File \u25B8 Open job\u2026) to start.");
    else if (ws->fromStore() && !ws->periodFrozenAt.isEmpty())
        why = tr("Read-only: period %1 is frozen (since %2), so it takes no new price snapshot. A correction belongs in a new period.")
                  .arg(ws->periodLabel, ws->periodFrozenAt);
    else if (ids.isEmpty())
        why = tr("This job has no price snapshot. Add an input of kind \u201cprices\u201d (formats.md \u00A75).");
    // The grid shows only a new snapshot being edited (the snapshots themselves are the rows above).
    m_editor->setVisible(m_table->isEditable());
    m_source->setEnabled(why.isEmpty());
    m_new->setEnabled(why.isEmpty() && !m_table->isModified());
    if (!why.isEmpty()) {
        showStatus(why, false);
        return;
    }
    const QString id = m_source->currentText();
    if (m_table->isEditable())
        showStatus(tr("Editing new snapshot %1, copied from %2 (not part of the %3 until saved).")
                       .arg(QFileInfo(m_table->sourceName()).completeBaseName(), m_fromId,
                            ws->fromStore() ? tr("period") : tr("job")),
                   false);
    else if (used.contains(id))
        showStatus(tr("Read-only: the current results were priced with snapshot %1, and a used snapshot is immutable "
                      "(formats.md \u00A75). To change a price, make a new snapshot from this one.")
                       .arg(id),
                   false);
    else
        showStatus(tr("Snapshot %1 is not used by the current results; it is kept as imported. Make a new snapshot from it to change it.")
                       .arg(id),
                   false);
}

bool PriceSnapshotEditor::copyRows(const QString &from, QStringList *header, std::vector<QStringList> *rows, QString *error) const
{
    const Workspace *ws = m_doc->workspace().get();
    for (std::size_t i = 0; ws && i < ws->job.inputs.size(); ++i) {
        const JobInput &in = ws->job.inputs[i];
        if (!isPriceCsv(in))
            continue;
        std::unique_ptr<InputTable> file(InputTable::prices());
        if (ws->fromStore() && i >= ws->storedInputs.size()) {
            *error = tr("the period's inputs were read incompletely; reload the period.");
            return false;
        }
        const bool read = ws->fromStore()
                              ? file->resetFromStored(ws->storedBytes.value(ws->storedInputs[i].sha256Stored), in.options,
                                                             ws->storedInputs[i].seq, error)
                              : file->resetFromFile(in.path, error);
        if (!read)
            return false;
        const int idCol = file->columnOf(QStringLiteral("snapshot_id"));
        for (int r = 0; r < file->rowCount(); ++r)
            if (file->value(r, idCol) == from) {
                if (header->isEmpty())
                    *header = file->header();
                else if (*header != file->header())
                    continue;
                rows->push_back(file->row(r));
            }
    }
    if (rows->empty()) {
        *error = tr("snapshot %1 is not in a price_snapshot_csv input of this %2, so it has no rows to copy.")
                     .arg(from, ws && ws->fromStore() ? tr("period") : tr("job"));
        return false;
    }
    return true;
}

bool PriceSnapshotEditor::startNewSnapshot(const QString &from, const NewSnapshotFields &f)
{
    const Workspace *ws = m_doc->workspace().get();
    auto refuse = [this](const QString &text) {
        showStatus(tr("No new snapshot: %1").arg(text), true);
        return false;
    };
    if (!ws || (ws->fromStore() && !ws->periodFrozenAt.isEmpty()) || !snapshotIds().contains(from)) {
        refresh();
        return refuse(m_status->text());
    }
    if (m_table->isModified())
        return refuse(tr("save or undo the new snapshot being edited first."));
    const QString problem = NewSnapshotDialog::problem(f, snapshotIds());
    if (!problem.isEmpty())
        return refuse(problem);
    const QString name = QStringLiteral("prices-%1.csv").arg(f.snapshotId);
    const QString path = ws->fromStore() ? QString() : QFileInfo(ws->job.path).absoluteDir().filePath(name);
    if (ws->fromStore()) {
        for (const StoredInput &in : ws->storedInputs)
            if (in.originalName == name)
                return refuse(tr("period %1 has an input named %2 already.").arg(ws->periodLabel, name));
    } else if (QFileInfo::exists(path)) {
        return refuse(tr("%1 exists already.").arg(QDir::toNativeSeparators(path)));
    }

    // The rows as written in the snapshot's file (extra columns, number and date spelling kept).
    QStringList header;
    std::vector<QStringList> rows;
    QString error;
    if (!copyRows(from, &header, &rows, &error))
        return refuse(error);
    // formats.md §5: the new id, when it was observed and by whom, and when it takes effect.
    const QStringList extra{QStringLiteral("accessed_at"), QStringLiteral("captured_by"), QStringLiteral("valid_from")};
    for (const QString &col : extra)
        if (!header.contains(col, Qt::CaseInsensitive))
            header << col;
    auto col = [&header](const QString &colName) {
        for (int i = 0; i < header.size(); ++i)
            if (header[i].trimmed().compare(colName, Qt::CaseInsensitive) == 0)
                return i;
        return -1;
    };
    for (QStringList &r : rows) {
        while (r.size() < header.size())
            r << QString();
        r[col(QStringLiteral("snapshot_id"))] = f.snapshotId;
        r[col(QStringLiteral("accessed_at"))] = f.accessedAt;
        r[col(QStringLiteral("captured_by"))] = f.capturedBy;
        r[col(QStringLiteral("valid_from"))] = f.validFrom;
    }
    bool started = false;
    if (ws->fromStore()) {
        ImportOptions o;
        o.kind = LedgerKind::Prices;
        o.format = QStringLiteral("price_snapshot_csv");
        o.displayName = name;
        started = m_table->resetNewStored(o, header, std::move(rows), &error);
    } else {
        started = m_table->resetNew(path, header, std::move(rows), &error);
    }
    if (!started)
        return refuse(error);
    m_fromId = from;
    m_startedIn = workspaceKey(ws);
    refresh();
    return true;
}

QString PriceSnapshotEditor::workspaceKey(const Workspace *ws)
{
    if (!ws)
        return QString();
    return ws->fromStore() ? ws->storeLocation + QLatin1Char('\n') + ws->periodLabel : ws->job.path;
}

void PriceSnapshotEditor::newSnapshotFromCurrent()
{
    const QString from = m_source->currentText();
    if (from.isEmpty())
        return;
    NewSnapshotDialog dialog(suggestedFields(from), snapshotIds(), this);
    if (dialog.exec() == QDialog::Accepted)
        startNewSnapshot(from, dialog.fields());
}

bool PriceSnapshotEditor::saveSnapshot(QString *message)
{
    const Workspace *ws = m_doc->workspace().get();
    if (!ws) {
        *message = tr("No job is open.");
        return false;
    }
    if (!m_table->isEditable() || !m_table->isModified()) {
        *message = tr("no new snapshot is being edited.");
        return false;
    }
    if (workspaceKey(ws) != m_startedIn || m_table->isStored() != ws->fromStore()) {
        *message = tr("snapshot %1 was started in another workspace or period than the one open now; it is not saved here.")
                       .arg(QFileInfo(m_table->sourceName()).completeBaseName());
        return false;
    }
    return m_table->isStored() ? saveToStore(message) : saveToJobFile(message);
}

bool PriceSnapshotEditor::saveToStore(QString *message)
{
    // One transaction: the new snapshot, and the mapping with its rows that named the old
    // snapshot pointed at the new one (replacing the stored mapping). A refusal writes neither.
    const QString newId = m_table->rowCount() > 0 ? m_table->value(0, m_table->columnOf(QStringLiteral("snapshot_id"))) : QString();
    InputTable *mapping = m_doc->mappings();
    const int snapCol = mapping->columnOf(QStringLiteral("snapshot_id"));
    QList<InputTable *> tables{m_table};
    std::vector<int> pointed;
    if (mapping->isEditable() && snapCol >= 0) {
        for (int r = 0; r < mapping->rowCount(); ++r)
            if (mapping->value(r, snapCol) == m_fromId)
                pointed.push_back(r);
        if (!pointed.empty() && mapping->isModified()) {
            *message = tr("the mapping has unsaved edits: save or undo them first, so that the new snapshot and the mapping "
                        "pointed at it are stored together.");
            return false;
        }
    }
    QString why;
    for (int r : pointed)
        mapping->setValue(r, snapCol, newId, &why);
    if (!pointed.empty())
        tables << mapping;
    const qint64 mappingSeq = mapping->storedSeq();
    const QString name = m_table->sourceName();
    if (m_doc->saveInputs(tables, message)) {
        if (!pointed.empty())
            *message = tr("Stored %1 in the period, with the mapping's %2 row(s) that named %3 pointed at %4 (the mapping replaces input "
                        "#%5); reconciling again.")
                         .arg(name)
                         .arg(pointed.size())
                         .arg(m_fromId, newId)
                         .arg(mappingSeq);
        else
            *message = tr("Stored %1 in the period. No mapping row names %2, so the mapping is unchanged and decides whether %3 "
                          "is used; reconciling again.")
                           .arg(name, m_fromId, newId);
        return true;
    }
    for (int r : pointed) // nothing was stored: the mapping is as it was
        mapping->setValue(r, snapCol, m_fromId, &why);
    return false;
}

bool PriceSnapshotEditor::saveToJobFile(QString *message)
{
    if (!m_table->save(message))
        return false;
    const QString path = m_table->sourcePath();
    // The job names the new file and prices with it.
    const Workspace *ws = m_doc->workspace().get();
    const QString newId = m_table->rowCount() > 0 ? m_table->value(0, m_table->columnOf(QStringLiteral("snapshot_id"))) : QString();
    QFile jf(ws->job.path);
    if (!jf.open(QIODevice::ReadOnly)) {
        *message = tr("saved %1, but the job file cannot be read: %2").arg(QDir::toNativeSeparators(path), jf.errorString());
        return false;
    }
    QJsonObject root = QJsonDocument::fromJson(jf.readAll()).object();
    jf.close();
    QJsonArray inputs = root.value(QStringLiteral("inputs")).toArray();
    const QString rel = QFileInfo(ws->job.path).absoluteDir().relativeFilePath(path);
    bool listed = false;
    for (const QJsonValue &v : inputs)
        listed = listed || v.toObject().value(QStringLiteral("path")).toString() == rel;
    if (!listed)
        inputs.append(QJsonObject{{QStringLiteral("kind"), QStringLiteral("prices")},
                                  {QStringLiteral("format"), QStringLiteral("price_snapshot_csv")},
                                  {QStringLiteral("path"), rel}});
    root.insert(QStringLiteral("inputs"), inputs);
    QJsonObject period = root.value(QStringLiteral("reconciliation_period")).toObject();
    const QString periodSnap = period.value(QStringLiteral("snapshot_id")).toString();
    if (periodSnap.isEmpty() || periodSnap == m_fromId) {
        period.insert(QStringLiteral("snapshot_id"), newId);
        root.insert(QStringLiteral("reconciliation_period"), period);
    }
    QSaveFile out(ws->job.path);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !out.commit()) {
        *message = tr("saved %1, but the job file cannot be written: %2").arg(QDir::toNativeSeparators(path), out.errorString());
        return false;
    }
    // Mapping rows that named the old snapshot name the new one (the mapping file is saved as its editor saves it).
    InputTable *mapping = m_doc->mappings();
    const int snapCol = mapping->columnOf(QStringLiteral("snapshot_id"));
    if (mapping->isModified()) {
        showStatus(tr("Saved %1 and added it to the job; the mapping has unsaved edits, so its rows naming %2 were left as they are.")
                       .arg(QDir::toNativeSeparators(path), m_fromId),
                   true);
    } else if (mapping->isEditable() && snapCol >= 0) {
        bool changed = false;
        QString why;
        for (int r = 0; r < mapping->rowCount(); ++r)
            if (mapping->value(r, snapCol) == m_fromId) {
                changed = mapping->setValue(r, snapCol, newId, &why) || changed;
            }
        if (changed && !mapping->save(&why))
            showStatus(tr("Saved %1, but the mapping cannot be written: %2").arg(QDir::toNativeSeparators(path), why), true);
    }
    return true;
}

} // namespace tl
