// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/document/workspace.h"

#include <QFrame>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace tl {

/**
 * The strip above the pages: the period, account and currency with the decision badge
 * ("WARN: 2 reasons"), and the totals line (estimated, provider-reported (reconciled),
 * variance with its percentage, invoice when there is one).
 */
class SummaryHeader : public QFrame
{
    Q_OBJECT

public:
    explicit SummaryHeader(QWidget *parent = nullptr);
    void setWorkspace(const std::shared_ptr<const Workspace> &ws);

    /** The visible text of the strip, as plain text (title, badge, totals). */
    QString text() const;
    QString badgeText() const;

    QPushButton *signOffButton() const { return m_signOff; }

signals:
    void badgeClicked();
    /** The reviewer asked to sign the period off. */
    void signOffRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLabel *m_title;
    QLabel *m_badge;
    QLabel *m_provisional;
    QLabel *m_totals;
    QPushButton *m_signOff;
};

} // namespace tl
