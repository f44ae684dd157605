// W5 percent-encoding and W1 decoding.
#include "protocol/percent_encoding.hpp"

#include <gtest/gtest.h>

namespace paircheck::protocol {
namespace {

TEST(WireFormat, W5_UnreservedCharactersStay) {
  EXPECT_EQ(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
}

TEST(WireFormat, W5_OtherBytesBecomeUpperCaseHex) {
  EXPECT_EQ(percent_encode(" "), "%20");
  EXPECT_EQ(percent_encode("*"), "%2A");
  EXPECT_EQ(percent_encode("+/=&:"), "%2B%2F%3D%26%3A");
  EXPECT_EQ(percent_encode("!'()"), "%21%27%28%29");
  EXPECT_EQ(percent_encode("ä"), "%C3%A4");
  EXPECT_EQ(percent_encode("复"), "%E5%A4%8D");
  EXPECT_EQ(percent_encode(std::string("\0\xff", 2)), "%00%FF");
  EXPECT_EQ(percent_encode(""), "");
}

TEST(WireFormat, W1_DecodeRoundTripsEncode) {
  const std::string text = "Pär name*~ 复制 a+b/c?d=e&f%g";
  const auto decoded = percent_decode(percent_encode(text));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.value(), text);
}

TEST(WireFormat, W1_DecodeAcceptsLowerCaseHexAndPlus) {
  EXPECT_EQ(percent_decode("%c3%a4+x").value(), "ä x");
  EXPECT_EQ(percent_decode("a+b", PlusMode::kLiteral).value(), "a+b");
  EXPECT_EQ(percent_decode("%2B").value(), "+");
}

TEST(WireFormat, W1_MalformedEscapeIsAnErrorValue) {
  for (const char* bad : {"%", "%4", "%G1", "abc%", "%%41", "x%zz"}) {
    const auto decoded = percent_decode(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.error().code, "InvalidParameter") << bad;
  }
}

}  // namespace
}  // namespace paircheck::protocol
