# SPDX-License-Identifier: Apache-2.0
# Tests of the import infrastructure shared by all importers.
tl_add_test(tst_csvreader SOURCES tst_csvreader.cpp)
tl_add_test(tst_secretredactor SOURCES tst_secretredactor.cpp)
tl_add_test(tst_formatsamples SOURCES tst_formatsamples.cpp)
