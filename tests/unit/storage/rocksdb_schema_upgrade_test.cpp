// Tests for opening archives of older and newer schemas: schema 1 (no crawl
// state) is upgraded in place by a writable open, read as it is by a
// read-only one; schema 3 is refused; a second open is still Busy.
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "storage/crawl_store.h"
#include "storage/rocksdb_archive.h"
#include "tests/support/process.h"
#include "tests/unit/storage/archive_test_util.h"

namespace newsvault::storage {
namespace {

using archive_test::At;
using archive_test::HtmlExchange;
using archive_test::MakeArticle;
using newsvault::testing::TempDir;

// A schema-1 archive holding one capture with one article version.
std::string MakeSchema1Archive(const TempDir& dir) {
  const std::string path = dir.Join("db");
  {
    auto archive = OpenArchive(path);
    EXPECT_TRUE(archive.ok()) << archive.status().ToString();
    core::Article article = MakeArticle("Old", "Story");
    EXPECT_TRUE(
        (*archive)->StoreCapture(HtmlExchange("https://a.example/s", "x", At(1)), &article).ok());
  }
  EXPECT_TRUE(MakeSchema1ForTesting(path).ok());
  EXPECT_EQ(*ReadSchemaVersionForTesting(path), "1");
  return path;
}

TEST(SchemaUpgrade, NewArchivesAreWrittenAsSchema2) {
  TempDir dir;
  ASSERT_TRUE(OpenArchive(dir.Join("db")).ok());
  EXPECT_EQ(kArchiveSchemaVersion, 2);
  EXPECT_EQ(*ReadSchemaVersionForTesting(dir.Join("db")), "2");
}

// Given a schema-1 archive, a writable open should add the crawl state and
// write schema 2, keeping every capture.
TEST(SchemaUpgrade, WritableOpenUpgradesSchema1InPlace) {
  TempDir dir;
  const std::string path = MakeSchema1Archive(dir);
  {
    auto archive = OpenArchive(path);
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    EXPECT_EQ((*archive)->Captures("https://a.example/s")->size(), 1u);
    EXPECT_EQ((*archive)->Versions("https://a.example/s")->size(), 1u);
    EXPECT_EQ((*archive)->Stats()->captures, 1u);
    // The payload stored under schema 1 is known: the same body again is a revisit.
    auto again = (*archive)->StoreCapture(HtmlExchange("https://a.example/t", "x", At(2)), nullptr);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_FALSE(again->new_payload);
    EXPECT_EQ((*archive)->Stats()->payloads, 1u);
    CrawlStore& crawl = (*archive)->Crawl();
    auto run = crawl.BeginRun(At(10));
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    EXPECT_EQ(run->id, 1u);
    ASSERT_TRUE(
        crawl
            .Enqueue({FrontierEntry{"https://a.example/new", "a", FrontierKind::kPage, 0, 0, ""}},
                     run->id, EnqueuePolicy::kOncePerRun)
            .ok());
  }
  EXPECT_EQ(*ReadSchemaVersionForTesting(path), "2");
  auto reopened = OpenArchive(path, {.create_if_missing = false, .read_only = true});
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ(*(*reopened)->Crawl().FrontierSize(), 1u);
}

TEST(SchemaUpgrade, ReadOnlyOpenReadsSchema1WithoutChangingIt) {
  TempDir dir;
  const std::string path = MakeSchema1Archive(dir);
  {
    auto archive = OpenArchive(path, {.create_if_missing = false, .read_only = true});
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    EXPECT_EQ((*archive)->Captures("https://a.example/s")->size(), 1u);
    auto size = (*archive)->Crawl().FrontierSize();
    ASSERT_FALSE(size.ok());
    EXPECT_EQ(size.error().code(), core::StatusCode::kUnsupported);
  }
  EXPECT_EQ(*ReadSchemaVersionForTesting(path), "1");
}

TEST(SchemaUpgrade, Schema3IsUnsupported) {
  TempDir dir;
  const std::string path = dir.Join("db");
  ASSERT_TRUE(OpenArchive(path).ok());
  ASSERT_TRUE(OverwriteSchemaVersionForTesting(path, "3").ok());
  auto opened = OpenArchive(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), core::StatusCode::kUnsupported);
}

TEST(SchemaUpgrade, SecondOpenOfAnUpgradedArchiveIsBusy) {
  TempDir dir;
  const std::string path = MakeSchema1Archive(dir);
  auto first = OpenArchive(path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = OpenArchive(path);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), core::StatusCode::kBusy);
}

}  // namespace
}  // namespace newsvault::storage
