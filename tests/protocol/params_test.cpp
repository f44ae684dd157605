// W1: parameter set from query and form, duplicates, list flattening.
#include "protocol/params.hpp"

#include <gtest/gtest.h>

#include "protocol/request_params.hpp"

namespace paircheck::protocol {
namespace {

TEST(WireFormat, W1_ParsesQueryKeepingOrderAndDuplicates) {
  const auto p = parse_urlencoded("b=2&a=1&b=3&empty=&bare&&c=x%3Dy=z");
  ASSERT_TRUE(p.ok());
  const Params want{{"b", "2"},    {"a", "1"},   {"b", "3"},
                    {"empty", ""}, {"bare", ""}, {"c", "x=y=z"}};
  EXPECT_EQ(p.value(), want);
  EXPECT_EQ(duplicate_names(p.value()), std::vector<std::string>{"b"});
  ASSERT_NE(find_param(p.value(), "b"), nullptr);
  EXPECT_EQ(*find_param(p.value(), "b"), "2");
  EXPECT_EQ(find_param(p.value(), "zz"), nullptr);
}

TEST(WireFormat, W1_PlusIsSpaceInQueriesAndForms) {
  EXPECT_EQ(parse_urlencoded("Name=a+b%2Bc").value(), (Params{{"Name", "a b+c"}}));
}

TEST(WireFormat, W1_MalformedEscapeInNameOrValueIsAnErrorValue) {
  EXPECT_FALSE(parse_urlencoded("a=%zz").ok());
  EXPECT_FALSE(parse_urlencoded("%zz=1").ok());
  EXPECT_EQ(parse_urlencoded("a=1&b=%4").error().code, "InvalidParameter");
}

TEST(WireFormat, W1_ToUrlencodedUsesW5Encoding) {
  EXPECT_EQ(to_urlencoded({{"A b", "c d*~"}, {"E", ""}}), "A%20b=c%20d%2A~&E=");
  const Params p{{"x", "ä &=+"}, {"y", ""}};
  EXPECT_EQ(parse_urlencoded(to_urlencoded(p)).value(), p);
}

TEST(WireFormat, W1_ListsFlattenOneBased) {
  Params p;
  append_list(p, "PairIds", {"a", "b"});
  append_object_list(p, "Tag", {{{"Key", "k1"}, {"Value", "v1"}}, {{"Key", "k2"}}});
  const Params want{{"PairIds.1", "a"},
                    {"PairIds.2", "b"},
                    {"Tag.1.Key", "k1"},
                    {"Tag.1.Value", "v1"},
                    {"Tag.2.Key", "k2"}};
  EXPECT_EQ(p, want);
  const auto list = collect_list(p, "PairIds");
  EXPECT_EQ(list, (std::map<int, std::string>{{1, "a"}, {2, "b"}}));
  const auto tags = collect_object_list(p, "Tag");
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags.at(1).at("Value"), "v1");
  EXPECT_EQ(tags.at(2).at("Key"), "k2");
}

TEST(WireFormat, W1_CollectIgnoresNonIndexSpellings) {
  const Params p{{"Tag.0.Key", "a"},  {"Tag.01.Key", "b"}, {"Tag.x.Key", "c"}, {"Tag.1", "d"},
                 {"Tags.1.Key", "e"}, {"Tag.1.", "f"},     {"Tag.2.Key", "ok"}};
  const auto tags = collect_object_list(p, "Tag");
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags.at(2).at("Key"), "ok");
  EXPECT_EQ(collect_list(p, "Tag"), (std::map<int, std::string>{{1, "d"}}));
}

TEST(WireFormat, W1_BodyWinsOverQueryAndDuplicatesAreReported) {
  const Params query{{"Action", "A"}, {"RegionId", "q"}, {"X", "1"}, {"X", "2"}};
  const Params form{{"RegionId", "f"}, {"Y", "y"}, {"Y", "z"}};
  const MergedParams m = merge_params(query, form);
  const Params want{{"Action", "A"}, {"RegionId", "f"}, {"X", "1"}, {"Y", "y"}};
  EXPECT_EQ(m.params, want);
  EXPECT_EQ(m.duplicate_names, (std::vector<std::string>{"X", "Y"}));
}

TEST(WireFormat, W1_NameInBothSourcesIsNotADuplicate) {
  const MergedParams m = merge_params({{"A", "1"}}, {{"A", "2"}});
  EXPECT_TRUE(m.duplicate_names.empty());
  EXPECT_EQ(m.params, (Params{{"A", "2"}}));
}

TEST(WireFormat, W1_DecodesTargetAndFormBody) {
  const auto r = decode_request_params(
      "/?a=1&b=q#frag", "Application/X-WWW-Form-Urlencoded; charset=UTF-8", "b=f&c=%E2%98%83");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "/");
  EXPECT_EQ(r->query, (Params{{"a", "1"}, {"b", "q"}}));
  EXPECT_EQ(r->merged.params, (Params{{"a", "1"}, {"b", "f"}, {"c", "☃"}}));
}

TEST(WireFormat, W1_BodyOfAnotherContentTypeIsNotParameters) {
  const auto r = decode_request_params("/x?a=1", "application/json", "b=2");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "/x");
  EXPECT_EQ(r->merged.params, (Params{{"a", "1"}}));
  EXPECT_FALSE(decode_request_params("/?a=%", "", "").ok());
  EXPECT_FALSE(decode_request_params("/", "application/x-www-form-urlencoded", "a=%G").ok());
}

TEST(WireFormat, W1_SplitTarget) {
  EXPECT_EQ(split_target("/").path, "/");
  EXPECT_EQ(split_target("/").query, "");
  EXPECT_EQ(split_target("/?").query, "");
  EXPECT_EQ(split_target("?a=1").path, "");
  EXPECT_EQ(split_target("/p?a=1?b").query, "a=1?b");
}

}  // namespace
}  // namespace paircheck::protocol
