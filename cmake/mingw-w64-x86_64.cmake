# Cross-compiles indeval.dll for 64-bit Windows (64-bit Office) with MinGW-w64:
#   apt-get install g++-mingw-w64-x86-64-posix wine wine64     (see the windows-x64 preset)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(INDEVAL_MINGW_TRIPLET x86_64-w64-mingw32)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-w64.cmake)
