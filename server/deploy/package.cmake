# package.cmake — the Debian package of wafer-server, made by CPack from the
# native build (docs/server.md, "Debian package"):
#
#   cmake --build build/native --target wafer-server wafer
#   (cd build/native && cpack -G DEB)     # → wafer-server_<version>_amd64.deb
#
# It holds the server and the `wafer` CLI (/usr/bin), the browser files the
# server serves (/usr/share/wafer/engine: the WASM engine of build/wasm;
# /usr/share/wafer/js: the bundles of js/dist — build both first), the
# systemd unit, /etc/wafer (settings and the policies folder, conffiles) and
# the maintainer scripts of server/deploy/debian/ (system user `wafer`,
# /var/lib/wafer, key ring, admin token).

set(WAFER_PACKAGE_ENGINE_DIR "${PROJECT_SOURCE_DIR}/build/wasm/wasm" CACHE PATH
    "Folder holding wafer-engine.wasm and wafer-engine.mjs for the Debian package")
set(WAFER_PACKAGE_JS_DIR "${PROJECT_SOURCE_DIR}/js/dist" CACHE PATH
    "Folder holding the loader's bundles (js/build.mjs output) for the Debian package")
set(_deb ${CMAKE_CURRENT_LIST_DIR}/debian)

install(TARGETS wafer-server wafer RUNTIME DESTINATION bin)
# Read when the package is made: a missing engine fails `cpack`.
install(FILES ${WAFER_PACKAGE_ENGINE_DIR}/wafer-engine.wasm ${WAFER_PACKAGE_ENGINE_DIR}/wafer-engine.mjs
        DESTINATION share/wafer/engine)
install(DIRECTORY ${WAFER_PACKAGE_JS_DIR}/ DESTINATION share/wafer/js FILES_MATCHING PATTERN "*.js")
install(FILES ${_deb}/examples/example.json DESTINATION share/wafer/examples/policies)
install(FILES ${PROJECT_SOURCE_DIR}/docs/server.md ${PROJECT_SOURCE_DIR}/docs/policy.md
        DESTINATION share/doc/wafer-server)
install(FILES ${_deb}/wafer-server.service DESTINATION /lib/systemd/system)
install(FILES ${_deb}/wafer-server.env DESTINATION /etc/wafer)
install(FILES ${_deb}/policies-README DESTINATION /etc/wafer/policies RENAME README)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME wafer-server)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Wafer")
set(CPACK_PACKAGE_CONTACT "Wafer maintainers <wafer@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Wafer consent server: cookie-consent stub, engine and signed receipts")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "wafer-server serves Wafer's consent stub, loader, banner and WebAssembly engine to\n"
    "the sites of its policies (/etc/wafer/policies) and records every consent as a\n"
    "signed, durable receipt (SQLite in /var/lib/wafer, or PostgreSQL). Runs as the\n"
    "system user wafer under systemd, on 127.0.0.1:8080 behind a reverse proxy by default.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Shared libraries from dpkg-shlibdeps (dpkg-dev); the suffix list the policy
# compiler reads; useradd/groupadd and runuser for the maintainer scripts.
find_program(WAFER_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(WAFER_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  message(STATUS "dpkg-shlibdeps not found (dpkg-dev): the Debian package lists no library dependencies")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "publicsuffix, passwd, util-linux (>= 2.32)")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${_deb}/postinst ${_deb}/prerm ${_deb}/postrm ${_deb}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
# RelWithDebInfo binaries, stripped in the package.
set(CPACK_STRIP_FILES ON)
include(CPack)
