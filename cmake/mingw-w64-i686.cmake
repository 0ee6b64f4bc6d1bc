# Cross-compiles indeval.dll for 32-bit Windows (32-bit Office) with MinGW-w64:
#   apt-get install g++-mingw-w64-i686-posix wine wine32:i386  (see the windows-x86 preset)
set(CMAKE_SYSTEM_PROCESSOR i686)
set(INDEVAL_MINGW_TRIPLET i686-w64-mingw32)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-w64.cmake)
