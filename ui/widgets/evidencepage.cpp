// SPDX-License-Identifier: Apache-2.0
#include "ui/widgets/evidencepage.h"

#include "core/store/workspacestore.h"
#include "core/util/sha256.h"
#include "ui/document/addevidencecommand.h"
#include "ui/document/editevidencecommand.h"
#include "ui/document/evidenceregister.h"
#include "ui/document/workspacedocument.h"
#include "ui/models/displayformat.h"
#include "ui/models/evidenceregistermodel.h"
#include "ui/models/evidencereview.h"
#include "ui/models/evidencevalidator.h"
#include "ui/models/ledgercolors.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

namespace tl {

namespace {

bool multiLine(const QString &field)
{
    return field == QLatin1String("assumption") || field == QLatin1String("notes") || field == QLatin1String("fallback_behavior");
}

QString placeholder(const QString &field)
{
    if (field == QLatin1String("accessed_on") || field == QLatin1String("next_review_on"))
        return QStringLiteral("YYYY-MM-DD");
    if (field == QLatin1String("source_url_or_ticket"))
        return QStringLiteral("https://\u2026 or FIN-123");
    if (field == QLatin1String("evidence_id"))
        return QStringLiteral("EV-PRICE-2026-05");
    if (field == QLatin1String("owner"))
        return QObject::tr("who answers for it (team or person)");
    return QString();
}

} // namespace

EvidencePage::EvidencePage(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_doc(document)
    , m_model(new EvidenceRegisterModel(document->evidence(), this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
    , m_caption(new QLabel)
    , m_empty(new QLabel)
    , m_body(new QWidget)
    , m_formTitle(new QLabel)
    , m_message(new QLabel)
    , m_usedBy(new QLabel)
    , m_review(new QLabel)
    , m_history(new QTreeWidget)
    , m_apply(new QPushButton(tr("&Apply")))
    , m_revert(new QPushButton(tr("Re&vert")))
    , m_new(new QPushButton(tr("&New entry")))
    , m_save(new QPushButton(tr("&Save register\u2026")))
    , m_attach(new QPushButton(tr("Attach file\u2026")))
    , m_reloadEntry(new QPushButton(tr("Load the stored version")))
{
    EvidenceRegister *reg = document->evidence();
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: #6B7280; font-style: italic;"));

    // The table.
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(m_model->columnOf(QStringLiteral("evidence_id")), Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    auto *search = new QLineEdit;
    search->setPlaceholderText(tr("Filter entries\u2026"));
    search->setClearButtonEnabled(true);
    connect(search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    // Short buttons (the stack's own actions carry the whole step's text, which can be long):
    // what they would undo is in the tooltip.
    QUndoStack *stack = document->undoStack();
    auto *undo = new QToolButton;
    undo->setText(tr("Undo"));
    auto *redo = new QToolButton;
    redo->setText(tr("Redo"));
    auto syncUndo = [stack, undo, redo] {
        undo->setEnabled(stack->canUndo());
        redo->setEnabled(stack->canRedo());
        undo->setToolTip(stack->canUndo() ? tr("Undo %1 (Ctrl+Z)").arg(stack->undoText()) : QString());
        redo->setToolTip(stack->canRedo() ? tr("Redo %1").arg(stack->redoText()) : QString());
    };
    connect(undo, &QToolButton::clicked, stack, &QUndoStack::undo);
    connect(redo, &QToolButton::clicked, stack, &QUndoStack::redo);
    connect(stack, &QUndoStack::indexChanged, this, syncUndo);
    connect(stack, &QUndoStack::cleanChanged, this, syncUndo);
    syncUndo();
    auto *tools = new QHBoxLayout;
    tools->addWidget(search, 1);
    tools->addWidget(m_new);
    tools->addWidget(m_save);
    tools->addWidget(undo);
    tools->addWidget(redo);
    auto *left = new QWidget;
    auto *lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    lv->addLayout(tools);
    lv->addWidget(m_empty);
    lv->addWidget(m_view, 1);

    // The form: one editor per §9 field, its message under it.
    auto *form = new QWidget;
    auto *fl = new QFormLayout(form);
    fl->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    fl->setRowWrapPolicy(QFormLayout::DontWrapRows);
    QFont title = m_formTitle->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.15);
    m_formTitle->setFont(title);
    fl->addRow(m_formTitle);
    m_review->setTextFormat(Qt::RichText);
    fl->addRow(m_review);
    for (const QString &field : EvidenceValidator::fields()) {
        QWidget *editor = nullptr;
        if (field == QLatin1String("area") || field == QLatin1String("status")) {
            auto *box = new QComboBox;
            if (field == QLatin1String("area"))
                box->addItem(QString());
            box->addItems(field == QLatin1String("area") ? EvidenceValidator::areas()
                                                         : QStringList{QStringLiteral("verified"), QStringLiteral("unverified"),
                                                                       QStringLiteral("superseded")});
            connect(box, &QComboBox::currentIndexChanged, this, [this] { checkForm(false); });
            editor = box;
        } else if (multiLine(field)) {
            auto *text = new QPlainTextEdit;
            text->setTabChangesFocus(true);
            text->setFixedHeight(text->fontMetrics().lineSpacing() * 3 + 12);
            connect(text, &QPlainTextEdit::textChanged, this, [this] { checkForm(false); });
            editor = text;
        } else {
            auto *line = new QLineEdit;
            line->setPlaceholderText(placeholder(field));
            connect(line, &QLineEdit::textChanged, this, [this] { checkForm(false); });
            if (field == QLatin1String("screenshot_sha256")) {
                QFont mono(QStringLiteral("monospace"));
                mono.setStyleHint(QFont::Monospace);
                line->setFont(mono);
            }
            editor = line;
        }
        editor->setObjectName(field);
        auto *error = new QLabel;
        error->setWordWrap(true);
        error->setStyleSheet(QStringLiteral("color: #B0222A;"));
        error->hide();
        auto *cell = new QWidget;
        auto *cv = new QVBoxLayout(cell);
        cv->setContentsMargins(0, 0, 0, 0);
        cv->setSpacing(1);
        if (field == QLatin1String("statement_or_screenshot_ref")) {
            auto *row = new QHBoxLayout;
            row->addWidget(editor, 1);
            row->addWidget(m_attach);
            cv->addLayout(row);
        } else {
            cv->addWidget(editor);
        }
        cv->addWidget(error);
        const bool required = field == QLatin1String("evidence_id") || field == QLatin1String("assumption")
            || field == QLatin1String("owner") || field == QLatin1String("status");
        fl->addRow(EvidenceValidator::label(field) + (required ? QStringLiteral(" *") : QString()), cell);
        m_editors.insert(field, editor);
        m_errors.insert(field, error);
    }
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->hide();
    m_reloadEntry->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_reloadEntry);
    buttons->addStretch(1);
    fl->addRow(m_message);
    fl->addRow(buttons);
    m_apply->setDefault(true);
    m_apply->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_apply->setToolTip(tr("Check the entry and save the change (Ctrl+Return); Edit \u25B8 Undo takes it back"));

    m_usedBy->setTextFormat(Qt::RichText);
    // One use per line, unwrapped: a wrapped link in a form row lost its second line.
    m_usedBy->setWordWrap(false);
    m_usedBy->setOpenExternalLinks(false);
    fl->addRow(tr("Used by"), m_usedBy);
    m_history->setColumnCount(4);
    m_history->setHeaderLabels({tr("When (UTC)"), tr("Who"), tr("Field"), tr("Change")});
    m_history->setRootIsDecorated(false);
    m_history->setMinimumHeight(110);
    m_history->header()->setStretchLastSection(true);
    fl->addRow(tr("History"), m_history);

    auto *scroll = new QScrollArea;
    scroll->setWidget(form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(420);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(scroll);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({640, 480});
    auto *bl = new QVBoxLayout(m_body);
    bl->setContentsMargins(0, 0, 0, 0);
    bl->addWidget(split);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_caption);
    layout->addWidget(m_body, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EvidencePage::showCurrent);
    connect(m_apply, &QPushButton::clicked, this, &EvidencePage::apply);
    connect(m_revert, &QPushButton::clicked, this, &EvidencePage::revert);
    connect(m_new, &QPushButton::clicked, this, &EvidencePage::startNewEntry);
    connect(m_attach, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Attach a screenshot or an export"));
        if (!path.isEmpty())
            attachFile(path);
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        EvidenceRegister *r = m_doc->evidence();
        QString path = r->sourcePath();
        if (path.isEmpty() || QMessageBox::question(this, tr("Save the evidence register"),
                                                    tr("Write the register over %1?\nThe job reads it on the next reconciliation.")
                                                        .arg(QDir::toNativeSeparators(path)),
                                                    QMessageBox::Save | QMessageBox::No, QMessageBox::Save)
                != QMessageBox::Save)
            path = QFileDialog::getSaveFileName(this, tr("Save the evidence register as"), path, tr("Evidence register (*.csv)"));
        if (path.isEmpty())
            return;
        QString error;
        if (r->saveCsv(path, &error))
            showMessage(tr("Saved %1 entries to %2. Reconcile again (F5) to apply them to the decision.")
                            .arg(r->count())
                            .arg(path.toHtmlEscaped()),
                        false);
        else
            showMessage(error.toHtmlEscaped(), true);
    });
    connect(m_reloadEntry, &QPushButton::clicked, this, [this] {
        QString error;
        if (!m_doc->evidence()->refresh(m_currentId, &error)) {
            showMessage(error.toHtmlEscaped(), true);
            return;
        }
        m_reloadEntry->hide();
        showEntry(m_doc->evidence()->indexOf(m_currentId));
        showMessage(tr("Showing the stored version of %1 (row version %2). Make your change again and apply it.")
                        .arg(m_currentId.toHtmlEscaped())
                        .arg(m_doc->evidence()->rowVersion(m_doc->evidence()->indexOf(m_currentId))),
                    false);
    });
    connect(m_usedBy, &QLabel::linkActivated, this, [this](const QString &link) { emit linkActivated(QUrl(link)); });

    connect(reg, &EvidenceRegister::wasReset, this, [this] {
        updateCaption();
        if (!selectEntry(m_currentId) && m_proxy->rowCount() > 0)
            m_view->selectRow(0);
        else if (m_proxy->rowCount() == 0)
            showEntry(-1);
    });
    connect(reg, &EvidenceRegister::entryChanged, this, [this](int row) {
        updateCaption();
        if (!m_newEntry && row == m_doc->evidence()->indexOf(m_currentId))
            showEntry(row);
    });
    connect(reg, &EvidenceRegister::entryInserted, this, [this](int row) {
        updateCaption();
        selectEntry(m_doc->evidence()->entry(row).evidenceId);
    });
    connect(reg, &EvidenceRegister::entryRemoved, this, [this] {
        updateCaption();
        if (m_doc->evidence()->indexOf(m_currentId) < 0) {
            m_currentId.clear();
            if (m_proxy->rowCount() > 0)
                m_view->selectRow(0);
            else
                showEntry(-1);
        }
    });
    connect(reg, &EvidenceRegister::modifiedChanged, this, [this] { updateCaption(); });
    connect(reg, &EvidenceRegister::editFailed, this, [this](const QString &id, const QString &message) {
        showMessage(tr("<b>Not saved.</b> %1").arg(message.toHtmlEscaped()), true);
        if (id == m_currentId)
            updateHistory();
    });
    connect(reg, &EvidenceRegister::conflict, this, [this](const QString &id, const QString &message) {
        showMessage(tr("<b>Not saved: someone else changed %1.</b> %2<br>Your edit was not written; nothing of theirs was "
                       "overwritten. Load the stored version, then make your change again.")
                        .arg(id.toHtmlEscaped(), message.toHtmlEscaped()),
                    true);
        m_reloadEntry->setVisible(id == m_currentId);
    });
    connect(document->undoStack(), &QUndoStack::indexChanged, this, [this] { updateHistory(); });
    setWorkspace(nullptr);
}

void EvidencePage::setWorkspace(const std::shared_ptr<const Workspace> &ws)
{
    m_ws = ws;
    m_model->setWorkspace(ws);
    m_view->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), 260));
    m_body->setEnabled(ws != nullptr);
    m_message->hide();
    m_reloadEntry->hide();
    m_newEntry = false;
    updateCaption();
    if (!selectEntry(m_currentId)) {
        if (m_proxy->rowCount() > 0)
            m_view->selectRow(0);
        else
            showEntry(-1);
    }
}

