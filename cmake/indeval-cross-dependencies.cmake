# Boost and date for a cross build (MinGW-w64): both are header-only, so the build machine's
# copies serve any target. Only their own directories are exposed, through symbolic links in a
# private include directory: putting the build machine's /usr/include on the include path would
# let its C library's headers shadow the target's.
set(INDEVAL_HOST_INCLUDE_DIR /usr/include CACHE PATH
  "Where the build machine keeps the boost/ and date/ header directories")
set(_indeval_private_include ${CMAKE_BINARY_DIR}/private-include)
file(MAKE_DIRECTORY ${_indeval_private_include})
foreach(_dir_and_probe boost:version.hpp date:date.h)
  string(REPLACE ":" ";" _pair ${_dir_and_probe})
  list(GET _pair 0 _dir)
  list(GET _pair 1 _probe)
  if(NOT EXISTS ${INDEVAL_HOST_INCLUDE_DIR}/${_dir}/${_probe})
    message(FATAL_ERROR "indeval: ${INDEVAL_HOST_INCLUDE_DIR}/${_dir}/${_probe} not found "
                        "(libboost-dev, libhowardhinnant-date-dev): run scripts/deps.sh build")
  endif()
  file(CREATE_LINK ${INDEVAL_HOST_INCLUDE_DIR}/${_dir} ${_indeval_private_include}/${_dir}
    SYMBOLIC)
endforeach()

file(STRINGS ${INDEVAL_HOST_INCLUDE_DIR}/boost/version.hpp _boost_version
  REGEX "^#define BOOST_VERSION [0-9]+")
string(REGEX MATCH "[0-9]+" _boost_version "${_boost_version}")
if(_boost_version LESS 107400)
  message(FATAL_ERROR "indeval: Boost 1.74 or newer is needed, found ${_boost_version}")
endif()

foreach(_target Boost::headers date::date)
  add_library(${_target} INTERFACE IMPORTED)
  set_target_properties(${_target} PROPERTIES
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES ${_indeval_private_include}
    INTERFACE_INCLUDE_DIRECTORIES ${_indeval_private_include})
endforeach()
