#include "core/status.h"

#include <gtest/gtest.h>

namespace newsvault::core {
namespace {

TEST(Status, DefaultIsOkAndPrintsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(Status, ToStringNamesTheCodeAndMessage) {
  Status s = Status::NetworkError("connection refused");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNetworkError);
  EXPECT_EQ(s.ToString(), "NetworkError: connection refused");
}

TEST(Status, RetryableOnlyForTransientFailures) {
  EXPECT_TRUE(Status::Timeout("t").retryable());
  EXPECT_TRUE(Status::Busy("b").retryable());
  EXPECT_FALSE(Status::NetworkError("tls", /*retryable=*/false).retryable());
  EXPECT_FALSE(Status::InvalidArgument("x").retryable());
}

TEST(Status, WithContextPrefixesMessageAndKeepsCode) {
  Status s = Status::NotFound("no such capture").WithContext("show");
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.message(), "show: no such capture");
  EXPECT_TRUE(Status::Ok().WithContext("ignored").ok());
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int x) {
  RETURN_IF_ERROR(Half(x).status());
  return Status::Ok();
}

TEST(Result, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);  // 6/2 = 3 is odd
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "odd");
  EXPECT_EQ(r.value_or(-1), -1);
  EXPECT_FALSE(CheckEven(3).ok());
  EXPECT_TRUE(CheckEven(4).ok());
}

}  // namespace
}  // namespace newsvault::core
