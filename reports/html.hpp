// One self-contained HTML report (inline CSS, no scripts, no network), read top-down: the verdict
// and what was tested, the findings (each with its replay command), the rules with a legend, then
// the coverage grid and tables (docs/scorecard.md "The HTML report").
#pragma once

#include <string>

#include "reports/scorecard.hpp"

namespace paircheck::reports {

std::string html_report(const Scorecard& card);
// The `#waived` section of a run with `--baseline` ("" without one; html_baseline.cpp).
std::string baseline_section_html(const Scorecard& card);

}  // namespace paircheck::reports
