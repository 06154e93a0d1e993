// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QWidget>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QUrl;
class QTableView;
class QTextBrowser;
QT_END_NAMESPACE

namespace tl {

class ColumnTableModel;

/**
 * A read-only table of one reference register (evidence, prices, mappings, owners) with a
 * caption, an empty state that says how to fill it, and optionally the chosen row in full.
 */
class ReferencePage : public QWidget
{
    Q_OBJECT

public:
    using WorkspacePtr = std::shared_ptr<const Workspace>;
    using Fill = std::function<void(ColumnTableModel *, const WorkspacePtr &)>;
    using Caption = std::function<QString(const Workspace &)>;
    using Details = std::function<QString(const Workspace &, int row)>;

    ReferencePage(const QString &emptyText, Fill fill, Caption caption = {}, Details details = {}, QWidget *parent = nullptr);
    void setWorkspace(const WorkspacePtr &ws);

    ColumnTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

signals:
    /** A link in the details was chosen (http(s) links included: the window decides). */
    void linkActivated(const QUrl &url);

private:
    void showCurrent();

    WorkspacePtr m_ws;
    QString m_emptyText;
    Fill m_fill;
    Caption m_captionFn;
    Details m_detailsFn;
    ColumnTableModel *m_model;
    QTableView *m_view;
    QLabel *m_caption;
    QLabel *m_empty;
    QTextBrowser *m_details = nullptr;
    QWidget *m_body = nullptr;
};

} // namespace tl
