# Importers of the CSV-shaped formats (1b CSV and JSON Lines, 3d, 4, 5 CSV, 6-10).
target_sources(tokenledger_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/tabularfields.h
    ${CMAKE_CURRENT_LIST_DIR}/tabularfields.cpp
    ${CMAKE_CURRENT_LIST_DIR}/requestlogrow.h
    ${CMAKE_CURRENT_LIST_DIR}/requestlogrow.cpp
    ${CMAKE_CURRENT_LIST_DIR}/requestlogcsvimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/requestlogjsonlimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/openrouteractivityimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/financeimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pricesnapshotimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/modelmappingimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ownersimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/billingpolicyimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/evidencefields.h
    ${CMAKE_CURRENT_LIST_DIR}/evidencefields.cpp
    ${CMAKE_CURRENT_LIST_DIR}/evidencecsvimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/evidencejsonimporter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/businessunitsimporter.cpp)
