// RepairXmlReferences: references rewritten so libxml2's recovery keeps them
// (XML 1.0 §4.1 references, §4.6 predefined entities), markup that holds no
// references left alone.
#include "parser/xml_references.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace newsvault::parser {
namespace {

using ::testing::ElementsAre;

std::string Repair(std::string_view xml) { return RepairXmlReferences(xml, 10, 1u << 20).xml; }

TEST(XmlReferences, TurnsPredefinedEntitiesIntoCharacterReferences) {
  EXPECT_EQ(Repair("<a t='&quot;&apos;'>&amp;&lt;&gt;</a>"),
            "<a t='&#34;&#39;'>&#38;&#60;&#62;</a>");
}

TEST(XmlReferences, KeepsWellFormedCharacterReferences) {
  EXPECT_EQ(Repair("<a>&#233;&#x2014;&#X41;</a>"), "<a>&#233;&#x2014;&#38;#X41;</a>");
}

TEST(XmlReferences, EscapesStrayAmpersandsAndSaysWhere) {
  const RepairedXml repaired =
      RepairXmlReferences("<a>\n<l>?a=1&b=2</l>\n<l>R&D &amp; more &</l></a>", 10, 1u << 20);
  EXPECT_EQ(repaired.xml, "<a>\n<l>?a=1&#38;b=2</l>\n<l>R&#38;D &#38; more &#38;</l></a>");
  EXPECT_EQ(repaired.changes, 3u);
  EXPECT_THAT(repaired.notes, ElementsAre("line 2: stray '&' escaped", "line 3: stray '&' escaped",
                                          "line 3: stray '&' escaped"));
}

TEST(XmlReferences, ReadsCommonHtmlEntitiesAndDropsUnknownOnes) {
  const RepairedXml repaired = RepairXmlReferences("<a>x&nbsp;&mdash;&bogus;y</a>", 10, 1u << 20);
  EXPECT_EQ(repaired.xml, "<a>x&#160;&#8212;y</a>");
  EXPECT_THAT(repaired.notes, ElementsAre("line 1: HTML entity '&nbsp;' read as its character",
                                          "line 1: HTML entity '&mdash;' read as its character",
                                          "line 1: undeclared entity '&bogus;' dropped"));
}

TEST(XmlReferences, LeavesCdataCommentsInstructionsAndTheDoctypeAlone) {
  const std::string xml =
      "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY e '&amp;'>]>"
      "<r><![CDATA[a&b &amp;]]><!-- c&d --><?pi e&f?>&amp;</r>";
  const std::string expected =
      "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY e '&amp;'>]>"
      "<r><![CDATA[a&b &amp;]]><!-- c&d --><?pi e&f?>&#38;</r>";
  EXPECT_EQ(Repair(xml), expected);
  EXPECT_EQ(Repair("<r><![CDATA[unterminated & cdata"), "<r><![CDATA[unterminated & cdata");
}

TEST(XmlReferences, CapsNotesAndOutputSize) {
  const std::string xml(1000, '&');
  const RepairedXml repaired = RepairXmlReferences(xml, 3, 100);
  EXPECT_EQ(repaired.notes.size(), 3u);
  EXPECT_EQ(repaired.xml.size(), 100u);
  EXPECT_TRUE(repaired.truncated);

  const RepairedXml copied = RepairXmlReferences("<a>" + std::string(500, 'x') + "</a>", 3, 100);
  EXPECT_EQ(copied.xml, "<a>" + std::string(97, 'x'));
  EXPECT_TRUE(copied.truncated);
  EXPECT_FALSE(RepairXmlReferences("<a>x</a>", 3, 8).truncated);
}

}  // namespace
}  // namespace newsvault::parser