void EvidencePage::updateCaption()
{
    EvidenceRegister *reg = m_doc->evidence();
    if (!m_ws) {
        m_caption->setText(tr("Open a job (File \u25B8 Open job\u2026) to start: its evidence register appears here."));
        m_empty->hide();
        m_save->setEnabled(false);
        return;
    }
    const EvidenceReview::Counts c = EvidenceReview::count(reg->entries(), m_ws->asOf);
    QString text = tr("Evidence register as of <b>%1</b>: <span style='color:#B0222A'><b>%2</b> overdue</span> (red), "
                      "<span style='color:#B26B00'><b>%3</b> due within %4 days</span> (amber). ")
                       .arg(DisplayFormat::date(m_ws->asOf))
                       .arg(c.overdue)
                       .arg(c.dueSoon)
                       .arg(EvidenceReview::DueSoonDays);
    if (reg->isStoreBacked()) {
        text += tr("Stored in <b>%1</b>: each edit is saved at once with its row version and kept in the entry's history.")
                    .arg(QFileInfo(m_ws->storeLocation).fileName().toHtmlEscaped());
    } else if (!m_doc->storeError().isEmpty()) {
        text += tr("<span style='color:#B0222A'>The workspace store could not be opened for editing: %1</span>")
                    .arg(m_doc->storeError().toHtmlEscaped());
    } else {
        text += reg->sourcePath().isEmpty()
            ? tr("This job has no evidence input: new entries are kept until you save the register as a CSV file.")
            : tr("From <b>%1</b>: edits are kept in memory until you save the register%2.")
                  .arg(QFileInfo(reg->sourcePath()).fileName().toHtmlEscaped(),
                       reg->isModified() ? tr(" (<b>unsaved changes</b>)") : QString());
    }
    m_caption->setText(text);
    m_save->setVisible(!reg->isStoreBacked());
    m_save->setEnabled(reg->isModified() || (reg->sourcePath().isEmpty() && reg->count() > 0));
    m_empty->setText(tr("The register is empty. Every price and billing assumption should point to an entry: add one with New entry."));
    m_empty->setVisible(reg->count() == 0);
}

