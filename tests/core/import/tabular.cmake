# SPDX-License-Identifier: Apache-2.0
# Tests of the tabular importers (formats.md 1b, 3d, 4, 5 CSV, 6-10), one executable per importer group.
tl_add_test(tst_requestlogimporter SOURCES tst_requestlogimporter.cpp tabulartesthelpers.h)
tl_add_test(tst_priceimporter SOURCES tst_priceimporter.cpp tabulartesthelpers.h)
tl_add_test(tst_referenceimporters SOURCES tst_referenceimporters.cpp tabulartesthelpers.h)
tl_add_test(tst_financeimporter SOURCES tst_financeimporter.cpp tabulartesthelpers.h)
tl_add_test(tst_openrouterimporter SOURCES tst_openrouterimporter.cpp tabulartesthelpers.h)
