// P1-P4 of the emulator, in the §11 order (P1, Format, P2 types, P2 ranges, P3).
#include <gtest/gtest.h>

#include "tests/emulator/core_support.hpp"

namespace paircheck::emulator::testing {
namespace {

Params create_params() {
  return {{"RegionId", "cn-hangzhou"},
          {"SourceZoneId", "cn-hangzhou-h"},
          {"DiskId", "d-hz-0001"},
          {"DestinationRegionId", "cn-shanghai"},
          {"DestinationZoneId", "cn-shanghai-e"},
          {"DestinationDiskId", "d-sh-0001"}};
}

Params with(Params p, const std::string& name, const std::string& value) {
  std::erase_if(p, [&](const auto& kv) { return kv.first == name; });
  p.emplace_back(name, value);
  return p;
}

Params without(Params p, const std::string& name) {
  std::erase_if(p, [&](const auto& kv) { return kv.first == name; });
  return p;
}

void expect_400(const HttpResponse& r, const std::string& code) {
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(code_of(r), code) << r.body;
}

TEST(EmulatorParams, P1_MissingOrEmptyRequiredParameter) {
  Fixture f;
  for (const char* name : {"RegionId", "SourceZoneId", "DiskId", "DestinationRegionId",
                           "DestinationZoneId", "DestinationDiskId"}) {
    expect_400(f.client.call("CreateDiskReplicaPair", without(create_params(), name)),
               std::string("Missing") + name);
    expect_400(f.client.call("CreateDiskReplicaPair", with(create_params(), name, "")),
               std::string("Missing") + name);
  }
  expect_400(f.client.call("StartDiskReplicaPair", {{"RegionId", "cn-hangzhou"}}),
             "MissingReplicaPairId");
  expect_400(f.client.call("DescribeDiskReplicaPairs", {}), "MissingRegionId");
  expect_400(f.client.call("AttachDisk", {{"DiskId", "d-hz-0001"}}, "2014-05-26"),
             "MissingInstanceId");
}

TEST(EmulatorParams, P1_RequiredParametersReportedInOrder) {
  Fixture f;
  expect_400(f.client.call("StartDiskReplicaPair", {}), "MissingRegionId");
}

TEST(EmulatorParams, Format_OnlyJsonJsonLowerOrXml) {
  Fixture f;
  f.client.v1 = true;
  for (const char* ok : {"JSON", "json", "XML"}) {
    protocol::RpcCall call{"DescribeDiskReplicaPairs", "2021-07-30", {{"RegionId", "cn-hangzhou"}}};
    auto w = protocol::build_v1_request(call, {"ak-admin", "sk-admin"}, f.client.input(),
                                        protocol::V1Style::kGetQuery, "h", ok);
    HttpResponse r = f.client.send(w);
    EXPECT_EQ(r.status, 200) << ok << r.body;
    EXPECT_TRUE(body_of(r).is_object()) << "bodies are always JSON";
  }
  protocol::RpcCall call{"DescribeDiskReplicaPairs", "2021-07-30", {{"RegionId", "cn-hangzhou"}}};
  auto w = protocol::build_v1_request(call, {"ak-admin", "sk-admin"}, f.client.input(),
                                      protocol::V1Style::kGetQuery, "h", "YAML");
  expect_400(f.client.send(w), "InvalidParameter.Format");
  // Format after P1: a missing RegionId wins over a bad Format.
  protocol::RpcCall no_region{"DescribeDiskReplicaPairs", "2021-07-30", {}};
  w = protocol::build_v1_request(no_region, {"ak-admin", "sk-admin"}, f.client.input(),
                                 protocol::V1Style::kGetQuery, "h", "YAML");
  expect_400(f.client.send(w), "MissingRegionId");
  // ... and before P2 types.
  protocol::RpcCall bad_type{"DescribeDiskReplicaPairs",
                             "2021-07-30",
                             {{"RegionId", "cn-hangzhou"}, {"MaxResults", "ten"}}};
  w = protocol::build_v1_request(bad_type, {"ak-admin", "sk-admin"}, f.client.input(),
                                 protocol::V1Style::kGetQuery, "h", "YAML");
  expect_400(f.client.send(w), "InvalidParameter.Format");
}

TEST(EmulatorParams, P2_WrongTypes) {
  Fixture f;
  const std::string id = f.created();
  for (const char* bad : {"TRUE", "1", "yes", ""}) {
    expect_400(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"OneShot", bad}}),
               "InvalidParameter");
  }
  for (const char* bad : {"10.5", "0x10", "+5", "", "99999999999999999999"}) {
    expect_400(f.client.call("DescribeDiskReplicaPairs",
                             {{"RegionId", "cn-hangzhou"}, {"MaxResults", bad}}),
               "InvalidParameter");
  }
  expect_400(f.client.call("CreateDiskReplicaPair", with(create_params(), "Period", "one")),
             "InvalidParameter");
  expect_400(
      f.client.op("ReprotectDiskReplicaPair", id, "cn-shanghai", {{"ReverseReplicate", "no"}}),
      "InvalidParameter");
  EXPECT_EQ(f.client.status(id), "created") << "no state read or changed by a P failure";
}

