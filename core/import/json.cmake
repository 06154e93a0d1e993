target_sources(tokenledger_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/stubs_json.cpp)
