# Cross-compiles indeval.dll for 32-bit Windows (32-bit Office) with MinGW-w64:
#   apt-get install g++-mingw-w64-i686-posix wine wine32:i386  (see the windows-x86 preset)
set(CMAKE_SYSTEM_PROCESSOR i686)
set(INDEVAL_MINGW_TRIPLET i686-w64-mingw32)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-w64.cmake)

# Doubles in SSE2 registers, as on 64-bit: the x87 unit's 80-bit intermediates would round some
# figures differently from every other build (a rating must not depend on where it runs). Every
# CPU that runs a supported Windows and Office has SSE2. A caller such as VBA may enter with a
# stack aligned to 4 bytes only: functions that keep SSE values on the stack realign it.
set(CMAKE_C_FLAGS_INIT "-msse2 -mfpmath=sse -mstackrealign")
set(CMAKE_CXX_FLAGS_INIT "-msse2 -mfpmath=sse -mstackrealign")
