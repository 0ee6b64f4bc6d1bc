// indeval.h must compile as C++ too: C++ callers use the same library through extern "C".
#include "indeval.h"

int32_t indeval_header_compiles_as_cxx() {
  int32_t(INDEVAL_CALL * abi)(int32_t*, int32_t*) = &indeval_abi_version;
  int32_t major = 0;
  return abi(&major, nullptr) == INDEVAL_OK ? major : -1;
}
