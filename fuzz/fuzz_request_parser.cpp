// Property: the emulator's Service::handle (request parsing, signature verification, everything)
// answers any bytes without crashing, throwing or a 5xx, and every error body is a JSON object
// with a Code (W2, W3). The bytes become a request through fuzz/request_split.hpp.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/service.hpp"
#include "fuzz/request_split.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::fuzz {
namespace {

emulator::Service& service() {
  static emulator::Service instance(
      [] {
        emulator::ServiceConfig config;
        config.control_token = "fuzz-control";  // the control endpoint is input surface too
        return config;
      }(),
      protocol::default_fixtures());
  return instance;
}

[[noreturn]] void fail(const char* why, const emulator::HttpResponse& response) {
  std::fprintf(stderr, "fuzz_request_parser: %s: HTTP %d %s\n", why, response.status,
               response.body.substr(0, 400).c_str());
  __builtin_trap();
}

}  // namespace
}  // namespace paircheck::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace paircheck;
  const emulator::HttpRequest request = fuzz::split_request(data, size);
  fuzz::service().reset();  // each input from the fixture's initial state (reproducible)
  const emulator::HttpResponse response = fuzz::service().handle(request);
  if (response.status >= 500) fuzz::fail("5xx", response);
  if (fuzz::service().internal_error_count() != 0)
    fuzz::fail("handle() caught an exception", response);
  if (response.status >= 400) {
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (!body.is_object()) fuzz::fail("error body is not a JSON object", response);
    auto code = body.find("Code");
    if (code == body.end() || !code->is_string() || code->get<std::string>().empty()) {
      fuzz::fail("error body without a Code", response);
    }
  }
  return 0;
}
