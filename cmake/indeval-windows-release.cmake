# The Windows release: what an Excel workbook (and a C program) needs, in one folder:
#   indeval.bas  EXCEL.md  indeval.h  x64\indeval.dll (or x86\)  libindeval.dll.a  indeval.def
# Installing the windows-x64 and windows-x86 builds to one prefix gives both bitnesses side by
# side; the VBA module loads the one matching Office from the workbook's folder. "cpack" in a
# build directory zips the folder: indeval-<version>-windows-x64.zip.
install(FILES
  ${PROJECT_SOURCE_DIR}/bindings/excel/indeval.bas
  ${PROJECT_SOURCE_DIR}/bindings/excel/EXCEL.md
  ${PROJECT_SOURCE_DIR}/LICENSE
  DESTINATION .)

set(CPACK_GENERATOR ZIP)
set(CPACK_PACKAGE_NAME indeval)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_FILE_NAME indeval-${PROJECT_VERSION}-windows-${INDEVAL_WINDOWS_ARCH})
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
include(CPack)

# The release folder holds what EXCEL.md promises (a test, so a missing file fails the build's
# tests, not a user's workbook).
if(INDEVAL_BUILD_TESTS)
  add_test(NAME windows_release_layout
    COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${PROJECT_BINARY_DIR}
            -DPREFIX=${PROJECT_BINARY_DIR}/release-check -DARCH=${INDEVAL_WINDOWS_ARCH}
            -P ${PROJECT_SOURCE_DIR}/tests/windows/check_release.cmake)
endif()
