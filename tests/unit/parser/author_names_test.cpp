// ParseAuthorNames: bylines to person names.
#include "parser/author_names.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsvault::parser {
namespace {

using Names = std::vector<std::string>;

TEST(AuthorNames, StripsLeadInAndSplitsPairs) {
  EXPECT_EQ(ParseAuthorNames("By Jane Doe and John Roe"), (Names{"Jane Doe", "John Roe"}));
  EXPECT_EQ(ParseAuthorNames("Von Max Muster und Erika Mustermann"),
            (Names{"Max Muster", "Erika Mustermann"}));
  EXPECT_EQ(ParseAuthorNames("Par Jean Dupont"), (Names{"Jean Dupont"}));
  EXPECT_EQ(ParseAuthorNames("Автор: Иван Петров"), (Names{"Иван Петров"}));
}

TEST(AuthorNames, SplitsCommaListsAndKeepsAndInsideNames) {
  EXPECT_EQ(ParseAuthorNames("Ann Lee, Bo Kim & Cy Young"),
            (Names{"Ann Lee", "Bo Kim", "Cy Young"}));
  EXPECT_EQ(ParseAuthorNames("By Pamela Anderson"), (Names{"Pamela Anderson"}));
}

TEST(AuthorNames, DropsBracketedSourcesAndAgencies) {
  EXPECT_EQ(ParseAuthorNames("Као Фонг (по данным SCMP, Reuters, NYT)"), (Names{"Као Фонг"}));
  EXPECT_EQ(ParseAuthorNames("Jane Doe, Reuters"), (Names{"Jane Doe"}));
  EXPECT_EQ(ParseAuthorNames("Max Muster / dpa"), (Names{"Max Muster"}));
}

TEST(AuthorNames, NeverReturnsUrlsEmailsOrHandles) {
  EXPECT_TRUE(ParseAuthorNames("https://www.facebook.com/jane.doe").empty());
  EXPECT_TRUE(ParseAuthorNames("jane@example.com").empty());
  EXPECT_TRUE(ParseAuthorNames("@janedoe").empty());
}

TEST(AuthorNames, DropsRolesAndTrailingDates) {
  EXPECT_EQ(ParseAuthorNames("Jane Doe | Senior Reporter"), (Names{"Jane Doe"}));
  EXPECT_EQ(ParseAuthorNames("By Jane Doe Updated 5 minutes ago"), (Names{"Jane Doe"}));
  EXPECT_EQ(ParseAuthorNames("By Jane Doe, February 4, 2025"), (Names{"Jane Doe"}));
}

TEST(AuthorNames, MergesWithoutDuplicates) {
  Names names{"Jane Doe"};
  MergeNames(names, {"jane doe", "John Roe"});
  EXPECT_EQ(names, (Names{"Jane Doe", "John Roe"}));
}

}  // namespace
}  // namespace newsvault::parser