bool EvidencePage::selectEntry(const QString &id)
{
    const int row = id.isEmpty() ? -1 : m_doc->evidence()->indexOf(id);
    if (row < 0)
        return false;
    const QModelIndex p = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!p.isValid())
        return false;
    m_newEntry = false;
    m_view->setCurrentIndex(p);
    m_view->scrollTo(p);
    showEntry(row);
    return true;
}

QString EvidencePage::currentId() const
{
    return m_newEntry ? QString() : m_currentId;
}

void EvidencePage::showCurrent()
{
    const QModelIndex i = m_view->currentIndex();
    if (!i.isValid())
        return;
    m_newEntry = false;
    m_message->hide();
    m_reloadEntry->hide();
    showEntry(m_proxy->mapToSource(i).row());
}

QString EvidencePage::editorText(const QString &field) const
{
    QWidget *w = m_editors.value(field);
    if (auto *l = qobject_cast<QLineEdit *>(w))
        return l->text();
    if (auto *t = qobject_cast<QPlainTextEdit *>(w))
        return t->toPlainText();
    if (auto *b = qobject_cast<QComboBox *>(w))
        return b->currentText();
    return QString();
}

void EvidencePage::setEditorText(const QString &field, const QString &text)
{
    QWidget *w = m_editors.value(field);
    if (auto *l = qobject_cast<QLineEdit *>(w)) {
        l->setText(text);
    } else if (auto *t = qobject_cast<QPlainTextEdit *>(w)) {
        t->setPlainText(text);
    } else if (auto *b = qobject_cast<QComboBox *>(w)) {
        int i = b->findText(text);
        if (i < 0 && !text.isEmpty()) {
            // A value the list does not know (read from a file): show it, validation says why.
            b->addItem(text);
            i = b->count() - 1;
        }
        b->setCurrentIndex(std::max(i, 0));
    }
}

