# Installs a Windows build to a fresh prefix and checks the release folder: the module, the
# instructions, the header, and the DLL with its import library and .def in the bitness folder.
# cmake -DBUILD_DIR=build/windows-x64 -DPREFIX=<empty dir> -DARCH=x64|x86 -P check_release.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}"
  RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install ${BUILD_DIR} failed")
endif()
set(expected indeval.bas EXCEL.md LICENSE indeval.h ${ARCH}/indeval.dll ${ARCH}/libindeval.dll.a
  ${ARCH}/indeval.def)
file(GLOB_RECURSE found RELATIVE "${PREFIX}" "${PREFIX}/*")
list(SORT found)
list(SORT expected)
if(NOT found STREQUAL expected)
  message(FATAL_ERROR "release folder holds\n  ${found}\nexpected\n  ${expected}")
endif()
file(READ "${PREFIX}/EXCEL.md" doc)
foreach(word indeval.bas ${ARCH} IndevalRate IndevalLastError)
  if(NOT doc MATCHES "${word}")
    message(FATAL_ERROR "EXCEL.md does not mention ${word}")
  endif()
endforeach()
message(STATUS "release folder: ${found}")
