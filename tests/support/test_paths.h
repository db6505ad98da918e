// Where tests find fixtures, the shared folder and helper tools.
//
// Thread safety: constants.
#pragma once

namespace newsvault::testing {

inline constexpr const char* kSourceDir = NV_SOURCE_DIR;
inline constexpr const char* kFixturesDir = NV_FIXTURES_DIR;
inline constexpr const char* kSharedDir = NV_SHARED_DIR;
inline constexpr const char* kWarcioDir = NV_WARCIO_DIR;

}  // namespace newsvault::testing