QString EvidencePage::fieldMessage(const QString &field) const
{
    QLabel *l = m_errors.value(field);
    return l && !l->isHidden() ? l->text() : QString();
}

QStringList EvidencePage::formValues() const
{
    QStringList v;
    for (const QString &f : EvidenceValidator::fields())
        v << (multiLine(f) ? editorText(f).trimmed() : editorText(f).trimmed());
    return v;
}

void EvidencePage::showEntry(int row)
{
    EvidenceRegister *reg = m_doc->evidence();
    m_filling = true;
    const bool has = row >= 0 && row < reg->count();
    m_currentId = has ? reg->entry(row).evidenceId : QString();
    for (const QString &f : EvidenceValidator::fields()) {
        setEditorText(f, has ? reg->value(row, f) : QString());
        m_errors.value(f)->hide();
        m_editors.value(f)->setEnabled(has);
    }
    // The id is the entry's key (and what prices and policies point to): fixed once created.
    if (auto *id = qobject_cast<QLineEdit *>(m_editors.value(QStringLiteral("evidence_id"))))
        id->setReadOnly(true);
    m_filling = false;
    m_apply->setEnabled(has);
    m_revert->setEnabled(has);
    m_attach->setEnabled(has);
    if (!has) {
        m_formTitle->setText(m_ws ? tr("No entry selected") : QString());
        m_review->clear();
        m_usedBy->clear();
        m_history->clear();
        return;
    }
    const EvidenceEntry &e = reg->entry(row);
    m_formTitle->setText(reg->isStoreBacked() ? tr("%1 (row version %2)").arg(e.evidenceId).arg(reg->rowVersion(row)) : e.evidenceId);
    const EvidenceReview::State s = EvidenceReview::state(e, m_model->asOf());
    const QColor bg = s == EvidenceReview::Overdue ? LedgerColors::overdueBackground()
                                                    : s == EvidenceReview::DueSoon ? LedgerColors::dueSoonBackground() : QColor();
    m_review->setText(QStringLiteral("<span style='%1padding:2px'><b>%2</b></span> \u2014 next review %3, as of %4")
                          .arg(bg.isValid() ? QStringLiteral("background:%1;").arg(bg.name()) : QString(),
                               EvidenceReview::stateText(s).toHtmlEscaped(), DisplayFormat::date(e.nextReviewOn),
                               DisplayFormat::date(m_model->asOf())));
    const QString used = m_model->usedByHtml(e.evidenceId);
    m_usedBy->setText(used.isEmpty() ? tr("<i>nothing in this job points to this entry</i>") : used);
    updateHistory();
}

