# The ABI's lists, read from the files that state them (shared by the Linux export check and the
# Windows DLL check).
#
# indeval_header_functions(<header> <out-names> <out-prefix>): the functions indeval.h declares
# (INDEVAL_API int32_t INDEVAL_CALL name(params);), sorted, and for each name
# <out-prefix>_<name> = its arguments' size in bytes on 32-bit Windows (what __stdcall puts
# after the @ of name@N: 8 for a double, 4 for anything else).
function(indeval_header_functions header out_names out_prefix)
  file(READ "${header}" text)
  # Comments out (the classic non-nesting pattern: CMake's regex has no lazy match).
  string(REGEX REPLACE "/\\*([^*]|\\*+[^*/])*\\*+/" "" text "${text}")
  string(REGEX REPLACE "//[^\n]*" "" text "${text}")
  string(REGEX MATCHALL "INDEVAL_CALL[ \t\r\n]+indeval_[a-z0-9_]+[ \t\r\n]*\\([^)]*\\)"
    prototypes "${text}")
  set(names "")
  foreach(prototype IN LISTS prototypes)
    string(REGEX MATCH "(indeval_[a-z0-9_]+)[ \t\r\n]*\\(([^)]*)\\)" _ "${prototype}")
    set(name "${CMAKE_MATCH_1}")
    string(REGEX REPLACE "[ \t\r\n]+" " " params "${CMAKE_MATCH_2}")
    string(STRIP "${params}" params)
    set(bytes 0)
    if(NOT params STREQUAL "void" AND NOT params STREQUAL "")
      string(REPLACE "," ";" params "${params}")
      foreach(param IN LISTS params)
        string(STRIP "${param}" param)
        if(param MATCHES "^(const )?double [A-Za-z_][A-Za-z0-9_]*$")
          math(EXPR bytes "${bytes} + 8")
        else()
          math(EXPR bytes "${bytes} + 4")
        endif()
      endforeach()
    endif()
    list(APPEND names "${name}")
    set(${out_prefix}_${name} ${bytes} PARENT_SCOPE)
  endforeach()
  list(SORT names)
  list(LENGTH names count)
  if(count EQUAL 0)
    message(FATAL_ERROR "no functions found in ${header}")
  endif()
  set(${out_names} "${names}" PARENT_SCOPE)
endfunction()

# indeval_def_exports(<def> <out-names>): the names in a .def file's EXPORTS section, sorted
# (a decorated name keeps its @N).
function(indeval_def_exports def out_names)
  file(STRINGS "${def}" def_lines)
  set(in_exports FALSE)
  set(listed "")
  foreach(line IN LISTS def_lines)
    string(STRIP "${line}" line)
    if(line STREQUAL "" OR line MATCHES "^;")
      continue()
    elseif(line STREQUAL "EXPORTS")
      set(in_exports TRUE)
    elseif(in_exports)
      string(REGEX MATCH "^[A-Za-z0-9_@]+" name "${line}")
      list(APPEND listed "${name}")
    endif()
  endforeach()
  list(SORT listed)
  set(${out_names} "${listed}" PARENT_SCOPE)
endfunction()
