#include "reports/reports.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "reports/html.hpp"
#include "reports/junit.hpp"
#include "reports/markdown.hpp"
#include "reports/text.hpp"

namespace paircheck::reports {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "json") return Format::kJson;
  if (name == "junit" || name == "xml") return Format::kJunit;
  if (name == "html") return Format::kHtml;
  if (name == "md" || name == "markdown") return Format::kMarkdown;
  return std::nullopt;
}

const char* file_name(Format format) {
  switch (format) {
    case Format::kJson:
      return "scorecard.json";
    case Format::kJunit:
      return "junit.xml";
    case Format::kHtml:
      return "report.html";
    case Format::kMarkdown:
      return "summary.md";
  }
  return "report";
}

std::string render(const Scorecard& card, Format format) {
  switch (format) {
    case Format::kJson:
      return dump(to_json(card), 2) + "\n";
    case Format::kJunit:
      return junit_xml(card);
    case Format::kHtml:
      return html_report(card);
    case Format::kMarkdown:
      return markdown_summary(card);
  }
  return "";
}

Scorecard write_all(const std::string& run_log_path, const std::string& dir) {
  Scorecard card = build_scorecard(run_log_path);
  write_all(card, dir);
  return card;
}

void write_all(const Scorecard& card, const std::string& dir) {
  for (Format f : {Format::kJson, Format::kJunit, Format::kHtml, Format::kMarkdown}) {
    const std::string path = dir + "/" + file_name(f);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << render(card, f);
    out.close();
    if (!out)
      throw std::runtime_error("cannot write report '" + path + "': " + std::strerror(errno));
  }
}

}  // namespace paircheck::reports
