# Importers of the JSON formats (1a, 1c, 2, 3a-3c, 5 LiteLLM) and their shared JSON reader.
target_sources(tokenledger_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/jsontree.h ${CMAKE_CURRENT_LIST_DIR}/jsontree.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsonimport.h ${CMAKE_CURRENT_LIST_DIR}/jsonimport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cometapiquotaimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/reconciliationjobimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/litellmpricesimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/litellmspendlogsimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/costobservationimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/newapilogsimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/openaiimporters.cpp)
