// W2/W3 bodies (see response.hpp).
#include "emulator/response.hpp"

#include <nlohmann/json.hpp>

#include "protocol/response_body.hpp"

namespace paircheck::emulator {
namespace {

// The HTTP status of an error, after the faults that change it.
int error_status(const ApiError& e, const FaultSet& faults) {
  int status = e.status;
  if (faults.has(Fault::kInvalidStatusAs400) && e.code == "OperationDenied.InvalidStatus") {
    status = 400;
  }
  if (faults.has(Fault::kSwap404And403)) {
    if (e.status == 404) status = 403;
    if (e.status == 403) status = 404;
  }
  return status;
}

}  // namespace

HttpResponse render(const OpResult& result, const std::string& request_id,
                    const std::string& host_id, const FaultSet& faults) {
  HttpResponse response;
  response.content_type = std::string(protocol::kJsonContentType);
  if (!result.error) {
    response.status = 200;
    response.body = protocol::success_body(request_id, result.fields);
    return response;
  }
  const ApiError& e = *result.error;
  response.status = error_status(e, faults);
  if (faults.has(Fault::kErrorWithoutCode)) {  // W3 broken on purpose
    nlohmann::json body = {{"RequestId", request_id}, {"HostId", host_id}, {"Message", e.message}};
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
  }
  response.body = protocol::error_body(
      {request_id, host_id, e.code, e.message, protocol::recommend_url(e.code, request_id)});
  return response;
}

protocol::DirectAnswer render_document(OpResult result, const std::string& request_id,
                                       const std::string& host_id, const FaultSet& faults) {
  protocol::DirectAnswer answer;
  if (!result.error) {
    answer.status = 200;
    answer.document =
        result.fields.is_object() ? std::move(result.fields) : nlohmann::json::object();
    answer.document["RequestId"] = request_id;  // as success_body: it overrides the fields' own
    return answer;
  }
  const ApiError& e = *result.error;
  answer.status = error_status(e, faults);
  answer.document = {{"RequestId", request_id}, {"HostId", host_id}, {"Message", e.message}};
  if (!faults.has(Fault::kErrorWithoutCode)) {  // W3 broken on purpose, as render() breaks it
    answer.document["Code"] = e.code.empty() ? std::string("InternalError") : e.code;
    answer.document["Recommend"] = protocol::recommend_url(e.code, request_id);
  }
  return answer;
}

}  // namespace paircheck::emulator
