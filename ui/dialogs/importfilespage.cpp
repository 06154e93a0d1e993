// SPDX-License-Identifier: Apache-2.0
#include "ui/dialogs/importfilespage.h"

#include "core/fetch/observationfile.h"
#include "core/import/formatregistry.h"
#include "core/util/timeutil.h"
#include "ui/models/displayformat.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tl {

namespace {

const LedgerKind kKinds[] = {LedgerKind::Client,  LedgerKind::Gateway, LedgerKind::Provider, LedgerKind::Finance, LedgerKind::Prices,
                             LedgerKind::Mapping, LedgerKind::Owners,  LedgerKind::Policy,   LedgerKind::Evidence, LedgerKind::Units};

QByteArray head(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(65536) : QByteArray();
}

LedgerKind kindFromName(const QString &name)
{
    LedgerKind k = LedgerKind::Client;
    const QByteArray n = name.toLatin1();
    parseLedgerKind(std::string_view(n.constData(), static_cast<std::size_t>(n.size())), &k);
    return k;
}

} // namespace

ImportFilesPage::ImportFilesPage(ImportTarget target, QWidget *parent)
    : QWizardPage(parent)
    , m_target(std::move(target))
    , m_table(new QTableWidget(0, ColumnCount))
    , m_status(new QLabel)
{
    setTitle(tr("Files to import"));
    switch (m_target.kind) {
    case ImportTarget::Kind::Store:
        setSubTitle(tr("They are stored in %1, period %2: each file all or nothing, with its hash and import report.")
                        .arg(QFileInfo(m_target.location).fileName(), m_target.period));
        break;
    case ImportTarget::Kind::JobFile:
        setSubTitle(tr("They are checked, then added to the inputs of %1 (or put in place of the input named under Replaces).")
                        .arg(QFileInfo(m_target.location).fileName()));
        break;
    case ImportTarget::Kind::NewStore:
        setSubTitle(tr("No workspace is open: a new one is created for them, with one period."));
        break;
    case ImportTarget::Kind::Check: break;
    }
    auto *layout = new QVBoxLayout(this);
    if (m_target.kind == ImportTarget::Kind::NewStore) {
        m_newBox = new QGroupBox(tr("New workspace"));
        auto *f = new QFormLayout(m_newBox);
        m_newPath = new QLineEdit;
        m_newPath->setPlaceholderText(tr("where the .tlw file is written"));
        auto *browse = new QPushButton(tr("Browse\u2026"));
        auto *row = new QHBoxLayout;
        row->addWidget(m_newPath, 1);
        row->addWidget(browse);
        f->addRow(tr("Workspace file"), row);
        m_month = new QDateEdit(QDate(QDate::currentDate().year(), QDate::currentDate().month(), 1).addMonths(-1));
        m_month->setDisplayFormat(QStringLiteral("yyyy-MM"));
        f->addRow(tr("Period (calendar month, UTC)"), m_month);
        m_account = new QLineEdit;
        m_account->setPlaceholderText(tr("billing account (a redacted id)"));
        f->addRow(tr("Account"), m_account);
        m_currency = new QLineEdit(QStringLiteral("USD"));
        f->addRow(tr("Currency"), m_currency);
        layout->addWidget(m_newBox);
        connect(browse, &QPushButton::clicked, this, [this] {
            const QString p = QFileDialog::getSaveFileName(this, tr("New workspace"), QStringLiteral("workspace.tlw"), tr("Workspaces (*.tlw)"));
            if (!p.isEmpty())
                m_newPath->setText(p.endsWith(QLatin1String(".tlw")) ? p : p + QStringLiteral(".tlw"));
        });
        for (QLineEdit *e : {m_newPath, m_account, m_currency})
            connect(e, &QLineEdit::textChanged, this, &ImportFilesPage::completeChanged);
    }
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Ledger"), tr("Format"), tr("Observed at (UTC)"), tr("Replaces"), tr("Size")});
    m_table->horizontalHeaderItem(ReplacesColumn)
        ->setToolTip(tr("The period's current input this file takes the place of (kept in the period's history), or none: added beside them"));
    m_table->setColumnHidden(ReplacesColumn, m_target.kind != ImportTarget::Kind::Store && m_target.kind != ImportTarget::Kind::JobFile);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(FileColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(KindColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(FormatColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ObservedColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ReplacesColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("&Add files\u2026"));
    auto *remove = new QPushButton(tr("&Remove"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    connect(add, &QPushButton::clicked, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Files to import"), QString(),
                                                                tr("Ledgers and tables (*.csv *.json *.jsonl);;All files (*)"));
        addFiles(paths);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            removeFile(m_table->currentRow());
    });
    updateStatus();
}

void ImportFilesPage::addFiles(const QStringList &paths)
{
    for (const QString &p : paths) {
        const QFileInfo fi(p);
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *file = new QTableWidgetItem(fi.fileName());
        file->setData(Qt::UserRole, fi.absoluteFilePath());
        file->setToolTip(fi.absoluteFilePath());
        file->setFlags(file->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(row, FileColumn, file);
        auto *kind = new QComboBox;
        for (LedgerKind k : kKinds)
            kind->addItem(QString::fromLatin1(ledgerKindName(k)));
        m_table->setCellWidget(row, KindColumn, kind);
        auto *format = new QComboBox;
        for (const FormatInfo &f : FormatRegistry::all())
            format->addItem(f.id);
        m_table->setCellWidget(row, FormatColumn, format);
        auto *observed = new QTableWidgetItem;
        m_table->setItem(row, ObservedColumn, observed);
        auto *replaces = new QComboBox;
        m_table->setCellWidget(row, ReplacesColumn, replaces);
        connect(replaces, &QComboBox::currentIndexChanged, this, &ImportFilesPage::updateStatus);
        auto *size = new QTableWidgetItem(DisplayFormat::count((fi.size() + 1023) / 1024) + tr(" KB"));
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        size->setFlags(size->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(row, SizeColumn, size);
        detect(row);
        fillReplaces(row);
        // A hand-picked kind re-detects (request logs feed client or gateway); a hand-picked format sticks.
        connect(kind, &QComboBox::currentIndexChanged, this, [this, kind] {
            for (int r = 0; r < m_table->rowCount(); ++r)
                if (m_table->cellWidget(r, KindColumn) == kind) {
                    const QString keep = this->format(r);
                    const QByteArray data = head(path(r));
                    const FormatInfo *f = FormatRegistry::detect(data, QFileInfo(path(r)).fileName(), kindFromName(this->kind(r)));
                    auto *fb = static_cast<QComboBox *>(m_table->cellWidget(r, FormatColumn));
                    const QSignalBlocker block(fb);
                    fb->setCurrentText(f ? f->id : keep);
                    fb->setProperty("detected", f != nullptr);
                    fillReplaces(r);
                }
            updateStatus();
        });
        connect(format, &QComboBox::currentIndexChanged, this, [this, format] {
            format->setProperty("detected", false);
            updateStatus();
        });
    }
    updateStatus();
    emit completeChanged();
}

void ImportFilesPage::detect(int row)
{
    const QString p = path(row);
    const QByteArray data = head(p);
    const QString name = QFileInfo(p).fileName();
    // Detect first without a preference, then take the format's own kind (the name decides
    // between client and gateway for request logs).
    const FormatInfo *f = FormatRegistry::detect(data, name, LedgerKind::Client);
    LedgerKind kind = LedgerKind::Client;
    if (f && !f->kinds.isEmpty())
        kind = f->kinds.first();
    if (name.contains(QLatin1String("gateway"), Qt::CaseInsensitive) || name.contains(QLatin1String("litellm"), Qt::CaseInsensitive))
        if (!f || f->kinds.contains(LedgerKind::Gateway))
            kind = LedgerKind::Gateway;
    if (f && !f->kinds.contains(kind) && !f->kinds.isEmpty())
        kind = f->kinds.first();
    if (const FormatInfo *g = FormatRegistry::detect(data, name, kind))
        f = g;
    auto *kb = static_cast<QComboBox *>(m_table->cellWidget(row, KindColumn));
    auto *fb = static_cast<QComboBox *>(m_table->cellWidget(row, FormatColumn));
    {
        const QSignalBlocker b1(kb), b2(fb);
        kb->setCurrentText(QString::fromLatin1(ledgerKindName(kind)));
        if (f)
            fb->setCurrentText(f->id);
        else
            fb->setCurrentIndex(-1);
        fb->setProperty("detected", f != nullptr);
    }
    if (kind == LedgerKind::Provider && m_table->item(row, ObservedColumn)->text().isEmpty()) {
        // A fetched file (Tools ▸ Fetch, `tokenledger-cli fetch`) has its observation time in
        // FILE.observed; any other provider export gets its modification time, to correct by hand.
        UtcMicros observedAt = kNoTime;
        QString ignored;
        const QString sidecar = ObservationFile::sidecarPath(p);
        if (QFileInfo::exists(sidecar) && ObservationFile::readObservedAt(sidecar, &observedAt, &ignored)) {
            m_table->item(row, ObservedColumn)->setText(timeutil::formatUtc(observedAt));
            m_table->item(row, ObservedColumn)->setToolTip(tr("From %1").arg(QFileInfo(sidecar).fileName()));
        } else {
            m_table->item(row, ObservedColumn)->setText(QFileInfo(p).lastModified().toUTC().toString(Qt::ISODate));
        }
    }
}

void ImportFilesPage::fillReplaces(int row)
{
    auto *box = static_cast<QComboBox *>(m_table->cellWidget(row, ReplacesColumn));
    const QString k = kind(row);
    const QSignalBlocker block(box);
    box->clear();
    box->addItem(tr("none (added)"), qint64(0));
    for (const StoredInput &in : m_target.current)
        if (in.kind == k)
            box->addItem(tr("%1 (input #%2)").arg(in.originalName).arg(in.seq), in.seq);
    // One table of a kind counts at a time: an owners table, mapping or policy replaces the current one.
    const bool single = k == QLatin1String("owners") || k == QLatin1String("mapping") || k == QLatin1String("policy");
    box->setCurrentIndex(single ? box->count() - 1 : 0);
    box->setEnabled(box->count() > 1);
}

qint64 ImportFilesPage::replaces(int row) const
{
    if (m_target.kind != ImportTarget::Kind::Store && m_target.kind != ImportTarget::Kind::JobFile)
        return 0;
    return static_cast<QComboBox *>(m_table->cellWidget(row, ReplacesColumn))->currentData().toLongLong();
}

bool ImportFilesPage::setReplaces(int row, qint64 seq)
{
    auto *box = static_cast<QComboBox *>(m_table->cellWidget(row, ReplacesColumn));
    const int i = box->findData(seq);
    if (i < 0)
        return false;
    box->setCurrentIndex(i);
    return true;
}

void ImportFilesPage::removeFile(int row)
{
    m_table->removeRow(row);
    updateStatus();
    emit completeChanged();
}

int ImportFilesPage::fileCount() const
{
    return m_table->rowCount();
}

QString ImportFilesPage::path(int row) const
{
    return m_table->item(row, FileColumn)->data(Qt::UserRole).toString();
}

QString ImportFilesPage::kind(int row) const
{
    return static_cast<QComboBox *>(m_table->cellWidget(row, KindColumn))->currentText();
}

QString ImportFilesPage::format(int row) const
{
    return static_cast<QComboBox *>(m_table->cellWidget(row, FormatColumn))->currentText();
}

bool ImportFilesPage::detected(int row) const
{
    return m_table->cellWidget(row, FormatColumn)->property("detected").toBool();
}

void ImportFilesPage::setKind(int row, const QString &kind)
{
    static_cast<QComboBox *>(m_table->cellWidget(row, KindColumn))->setCurrentText(kind);
}

void ImportFilesPage::setFormat(int row, const QString &format)
{
    static_cast<QComboBox *>(m_table->cellWidget(row, FormatColumn))->setCurrentText(format);
}

void ImportFilesPage::setObservedAt(int row, const QString &utc)
{
    m_table->item(row, ObservedColumn)->setText(utc);
}

void ImportFilesPage::setNewWorkspace(const QString &path, const QDate &month, const QString &account, const QString &currency)
{
    if (!m_newBox)
        return;
    m_newPath->setText(path);
    m_month->setDate(month);
    m_account->setText(account);
    m_currency->setText(currency);
}

ImportTarget ImportFilesPage::target() const
{
    ImportTarget t = m_target;
    if (t.kind == ImportTarget::Kind::NewStore && m_newBox) {
        QString p = m_newPath->text().trimmed();
        if (!p.isEmpty() && !p.contains(QLatin1String("://")) && !p.endsWith(QLatin1String(".tlw")))
            p += QStringLiteral(".tlw");
        t.location = p;
        const QDate first(m_month->date().year(), m_month->date().month(), 1);
        StoredPeriod sp;
        sp.label = first.toString(QStringLiteral("yyyy-MM"));
        sp.startUtc = first.toString(Qt::ISODate) + QStringLiteral("T00:00:00Z");
        sp.endUtc = first.addMonths(1).toString(Qt::ISODate) + QStringLiteral("T00:00:00Z");
        sp.accountRef = m_account->text().trimmed();
        sp.currency = m_currency->text().trimmed().toUpper();
        t.newPeriod = sp;
        t.period = sp.label;
    }
    return t;
}

bool ImportFilesPage::requests(std::vector<ImportRequest> *out, QString *error) const
{
    out->clear();
    for (int r = 0; r < m_table->rowCount(); ++r) {
        ImportRequest q;
        q.path = path(r);
        q.options.kind = kindFromName(kind(r));
        q.options.format = format(r);
        q.options.displayName = QFileInfo(q.path).fileName();
        q.replaces = replaces(r);
        for (const ImportRequest &earlier : *out)
            if (q.replaces > 0 && earlier.replaces == q.replaces) {
                *error = tr("%1 and %2 both replace input #%3: one file takes its place.")
                             .arg(earlier.options.displayName, q.options.displayName)
                             .arg(q.replaces);
                return false;
            }
        if (q.options.format.isEmpty()) {
            *error = tr("%1: no format was detected; choose one.").arg(q.options.displayName);
            return false;
        }
        const FormatInfo *f = FormatRegistry::find(q.options.format);
        if (f && !f->kinds.contains(q.options.kind)) {
            *error = tr("%1: the format %2 does not feed the %3 ledger.").arg(q.options.displayName, q.options.format, kind(r));
            return false;
        }
        const QString observed = m_table->item(r, ObservedColumn)->text().trimmed();
        if (!observed.isEmpty()) {
            QString why;
            const QByteArray o = observed.toUtf8();
            if (!timeutil::parseTimestamp(std::string_view(o.constData(), static_cast<std::size_t>(o.size())), nullptr, &q.options.observedAt, &why)) {
                *error = tr("%1: observed at: %2").arg(q.options.displayName, why);
                return false;
            }
        } else if (q.options.kind == LedgerKind::Provider) {
            *error = tr("%1: a provider file needs the time its observation was taken (UTC).").arg(q.options.displayName);
            return false;
        }
        out->push_back(q);
    }
    return true;
}

void ImportFilesPage::updateStatus()
{
    std::vector<ImportRequest> r;
    QString error;
    if (m_table->rowCount() == 0)
        m_status->setText(tr("Add the files: client and gateway logs, provider usage, invoices, prices, mappings, policy, evidence, owners."));
    else if (!requests(&r, &error))
        m_status->setText(QStringLiteral("<span style='color:#B0222A'>%1</span>").arg(error.toHtmlEscaped()));
    else
        m_status->setText((r.size() == 1 ? tr("1 file ready.") : tr("%1 files ready.").arg(r.size()))
                          + tr(" Next shows the first rows of each as its format reads them."));
}

bool ImportFilesPage::isComplete() const
{
    if (m_table->rowCount() == 0)
        return false;
    if (m_newBox && (m_newPath->text().trimmed().isEmpty() || m_account->text().trimmed().isEmpty() || m_currency->text().trimmed().isEmpty()))
        return false;
    return true;
}

bool ImportFilesPage::validatePage()
{
    std::vector<ImportRequest> r;
    QString error;
    if (!requests(&r, &error)) {
        m_status->setText(QStringLiteral("<span style='color:#B0222A'>%1</span>").arg(error.toHtmlEscaped()));
        return false;
    }
    return true;
}

} // namespace tl
