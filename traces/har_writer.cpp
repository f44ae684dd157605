#include "traces/har_writer.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include "paircheck/version.hpp"
#include "protocol/ascii.hpp"
#include "protocol/request_params.hpp"
#include "traces/redact.hpp"

namespace paircheck::traces {
namespace {

nlohmann::json name_values(const protocol::Headers& pairs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, value] : pairs) out.push_back({{"name", name}, {"value", value}});
  return out;
}

// HAR's queryString / postData.params: decoded pairs (already redacted text in, so the values
// are the redacted ones); a malformed escape keeps the raw text.
nlohmann::json decoded_params(std::string_view urlencoded) {
  auto parsed = protocol::parse_urlencoded(urlencoded);
  if (!parsed) return nlohmann::json::array();
  return name_values(parsed.value());
}

std::string header_value(const protocol::Headers& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (protocol::iequals(n, name)) return v;
  }
  return {};
}

}  // namespace

std::string iso8601_ms(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch());
  const std::time_t secs = static_cast<std::time_t>(ms.count() / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms.count() % 1000));
  return buf;
}

nlohmann::json har_entry(const Exchange& x) {
  const protocol::SplitTarget split = protocol::split_target(x.request.target);
  const std::string query = redact_query(split.query);
  const protocol::Headers headers = redact_headers(x.request.headers);
  const std::string host = header_value(x.request.headers, "host");
  std::string url =
      x.scheme + "://" + (host.empty() ? "localhost" : host) + std::string(split.path);
  if (!query.empty()) url += "?" + query;

  nlohmann::json request = {{"method", x.request.method},
                            {"url", url},
                            {"httpVersion", "HTTP/1.1"},
                            {"cookies", nlohmann::json::array()},
                            {"headers", name_values(headers)},
                            {"queryString", decoded_params(query)},
                            {"headersSize", -1},
                            {"bodySize", static_cast<std::int64_t>(x.request.body.size())}};
  if (!x.request.body.empty() || x.request.method == "POST") {
    const std::string type = header_value(x.request.headers, "content-type");
    const bool form = protocol::is_form_content_type(type);
    const std::string text = form ? redact_query(x.request.body) : x.request.body;
    request["postData"] = {{"mimeType", type}, {"text", text}};
    if (form) request["postData"]["params"] = decoded_params(text);
  }
  const std::string type = header_value(x.response_headers, "content-type");
  nlohmann::json response = {
      {"status", x.answered ? x.status : 0},
      {"statusText", ""},
      {"httpVersion", "HTTP/1.1"},
      {"cookies", nlohmann::json::array()},
      {"headers", name_values(x.response_headers)},
      {"content",
       {{"size", static_cast<std::int64_t>(x.response_body.size())},
        {"mimeType", type.empty() ? "application/json" : type},
        {"text", x.response_body}}},
      {"redirectURL", ""},
      {"headersSize", -1},
      {"bodySize", x.answered ? static_cast<std::int64_t>(x.response_body.size()) : -1}};
  if (!x.answered) response["_error"] = x.error.empty() ? "no answer" : x.error;
  nlohmann::json entry = {{"startedDateTime", iso8601_ms(x.started)},
                          {"time", x.wall_ms},
                          {"request", std::move(request)},
                          {"response", std::move(response)},
                          {"cache", nlohmann::json::object()},
                          {"timings", {{"send", 0}, {"wait", x.wall_ms}, {"receive", 0}}}};
  if (!x.paircheck.is_null()) entry["_paircheck"] = x.paircheck;
  return entry;
}

HarWriter::HarWriter(const std::string& path, const nlohmann::json& paircheck) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    throw std::runtime_error("cannot write '" + path + "': " + std::strerror(errno));
  }
  nlohmann::json head = {
      {"version", "1.2"},
      {"creator", {{"name", "paircheck"}, {"version", std::string(kVersionLine)}}},
      {"_paircheck", paircheck}};
  std::string text = nlohmann::json({{"log", head}})
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // {"log":{...}} -> {"log":{...,"entries":[  (the head's closing braces come last)
  text.resize(text.size() - 2);
  text += ",\"entries\":[\n";
  std::fputs(text.c_str(), file_);
  std::fflush(file_);
}

HarWriter::~HarWriter() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::fputs("]}}\n", file_);
  std::fclose(file_);
}

void HarWriter::write(const nlohmann::json& entry) {
  const std::string line =
      entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_++ > 0) std::fputc(',', file_);
  std::fputs(line.c_str(), file_);
  std::fflush(file_);
}

std::int64_t HarWriter::micros() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               origin_)
      .count();
}

std::size_t HarWriter::entries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_;
}

}  // namespace paircheck::traces
