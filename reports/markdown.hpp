// A Markdown summary short enough for a PR comment or a CI step summary: the verdict, the
// counts, the failed rules with their first failure, and the untested rule IDs.
#pragma once

#include <string>

#include "reports/scorecard.hpp"

namespace paircheck::reports {

std::string markdown_summary(const Scorecard& card);

}  // namespace paircheck::reports
