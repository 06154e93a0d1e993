// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/importerror.h"
#include "core/import/importoptions.h"
#include "core/import/importreport.h"
#include "core/model/ledgerset.h"

namespace tl {

/**
 * Imports one file into a LedgerSet as an all-or-nothing transaction: the raw bytes are
 * hashed as received, secrets are redacted, the format's importer parses into fresh tables,
 * and only when it succeeds are the rows added (with the file registered). On any error an
 * ImportError is thrown and the set is unchanged. Raw files are never modified.
 */
class Importer
{
public:
    /** keepStored: keep the stored copy's bytes in the SourceFile (for packets). */
    static ImportReport importFile(const QString &path, ImportOptions options, LedgerSet &set, bool keepStored = false);
    static ImportReport importBytes(const QByteArray &raw, ImportOptions options, LedgerSet &set, bool keepStored = false);
};

} // namespace tl
