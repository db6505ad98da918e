// The bodies TestServer (tests/support/test_server.h) serves: news pages in the shapes the
// crawler meets (gzip, windows-1251, no charset, invalid UTF-8, malformed HTML, a PNG),
// built in code so tests can compare what the client stored with what the server sent.
//
// Thread safety: pure functions and constants.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsvault::testing {

// The Russian article served as windows-1251 bytes by /cp1251.html, here in UTF-8 so tests
// can check that a decoder turned the bytes back into exactly this text.
inline constexpr std::string_view kRussianTitle =
    "Городской совет утвердил новый план развития набережной";
inline constexpr std::string_view kRussianFirstParagraph =
    "Депутаты городского совета в четверг большинством голосов утвердили план "
    "реконструкции набережной, который обсуждался почти два года.";

// Size of the /huge body: bigger than any body limit a test sets, far below the default.
inline constexpr size_t kHugeBodyBytes = 3u << 20;

// tests/fixtures/pages/story.html when that file exists, else a small built-in article.
std::string StoryPageHtml();
// An HTML page (UTF-8, declared in <meta charset>) that /chunked.html sends in several chunks.
std::string ChunkedPageHtml();
// The Russian article as windows-1251 bytes, with no charset in a <meta> element.
std::string Cp1251PageBytes();
// ASCII-only HTML with no charset anywhere (no BOM, no <meta charset>).
std::string NoCharsetPageHtml();
// HTML whose body text contains byte sequences that are not valid UTF-8.
std::string InvalidUtf8PageBytes();
// Badly broken HTML (unclosed tags, stray end tags, unquoted attributes) around an article.
std::string MalformedPageHtml();
// kHugeBodyBytes of HTML.
std::string HugePageHtml();
// A valid 16x16 RGB PNG image.
std::string TinyPng();
// Bytes that start like gzip (magic, method) but do not decode.
std::string BrokenGzipBytes();
// Decoded size of the /gzip-bomb.html body.
inline constexpr size_t kGzipBombDecodedBytes = 10u << 20;
// A gzip bomb: the start of an HTML page, then zeros up to kGzipBombDecodedBytes, gzipped
// (about 10 KB). Computed once per process.
const std::string& GzipBombBytes();

// One gzip member (RFC 1952) holding `data`.
std::string GzipCompress(std::string_view data);
// Converts UTF-8 text to windows-1251 with iconv; aborts when the system cannot (a broken
// test environment, not a test failure).
std::string Utf8ToWindows1251(std::string_view utf8);

}  // namespace newsvault::testing
