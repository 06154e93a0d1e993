# Tests of the JSON importers (one executable per importer file); fixtures in tests/data/import/json.
tl_add_test(NAME tst_cometapiquotaimporter SOURCES tst_cometapiquotaimporter.cpp jsontesthelpers.h)
tl_add_test(NAME tst_jobimporter SOURCES tst_jobimporter.cpp jsontesthelpers.h)
tl_add_test(NAME tst_litellmimporters SOURCES tst_litellmimporters.cpp jsontesthelpers.h)
tl_add_test(NAME tst_costobservationimporter SOURCES tst_costobservationimporter.cpp jsontesthelpers.h)
tl_add_test(NAME tst_newapilogsimporter SOURCES tst_newapilogsimporter.cpp jsontesthelpers.h)
tl_add_test(NAME tst_openaiimporters SOURCES tst_openaiimporters.cpp jsontesthelpers.h)
