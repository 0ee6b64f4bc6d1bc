// scale: how percentage values arrive. Codes are fixed for the C ABI.
#pragma once

#include <cstdint>

namespace indeval {

/// Points (63.9 means 63.9%, the default) or a spreadsheet's fraction (0.639). Rule text is
/// always written in points.
enum class scale : std::int8_t { points = 0, fraction = 1 };

}  // namespace indeval