void EvidencePage::updateHistory()
{
    m_history->clear();
    if (m_currentId.isEmpty() || m_newEntry)
        return;
    const std::vector<EvidenceChange> changes = m_doc->evidence()->history(m_currentId);
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
        const EvidenceChange &c = *it;
        QString change;
        if (c.field == QLatin1String("*"))
            change = c.newValue.isEmpty() ? tr("created") : c.newValue; // "created", or "created from evidence.csv"
        else if (c.field == QLatin1String("-"))
            change = tr("deleted");
        else
            change = QStringLiteral("%1 \u2192 %2").arg(c.oldValue.isEmpty() ? tr("(empty)") : c.oldValue,
                                                       c.newValue.isEmpty() ? tr("(empty)") : c.newValue);
        // To the minute: the table stays narrow, the tooltip has the exact time.
        const QString when = c.changedAt.left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
        auto *item = new QTreeWidgetItem({when, c.changedBy,
                                          c.field.size() > 1 ? EvidenceValidator::label(c.field) : QString(), change});
        item->setToolTip(0, c.changedAt);
        item->setToolTip(3, change);
        m_history->addTopLevelItem(item);
    }
    if (changes.empty()) {
        auto *item = new QTreeWidgetItem({QString(), QString(), QString(),
                                          m_doc->evidence()->isStoreBacked() ? tr("no change recorded") : tr("no change in this session")});
        item->setForeground(3, LedgerColors::mutedText());
        m_history->addTopLevelItem(item);
    }
    m_history->resizeColumnToContents(0);
    m_history->resizeColumnToContents(1);
    m_history->resizeColumnToContents(2);
}

