# Shared part of the MinGW-w64 toolchain files (mingw-w64-x86_64.cmake, mingw-w64-i686.cmake):
# Debian's POSIX-thread compilers, whose runtime has std::thread and std::mutex (the default
# win32 thread model has neither). Set INDEVAL_MINGW_TRIPLET before including this file.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_VERSION 10)

set(CMAKE_C_COMPILER ${INDEVAL_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${INDEVAL_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${INDEVAL_MINGW_TRIPLET}-windres)

# Look for libraries and headers in the MinGW sysroot only, never in the build machine's
# /usr/include (header-only dependencies come in through a private include directory:
# cmake/indeval-cross-dependencies.cmake).
set(CMAKE_FIND_ROOT_PATH /usr/${INDEVAL_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Tests run under Wine. Each build directory gets its own prefix, created once by the test
# fixture windows_wine_prefix (tests/windows/CMakeLists.txt).
find_program(INDEVAL_WINE wine)
if(INDEVAL_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR
    env WINEPREFIX=${CMAKE_BINARY_DIR}/wine-prefix WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml=
    ${INDEVAL_WINE})
endif()
