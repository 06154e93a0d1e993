// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/reconcile/reconcileresult.h"
#include "ui/widgets/workbenchpage.h"

#include <QWidget>

#include <vector>

QT_BEGIN_NAMESPACE
class QPushButton;
class QVBoxLayout;
QT_END_NAMESPACE

namespace tl {

/**
 * The decision's reasons as cards: level, what it means, and a button to the rows behind it
 * (or to the page that explains it, e.g. the evidence register).
 */
class ReasonListWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ReasonListWidget(QWidget *parent = nullptr);
    void setReasons(const std::vector<DecisionReason> *reasons, Decision decision);
    /** The button of reason i that leads to its rows or page (null when it has none). */
    QPushButton *button(int i) const;
    int count() const { return static_cast<int>(m_buttons.size()); }

    static QString reasonTitle(const QString &code);

signals:
    void showReasonRows(int reason);
    void showPage(tl::WorkbenchPage page);

private:
    QVBoxLayout *m_layout;
    std::vector<QPushButton *> m_buttons;
    std::vector<QWidget *> m_cards;
};

} // namespace tl