void EvidencePage::showMessage(const QString &html, bool error)
{
    m_message->setText(html);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { background: #F8D7DA; color: #5C0A10; border: 1px solid #E4A1A8; padding: 6px; }")
                                   : QStringLiteral("QLabel { background: #E4F2E7; color: #0F3D1B; border: 1px solid #9CCBA8; padding: 6px; }"));
    m_message->show();
}

bool EvidencePage::checkForm(bool showAll)
{
    if (m_filling)
        return true;
    const QStringList fields = EvidenceValidator::fields();
    const QStringList values = formValues();
    QStringList others = m_doc->evidence()->ids();
    if (!m_newEntry)
        others.removeAll(m_currentId);
    const auto problems = EvidenceValidator::validate(values, QDate::currentDate(), others);
    QHash<QString, QStringList> byField;
    for (const auto &p : problems)
        byField[p.field] << p.message;
    for (const QString &f : fields) {
        QLabel *l = m_errors.value(f);
        // While typing, say only what is wrong with the text itself; on Apply, everything.
        const QString own = EvidenceValidator::checkField(f, values.value(static_cast<int>(fields.indexOf(f))), QDate::currentDate());
        const QString text = showAll ? byField.value(f).join(QLatin1Char('\n')) : own;
        l->setText(text);
        l->setVisible(!text.isEmpty());
    }
    if (showAll && !problems.empty()) {
        QStringList lines;
        for (const auto &p : problems)
            lines << p.message.toHtmlEscaped();
        const QString head = problems.size() == 1 ? tr("Not saved: 1 problem.") : tr("Not saved: %1 problems.").arg(problems.size());
        showMessage(QStringLiteral("<b>%1</b><br>%2").arg(head, lines.join(QStringLiteral("<br>"))), true);
    }
    return problems.empty();
}

bool EvidencePage::apply()
{
    EvidenceRegister *reg = m_doc->evidence();
    if (!m_ws || (!m_newEntry && reg->indexOf(m_currentId) < 0))
        return false;
    if (!checkForm(true))
        return false;
    const QStringList fields = EvidenceValidator::fields();
    const QStringList values = formValues();
    if (m_newEntry) {
        EvidenceEntry e;
        QString error;
        for (int i = 0; i < fields.size(); ++i)
            if (!WorkspaceStore::setEvidenceField(e, fields[i], values[i], &error)) {
                showMessage(error.toHtmlEscaped(), true);
                return false;
            }
        m_doc->undoStack()->push(new AddEvidenceCommand(reg, e));
        if (reg->indexOf(e.evidenceId) < 0)
            return false; // editFailed said why
        m_newEntry = false;
        selectEntry(e.evidenceId);
        showMessage(tr("Added %1.").arg(e.evidenceId.toHtmlEscaped()), false);
        return true;
    }
    const int row = reg->indexOf(m_currentId);
    QStringList changed, oldValues, newValues;
    for (int i = 0; i < fields.size(); ++i) {
        const QString before = reg->value(row, fields[i]);
        if (before != values[i]) {
            changed << fields[i];
            oldValues << before;
            newValues << values[i];
        }
    }
    if (changed.isEmpty()) {
        showMessage(tr("Nothing to apply: the form shows the entry as it is."), false);
        return true;
    }
    const QString id = m_currentId;
    m_doc->undoStack()->push(new EditEvidenceCommand(reg, id, changed, oldValues, newValues));
    const int now = reg->indexOf(id);
    for (int i = 0; i < changed.size(); ++i)
        if (now < 0 || reg->value(now, changed[i]) != newValues[i])
            return false; // editFailed (or conflict) said why
    QStringList labels;
    for (const QString &f : changed)
        labels << EvidenceValidator::label(f).toLower();
    showMessage(tr("Saved %1 of %2%3. Edit \u25B8 Undo takes it back.")
                    .arg(labels.join(QStringLiteral(", ")).toHtmlEscaped(), id.toHtmlEscaped(),
                         reg->isStoreBacked() ? tr(" (row version %1)").arg(reg->rowVersion(now)) : QString()),
                false);
    return true;
}

