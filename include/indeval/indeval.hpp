// indeval: rate performance indicators the way a scorecard's RAG methodology says.
#pragma once

#include "indeval/compare.hpp"
#include "indeval/decimal.hpp"
#include "indeval/direction.hpp"
#include "indeval/evaluation.hpp"
#include "indeval/indicator.hpp"
#include "indeval/lint.hpp"
#include "indeval/parse.hpp"
#include "indeval/period.hpp"
#include "indeval/polarity.hpp"
#include "indeval/rule_set.hpp"
#include "indeval/spc.hpp"
#include "indeval/status.hpp"
#include "indeval/version.hpp"
