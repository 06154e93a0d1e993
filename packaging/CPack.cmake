# SPDX-License-Identifier: Apache-2.0
# The Debian package: `cpack -G DEB` in a build directory (UI on) makes tokenledger_<version>_<arch>.deb
# with both executables, the desktop entry, the icon and the AppStream metadata. Runtime
# dependencies are found by dpkg-shlibdeps from the binaries; the Qt plugins the app loads at
# run time (SQLite driver, SVG icons, offscreen platform) are named explicitly.

set(TL_APP_ID io.github.tokenledger.TokenLedger)
if(TOKENLEDGER_UI)
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/${TL_APP_ID}.desktop DESTINATION share/applications)
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/${TL_APP_ID}.metainfo.xml DESTINATION share/metainfo)
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/tokenledger.svg DESTINATION share/icons/hicolor/scalable/apps
            RENAME ${TL_APP_ID}.svg)
endif()

set(CPACK_PACKAGE_NAME tokenledger)
set(CPACK_PACKAGE_VENDOR "The TokenLedger developers")
set(CPACK_PACKAGE_CONTACT "TokenLedger developers <tokenledger@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Reconciliation workbench for AI-API spend")
set(CPACK_PACKAGE_DESCRIPTION
    "TokenLedger loads client logs, gateway logs, provider usage exports and invoices, prices every attempt from dated price snapshots, reconciles the ledgers side by side and explains the variance by category. It keeps an evidence register and exports signed packets.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY tokenledger)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/tokenledger/tokenledger")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(TOKENLEDGER_UI)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins, libqt6svg6")
else()
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
endif()
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libqt6sql6-psql, minisign")

include(CPack)
