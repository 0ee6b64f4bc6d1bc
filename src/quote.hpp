// Text in messages (private to the compiled core): one rule for every parser's messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace indeval::detail {

/// The length of the valid UTF-8 sequence at s[i], 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept;
/// The 0-based character (code point) column of a byte offset; each byte that is not valid UTF-8
/// counts as one character.
std::size_t column_of(std::string_view s, std::size_t byte_offset) noexcept;
/// Text quoted for a message: 'like this', at most 40 characters (then "…"), bytes that are not
/// UTF-8 and control characters escaped as \xNN, so a message is valid UTF-8 and short.
std::string quoted(std::string_view s);

}  // namespace indeval::detail
