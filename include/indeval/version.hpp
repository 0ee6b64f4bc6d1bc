// indeval library version. CMake reads these macros; keep them on their own lines.
#pragma once

#define INDEVAL_VERSION_MAJOR 0
#define INDEVAL_VERSION_MINOR 1
#define INDEVAL_VERSION_PATCH 0

#define INDEVAL_VERSION_STRING "0.1.0"

namespace indeval {
inline constexpr int version_major = INDEVAL_VERSION_MAJOR;
inline constexpr int version_minor = INDEVAL_VERSION_MINOR;
inline constexpr int version_patch = INDEVAL_VERSION_PATCH;
inline constexpr const char* version_string = INDEVAL_VERSION_STRING;
}  // namespace indeval
