// The one nlohmann/json file of models/: response bodies in (W2-W4), run-log values out, and the
// profile loader (§9; shape in docs/profiles.md). Nothing here throws except the profile loader.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "models/observed.hpp"
#include "models/outcome.hpp"
#include "models/profile.hpp"
#include "models/request.hpp"
#include "models/universe.hpp"
#include "models/verdict.hpp"

namespace paircheck::model {

// Never throws: a malformed body becomes Observed::shape_error ("[W2] ..." / "[W3] ...").
Observed parse_observed(std::string_view action, int http_status, std::string_view body);
// The same reading of a body already parsed (the direct path, protocol/direct.hpp).
Observed parse_observed_document(std::string_view action, int http_status,
                                 const nlohmann::json& body);

void to_json(nlohmann::json& j, const Envelope& e);
void to_json(nlohmann::json& j, const Request& r);
void to_json(nlohmann::json& j, const ObservedPair& p);
void to_json(nlohmann::json& j, const Observed& o);
void to_json(nlohmann::json& j, const Verdict& v);
void to_json(nlohmann::json& j, const StepRecord& s);
void to_json(nlohmann::json& j, const Profile& p);
// Read back (record_io.cpp). request_from_json: "" or a one-line error naming the field; the
// from_json functions throw nlohmann::json::exception on a bad shape.
std::string request_from_json(const nlohmann::json& j, Request& out);
void from_json(const nlohmann::json& j, ObservedPair& p);
void from_json(const nlohmann::json& j, Observed& o);
void from_json(const nlohmann::json& j, Verdict& v);
void from_json(const nlohmann::json& j, StepRecord& s);
// The rule table as JSON: [{"id","kind","text"}].
nlohmann::json rules_json();

// Profile from JSON text / file. Unknown keys or bad values throw UsageError naming the key,
// e.g. `profile: overrides.O5.accepted: unknown status "bogus"`.
Profile parse_profile(std::string_view text);
Profile load_profile(const std::string& path);

// Universe from the fixture file's JSON text (§10); throws UsageError on a bad shape.
Universe parse_universe(std::string_view text);

}  // namespace paircheck::model
