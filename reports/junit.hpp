// JUnit XML (the Jenkins/Ant format, reports/junit.xsd): one test case per rule ID of the rule
// table; a failed rule carries its minimal failing sequence, an untested one is <skipped/>.
#pragma once

#include <string>

#include "reports/scorecard.hpp"

namespace paircheck::reports {

std::string junit_xml(const Scorecard& card);

}  // namespace paircheck::reports
