// paircheck_reports' public surface: a run log in, the four report files out (scorecard.json,
// junit.xml, report.html, summary.md). The formats' own headers hold one renderer each.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/scorecard.hpp"

namespace paircheck::reports {

enum class Format { kJson, kJunit, kHtml, kMarkdown };

// "json", "junit", "html", "md" (also "markdown"); nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);
// The file name `paircheck run` gives each format: scorecard.json, junit.xml, report.html,
// summary.md.
const char* file_name(Format format);
std::string render(const Scorecard& card, Format format);

// Reads the run log once and writes the four files into `dir`; returns the scorecard. Throws
// model::UsageError for a bad run log and std::runtime_error when a file cannot be written.
Scorecard write_all(const std::string& run_log_path, const std::string& dir);
// Writes the four files of `card` into `dir` (a LiveScorecard's, at the end of a run).
void write_all(const Scorecard& card, const std::string& dir);

}  // namespace paircheck::reports
