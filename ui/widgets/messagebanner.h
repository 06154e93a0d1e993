// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFrame>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace tl {

/** A dismissible message above the pages: an error that says what went wrong and where. */
class MessageBanner : public QFrame
{
    Q_OBJECT

public:
    enum Kind { Error, Info };
    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &title, const QString &detail = QString());
    QString text() const;

private:
    QLabel *m_label;
};

} // namespace tl
