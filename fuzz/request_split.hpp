#pragma once
// fuzz_request_parser's split of raw bytes into an HTTP request, simple and deterministic: line 1
// the method, line 2 the target, then "name: value" header lines (names lower-cased, as the
// server hands them over) up to an empty line, then the body, byte for byte.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "emulator/service.hpp"
#include "protocol/ascii.hpp"

namespace paircheck::fuzz {

inline emulator::HttpRequest split_request(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  auto next_line = [&rest]() {
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  emulator::HttpRequest request;
  request.method = std::string(next_line());
  request.target = std::string(next_line());
  while (!rest.empty()) {
    std::string_view line = next_line();
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    std::string name = protocol::ascii_lower(line.substr(0, colon));
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.headers.emplace_back(std::move(name), std::string(value));
  }
  request.body = std::string(rest);
  return request;
}

}  // namespace paircheck::fuzz
