// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
class QPushButton;
QT_END_NAMESPACE

namespace tl {

/** The status area's view of a long step: what is being done, how far, and Cancel. */
class LoadProgressWidget : public QWidget
{
    Q_OBJECT

public:
    explicit LoadProgressWidget(QWidget *parent = nullptr);

    void start(const QString &text);
    void setProgress(int value, int maximum, const QString &text);
    void finish();
    QPushButton *cancelButton() const { return m_cancel; }

signals:
    void cancelRequested();

private:
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace tl
