// The SPC names and dates of the C ABI: the core's, translated.
#include <indeval/spc.hpp>

#include "internal.hpp"

namespace ic = indeval::capi;

namespace {

void check_kind(std::int32_t kind) {
  if (kind < INDEVAL_SPC_NAME_VARIATION || kind > INDEVAL_SPC_NAME_IMPROVEMENT)
    ic::fail(INDEVAL_E_RANGE, "kind must be an INDEVAL_SPC_NAME_* (1-4), not %d", static_cast<int>(kind));
}

std::string_view spc_name(std::int32_t kind, std::int32_t code) {
  check_kind(kind);
  // Codes none (0) of rules and assurance have the empty name; every other known code has one.
  const auto c = static_cast<std::int8_t>(code);
  std::string_view name;
  bool none = false;
  if (code >= 0 && code <= 127) switch (kind) {
      case INDEVAL_SPC_NAME_VARIATION: name = indeval::to_string(static_cast<indeval::spc_variation>(c)); break;
      case INDEVAL_SPC_NAME_RULE:
        name = indeval::to_string(static_cast<indeval::spc_rule>(c));
        none = code == INDEVAL_SPC_RULE_NONE;
        break;
      case INDEVAL_SPC_NAME_ASSURANCE:
        name = indeval::to_string(static_cast<indeval::spc_assurance>(c));
        none = code == INDEVAL_SPC_ASSURANCE_NONE;
        break;
      default: name = indeval::improvement_name(static_cast<indeval::polarity>(c)); break;
    }
  if (name.empty() && !none)
    ic::fail(INDEVAL_E_RANGE, "%d is no code of SPC name kind %d", static_cast<int>(code), static_cast<int>(kind));
  return name;
}

std::optional<std::int32_t> spc_code(std::int32_t kind, std::string_view name) {
  auto as_int = [](auto v) -> std::optional<std::int32_t> {
    if (!v) return std::nullopt;
    return static_cast<std::int32_t>(*v);
  };
  switch (kind) {
    case INDEVAL_SPC_NAME_VARIATION: return as_int(indeval::parse_spc_variation(name));
    case INDEVAL_SPC_NAME_RULE: return as_int(indeval::parse_spc_rule(name));
    case INDEVAL_SPC_NAME_ASSURANCE: return as_int(indeval::parse_spc_assurance(name));
    case INDEVAL_SPC_NAME_IMPROVEMENT: return as_int(indeval::parse_improvement(name));
    default: break;
  }
  check_kind(kind);
  return std::nullopt;
}

}  // namespace

extern "C" {

INDEVAL_API int32_t INDEVAL_CALL indeval_spc_name(int32_t kind, int32_t code, char* buf, int32_t cap,
                                                  int32_t* needed) {
  return ic::guard(__func__, [&] { ic::write_text(spc_name(kind, code), buf, cap, needed); });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_spc_code(int32_t kind, const char* name, int32_t* code) {
  return ic::guard(__func__, [&] {
    ic::need(name, "name");
    ic::need(code, "code");
    const auto c = spc_code(kind, name);
    if (!c) ic::fail(INDEVAL_E_RANGE, "'%s' is no SPC name of kind %d", name, static_cast<int>(kind));
    *code = *c;
  });
}

INDEVAL_API int32_t INDEVAL_CALL indeval_spc_date(const char* text, int32_t year_kind, int32_t* day) {
  return ic::guard(__func__, [&] {
    ic::need(text, "text");
    ic::need(day, "day");
    if (year_kind < INDEVAL_YEAR_CALENDAR || year_kind > INDEVAL_YEAR_ACADEMIC)
      ic::fail(INDEVAL_E_RANGE, "year_kind must be an INDEVAL_YEAR_* (0-2), not %d", static_cast<int>(year_kind));
    const auto d = indeval::parse_spc_date(text, static_cast<indeval::year_kind>(year_kind));
    if (!d) ic::fail(INDEVAL_E_PARSE, "'%s' is neither a date (YYYY-MM-DD) nor a period label", text);
    *day = *d;
  });
}

}  // extern "C"
