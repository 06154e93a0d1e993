// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/reconcile/reconcileresult.h"

#include <QColor>

namespace tl {

/**
 * The workbench's colour code, in one place: light tints with dark text so that rows stay
 * readable on light and dark palettes alike, and the same hue means the same thing on every page.
 */
class LedgerColors
{
public:
    static QColor quarantineBackground() { return QColor(0xF8, 0xD7, 0xDA); }
    static QColor categoryBackground(VarianceCategory c)
    {
        switch (c) {
        case VarianceCategory::Unexplained: return QColor(0xF8, 0xD7, 0xDA);
        case VarianceCategory::Rounding: return QColor(0xE7, 0xEE, 0xF7);
        default: return QColor(0xFF, 0xF0, 0xC2);
        }
    }
    static QColor overdueBackground() { return QColor(0xF8, 0xD7, 0xDA); }
    static QColor dueSoonBackground() { return QColor(0xFF, 0xE8, 0xB0); }
    static QColor onTintText() { return QColor(0x1F, 0x23, 0x28); }
    static QColor mutedText() { return QColor(0x6B, 0x72, 0x80); }

    /** Badge colours for a decision: background and text. */
    static QColor decisionBackground(Decision d)
    {
        switch (d) {
        case Decision::Pass: return QColor(0x1E, 0x7E, 0x34);
        case Decision::Warn: return QColor(0xB2, 0x6B, 0x00);
        case Decision::Fail: return QColor(0xB0, 0x22, 0x2A);
        }
        return QColor(0x55, 0x55, 0x55);
    }

    // Chart series: estimated (client side) vs provider-reported (reconciled).
    static QColor estimated() { return QColor(0x4C, 0x78, 0xA8); }
    static QColor provider() { return QColor(0x2E, 0x8B, 0x57); }
    static QColor increase() { return QColor(0xD9, 0x82, 0x2B); }
    static QColor decrease() { return QColor(0x59, 0x8C, 0xC8); }
    static QColor budget() { return QColor(0xB0, 0x22, 0x2A); }
};

} // namespace tl
