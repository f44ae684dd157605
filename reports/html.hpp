// One self-contained HTML report (inline CSS, no scripts, no network): the scorecard, the
// coverage matrix as a colour grid, and each failure with its steps, replay and curl commands.
#pragma once

#include <string>

#include "reports/scorecard.hpp"

namespace paircheck::reports {

std::string html_report(const Scorecard& card);

}  // namespace paircheck::reports