TEST(EmulatorParams, P2_Ranges) {
  Fixture f;
  auto create_with = [&](const std::string& n, const std::string& v) {
    return f.client.call("CreateDiskReplicaPair", with(create_params(), n, v));
  };
  for (const std::string& bad : std::vector<std::string>{"a", "1abc", "ab cd", "http://x", "é-name",
                                                         std::string(129, 'a')}) {
    expect_400(create_with("PairName", bad), "InvalidParameter");
  }
  for (const char* bad : {"x", "http://example", "https://example", ""}) {
    expect_400(create_with("Description", bad), "InvalidParameter");
  }
  expect_400(create_with("Description", std::string(257, 'd')), "InvalidParameter");
  expect_400(create_with("RPO", "60"), "InvalidParameter");
  expect_400(create_with("Bandwidth", "1000"), "InvalidParameter");
  expect_400(create_with("ChargeType", "prepay"), "InvalidParameter");
  auto describe_with = [&](const std::string& n, const std::string& v) {
    return f.client.call("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}, {n, v}});
  };
  expect_400(describe_with("MaxResults", "0"), "InvalidParameter");
  expect_400(describe_with("MaxResults", "501"), "InvalidParameter");
  expect_400(describe_with("PageSize", "101"), "InvalidParameter");
  expect_400(describe_with("PageSize", "0"), "InvalidParameter");
  expect_400(describe_with("PageNumber", "0"), "InvalidParameter");
  expect_400(describe_with("Site", "primary"), "InvalidParameter");
  expect_400(describe_with("Site", ""), "InvalidParameter");
  std::string ids;
  for (int i = 0; i < 101; ++i) ids += (i ? "," : "") + std::string("pair-x-") + std::to_string(i);
  expect_400(describe_with("PairIds", ids), "InvalidParameter");
  // In-range values pass.
  EXPECT_EQ(describe_with("MaxResults", "500").status, 200);
  EXPECT_EQ(describe_with("PageSize", "100").status, 200);
  EXPECT_EQ(describe_with("Site", "backup").status, 200);
  HttpResponse ok = f.client.call(
      "CreateDiskReplicaPair",
      with(with(with(with(create_params(), "PairName", "Ab:_.-9"), "Description", "é!"), "RPO",
                "900"),
           "Bandwidth", "102400"));
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST(EmulatorParams, P2_TypesCheckedBeforeRanges) {
  Fixture f;
  // PageSize out of range and MaxResults of the wrong type: the type error is reported.
  HttpResponse r =
      f.client.call("DescribeDiskReplicaPairs",
                    {{"RegionId", "cn-hangzhou"}, {"PageSize", "1000"}, {"MaxResults", "x"}});
  expect_400(r, "InvalidParameter");
  EXPECT_NE(body_of(r)["Message"].get<std::string>().find("MaxResults"), std::string::npos)
      << r.body;
}

TEST(EmulatorParams, P2_EmptyMeansNoneOnlyForTokenNextTokenPairIds) {
  Fixture f;
  EXPECT_EQ(f.client
                .call("DescribeDiskReplicaPairs",
                      {{"RegionId", "cn-hangzhou"}, {"NextToken", ""}, {"PairIds", ""}})
                .status,
            200);
  const std::string id = f.created();
  EXPECT_EQ(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", ""}}).status,
            200);
}

TEST(EmulatorParams, P2_PeriodAndTagsTypeOnly) {
  Fixture f;
  HttpResponse r =
      f.client.call("CreateDiskReplicaPair",
                    with(with(with(create_params(), "Period", "7"), "PeriodUnit", "Fortnight"),
                         "Tag.1.Key", "k"));
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST(EmulatorParams, P3_ClientTokenTooLongOrNotPrintable) {
  Fixture f;
  const std::string id = f.created();
  expect_400(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou",
                         {{"ClientToken", std::string(65, 't')}}),
             "InvalidClientToken.ValueNotSupported");
  expect_400(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "tok\x01"}}),
             "InvalidClientToken.ValueNotSupported");
  expect_400(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "tök"}}),
             "InvalidClientToken.ValueNotSupported");
  // P2 before P3.
  expect_400(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou",
                         {{"ClientToken", std::string(65, 't')}, {"OneShot", "maybe"}}),
             "InvalidParameter");
  EXPECT_EQ(
      f.client
          .op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", std::string(64, '~')}})
          .status,
      200);
}

TEST(EmulatorParams, P4_UnknownExtraParametersIgnored) {
  Fixture f;
  EXPECT_EQ(f.client
                .call("DescribeDiskReplicaPairs",
                      {{"RegionId", "cn-hangzhou"}, {"Frobnicate", "1"}, {"OneShot", "x"}})
                .status,
            200);
}

TEST(EmulatorParams, P_BeforeExistence) {
  Fixture f;
  // An unknown pair with a bad OneShot: P2 wins over the 404.
  expect_400(f.client.op("StartDiskReplicaPair", "pair-nope", "cn-hangzhou", {{"OneShot", "1"}}),
             "InvalidParameter");
}

}  // namespace
}  // namespace paircheck::emulator::testing