void EvidencePage::revert()
{
    m_message->hide();
    if (m_newEntry) {
        m_newEntry = false;
        if (!selectEntry(m_currentId) && m_proxy->rowCount() > 0)
            m_view->selectRow(0);
        else if (m_proxy->rowCount() == 0)
            showEntry(-1);
        return;
    }
    showEntry(m_doc->evidence()->indexOf(m_currentId));
}

void EvidencePage::startNewEntry()
{
    if (!m_ws)
        return;
    EvidenceRegister *reg = m_doc->evidence();
    int n = reg->count() + 1;
    while (reg->indexOf(QStringLiteral("EV-%1").arg(n, 3, 10, QLatin1Char('0'))) >= 0)
        ++n;
    m_newEntry = true;
    m_view->clearSelection();
    m_filling = true;
    for (const QString &f : EvidenceValidator::fields()) {
        setEditorText(f, QString());
        m_errors.value(f)->hide();
        m_editors.value(f)->setEnabled(true);
    }
    setEditorText(QStringLiteral("evidence_id"), QStringLiteral("EV-%1").arg(n, 3, 10, QLatin1Char('0')));
    setEditorText(QStringLiteral("status"), QStringLiteral("unverified"));
    setEditorText(QStringLiteral("accessed_on"), QDate::currentDate().toString(Qt::ISODate));
    if (auto *id = qobject_cast<QLineEdit *>(m_editors.value(QStringLiteral("evidence_id"))))
        id->setReadOnly(false);
    m_filling = false;
    m_formTitle->setText(tr("New entry"));
    m_review->setText(tr("Fill in the entry and Apply; required fields are marked *."));
    m_usedBy->clear();
    m_history->clear();
    m_apply->setEnabled(true);
    m_revert->setEnabled(true);
    m_attach->setEnabled(true);
    m_message->hide();
    m_editors.value(QStringLiteral("assumption"))->setFocus();
}

void EvidencePage::attachFile(const QString &path)
{
    if (!m_ws)
        return;
    qint64 size = 0;
    const QString sha = Sha256::fileHex(path, &size);
    if (sha.isEmpty()) {
        showMessage(tr("Cannot read %1.").arg(path.toHtmlEscaped()), true);
        return;
    }
    // Kept beside the workspace under its hash, so that the reference cannot drift from the file.
    const QString base = m_ws->fromStore() && !m_ws->storeLocation.contains(QLatin1String("://")) ? QFileInfo(m_ws->storeLocation).absolutePath()
                                                                                                : QFileInfo(m_ws->job.path).absolutePath();
    QDir dir(base);
    if (!dir.mkpath(QStringLiteral("evidence-attachments"))) {
        showMessage(tr("Cannot create %1.").arg(dir.filePath(QStringLiteral("evidence-attachments")).toHtmlEscaped()), true);
        return;
    }
    const QString name = QStringLiteral("%1-%2").arg(sha.left(12), QFileInfo(path).fileName());
    const QString target = dir.filePath(QStringLiteral("evidence-attachments/") + name);
    if (!QFileInfo::exists(target) && !QFile::copy(path, target)) {
        showMessage(tr("Cannot copy %1 to %2.").arg(path.toHtmlEscaped(), target.toHtmlEscaped()), true);
        return;
    }
    setEditorText(QStringLiteral("statement_or_screenshot_ref"), QStringLiteral("evidence-attachments/") + name);
    setEditorText(QStringLiteral("screenshot_sha256"), sha);
    showMessage(tr("Attached %1 (%2 bytes, SHA-256 %3\u2026) as evidence-attachments/%4. Apply to record it in the entry.")
                    .arg(QFileInfo(path).fileName().toHtmlEscaped())
                    .arg(size)
                    .arg(sha.left(16), name.toHtmlEscaped()),
                false);
}

} // namespace tl
