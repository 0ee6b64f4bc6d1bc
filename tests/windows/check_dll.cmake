# Checks indeval.dll against indeval.h, with objdump:
#  - it exports exactly the header's functions under their plain names (what VBA and
#    GetProcAddress use), and indeval.def lists exactly those;
#  - 32-bit: each also as name@N, N the header's argument bytes (what C programs linking the
#    import library bind to), and nothing else; 64-bit: nothing else at all;
#  - 32-bit, given -DDECLARES=vba_declares.h (vba_declares.cmake): every Declare of the VBA module
#    passes the N bytes of an exported name@N, so VBA's stack check (error 49) holds;
#  - it imports only Windows' own DLLs (no libstdc++-6.dll, libgcc_s_*.dll, libwinpthread-1.dll,
#    which a clean machine lacks: VBA error 48).
# cmake -DDLL=indeval.dll -DHEADER=indeval.h -DDEF=indeval.def -DOBJDUMP=objdump
#       -DPOINTER_SIZE=4|8 -P check_dll.cmake
cmake_policy(VERSION 3.25)
foreach(var DLL HEADER DEF OBJDUMP POINTER_SIZE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_dll.cmake: -D${var}=... is required")
  endif()
endforeach()
include(${CMAKE_CURRENT_LIST_DIR}/../../capi/tests/abi_lists.cmake)
indeval_header_functions("${HEADER}" declared bytes)

indeval_def_exports("${DEF}" listed)

execute_process(COMMAND "${OBJDUMP}" -p "${DLL}" OUTPUT_VARIABLE dump RESULT_VARIABLE rc
  ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} -p ${DLL} failed: ${err}")
endif()

# Exports: the "[Ordinal/Name Pointer] Table" lines, "\t[   0] name". (Brackets become <>
# first: CMake does not split a list at a ";" between brackets.)
string(REPLACE "[" "<" dump "${dump}")
string(REPLACE "]" ">" dump "${dump}")
string(REGEX MATCH "<Ordinal/Name Pointer> Table[^\n]*\n(([ \t]*<[ 0-9]+> [^\n]*\n)*)"
  _ "${dump}")
string(REGEX MATCHALL "> [^\n]+" rows "${CMAKE_MATCH_1}")
set(exported "")
foreach(row IN LISTS rows)
  string(SUBSTRING "${row}" 2 -1 name)
  list(APPEND exported "${name}")
endforeach()

# Imports: "DLL Name: KERNEL32.dll".
string(REGEX MATCHALL "DLL Name: [^\n]+" import_rows "${dump}")
set(imports "")
foreach(row IN LISTS import_rows)
  string(SUBSTRING "${row}" 10 -1 name)
  string(STRIP "${name}" name)
  list(APPEND imports "${name}")
endforeach()

set(problems "")
set(expected "")
foreach(name IN LISTS declared)
  list(APPEND expected "${name}")
  if(POINTER_SIZE EQUAL 4)
    list(APPEND expected "${name}@${bytes_${name}}")
  endif()
  if(NOT name IN_LIST listed)
    string(APPEND problems "declared in indeval.h but missing from indeval.def: ${name}\n")
  endif()
endforeach()
foreach(name IN LISTS listed)
  if(NOT name IN_LIST declared)
    string(APPEND problems "listed in indeval.def but not declared in indeval.h: ${name}\n")
  endif()
endforeach()
foreach(name IN LISTS expected)
  if(NOT name IN_LIST exported)
    string(APPEND problems "not exported by ${DLL}: ${name}\n")
  endif()
endforeach()
foreach(name IN LISTS exported)
  if(NOT name IN_LIST expected)
    string(APPEND problems "exported by ${DLL} but not a function of indeval.h (as expected here): ${name}\n")
  endif()
endforeach()

# The VBA module's Declares, as vba_declares.cmake read them: X(name, bytes, (params)).
if(POINTER_SIZE EQUAL 4 AND DEFINED DECLARES)
  file(READ "${DECLARES}" declares_text)
  string(REGEX MATCHALL "X\\([a-z0-9_]+, [0-9]+," declare_lines "${declares_text}")
  if(NOT declare_lines)
    string(APPEND problems "no declarations read from ${DECLARES}\n")
  endif()
  foreach(line IN LISTS declare_lines)
    string(REGEX MATCH "X\\(([a-z0-9_]+), ([0-9]+)," _ "${line}")
    if(NOT "${CMAKE_MATCH_1}@${CMAKE_MATCH_2}" IN_LIST exported)
      string(APPEND problems "indeval.bas declares ${CMAKE_MATCH_1} with ${CMAKE_MATCH_2} bytes "
        "of arguments; ${DLL} has no ${CMAKE_MATCH_1}@${CMAKE_MATCH_2} (VBA error 49)\n")
    endif()
  endforeach()
endif()

# Windows' own DLLs: the system libraries and the C runtime every Windows has (msvcrt.dll, or
# the Universal CRT's api-ms-win-crt-* forwarders).
if(NOT imports)
  string(APPEND problems "no imports found in ${DLL} (objdump's format changed?)\n")
endif()
foreach(import IN LISTS imports)
  string(TOLOWER "${import}" lower)
  if(NOT lower MATCHES "^(kernel32|user32|advapi32|msvcrt|ucrtbase|ntdll|ws2_32|bcrypt|api-ms-win-[a-z0-9-]+)\\.dll$")
    string(APPEND problems "imports a DLL that is not part of Windows: ${import}\n")
  endif()
endforeach()

if(problems)
  message(FATAL_ERROR "${problems}")
endif()
list(LENGTH declared n)
list(LENGTH exported e)
string(REPLACE ";" ", " imports "${imports}")
message(STATUS "${DLL}: ${e} exports for the ${n} functions of indeval.h; imports ${imports}")
