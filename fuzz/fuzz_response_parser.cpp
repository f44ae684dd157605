// Property: the harness's parsing of raw HTTP responses never crashes or throws on any bytes:
// Beast's http::response_parser (as harness/http_client.cpp configures it) reads an HTTP/1.1
// response from a buffer, then model::parse_observed turns its body into an Observed (a malformed
// body is a shape error value, W2/W3). The first byte picks the action the response answers.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http.hpp>

#include "models/json_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace http = boost::beast::http;
  static constexpr std::string_view kActions[] = {"CreateDiskReplicaPair",
                                                  "StartDiskReplicaPair",
                                                  "StopDiskReplicaPair",
                                                  "FailoverDiskReplicaPair",
                                                  "ReprotectDiskReplicaPair",
                                                  "DeleteDiskReplicaPair",
                                                  "DescribeDiskReplicaPairs",
                                                  "DescribeDiskReplicaPairProgress",
                                                  "ModifyDiskReplicaPair",
                                                  "AttachDisk",
                                                  "DetachDisk",
                                                  "NoSuchAction"};
  if (size == 0) return 0;
  const std::string_view action = kActions[data[0] % std::size(kActions)];
  // dynamic_body, as the client uses: string_body reserves the announced Content-Length up front.
  http::response_parser<http::dynamic_body> parser;
  parser.body_limit(std::uint64_t{64} * 1024 * 1024);
  parser.eager(true);
  boost::system::error_code ec;
  auto buffer = boost::asio::buffer(data + 1, size - 1);
  while (buffer.size() > 0 && !parser.is_done()) {
    const std::size_t used = parser.put(buffer, ec);
    if (ec == http::error::need_more || ec || used == 0) break;
    buffer += used;
  }
  // A body delimited by the end of the stream (Beast asserts that the header was seen first).
  if (!parser.is_done() && !ec && parser.got_some()) parser.put_eof(ec);
  if (!parser.is_done()) return 0;  // garbage: the client reports an unknown outcome (M2)
  const auto& response = parser.get();
  const auto observed =
      paircheck::model::parse_observed(action, static_cast<int>(response.result_int()),
                                       boost::beast::buffers_to_string(response.body().data()));
  (void)observed;
  return 0;
}
