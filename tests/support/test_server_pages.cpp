// Page bodies for TestServer; see test_server_pages.h.
#include "tests/support/test_server_pages.h"

#include <iconv.h>
#include <zlib.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "tests/support/test_paths.h"

namespace newsvault::testing {
namespace {

// Used when the parser's fixture tests/fixtures/pages/story.html does not exist (yet).
constexpr std::string_view kBuiltInStory = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour bridge reopens after two-year repair | The Riverside Courier</title>
<meta name="description" content="The old harbour bridge carries traffic again after a repair that ran a year late.">
<meta name="author" content="Maria Lindqvist">
<meta property="og:site_name" content="The Riverside Courier">
<meta property="og:title" content="Harbour bridge reopens after two-year repair">
<meta property="og:image" content="/img/bridge.jpg">
<meta property="article:published_time" content="2025-02-04T08:30:00+01:00">
<link rel="canonical" href="/2025/02/04/harbour-bridge-reopens.html">
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Harbour bridge reopens after two-year repair",
 "author":[{"@type":"Person","name":"Maria Lindqvist"}],
 "datePublished":"2025-02-04T08:30:00+01:00","inLanguage":"en"}
</script>
</head>
<body>
<nav class="site-nav"><a href="/">Home</a> <a href="/city">City</a> <a href="/sport">Sport</a></nav>
<main>
<article>
<h1>Harbour bridge reopens after two-year repair</h1>
<p class="byline">By <a rel="author" href="/authors/maria">Maria Lindqvist</a>,
<time datetime="2025-02-04T08:30:00+01:00">4 February 2025</time></p>
<p>The old harbour bridge opened to cars, bicycles and pedestrians on Tuesday morning, a full
year later than the city had promised when the repair began.</p>
<p>Engineers replaced the steel deck, the two lifting motors and most of the cables that hold
the central span. The council said the final bill came to 41 million, eleven million more
than planned, mostly because corrosion turned out to be worse than the first survey showed.</p>
<h2>Traffic returns to the old town</h2>
<p>Shop owners on Quay Street, who lost most passing trade while the bridge was closed, said
they had already seen more customers in the first hours than in a normal week last year.</p>
<p>"We survived two winters on regulars alone," said a baker whose shop faces the bridge.
"Today the queue was out of the door before eight."</p>
<figure><img src="/img/bridge.jpg" alt="The harbour bridge at dawn">
<figcaption>The rebuilt central span at dawn on Tuesday.</figcaption></figure>
<p>The bridge will lift for ships twice a day, at fixed times, instead of on demand.</p>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Ferry fares to rise</a></li>
<li><a href="/b">New bus lanes on the ring road</a></li></ul></aside>
<div class="share">Share: <a href="#">Facebook</a> <a href="#">Email</a></div>
</main>
<footer>&copy; 2025 The Riverside Courier. <a href="/privacy">Privacy</a></footer>
</body>
</html>
)html";

constexpr std::string_view kChunkedPage = R"html(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Night trains return to the north line</title></head>
<body><article><h1>Night trains return to the north line</h1>
<p class="byline">By Tom Okafor</p>
<p>Sleeper trains will run again on the north line from March, the rail operator said on Monday,
after a four-year pause that began when the old carriages were withdrawn.</p>
<p>The new carriages have private cabins for one or two people and a small cafe car.</p>
<p>Tickets go on sale next week; the first departures are already almost full, the operator said.</p>
</article></body></html>
)html";

// Russian text kept in UTF-8 here; Cp1251PageBytes converts the whole page.
constexpr std::string_view kRussianPageTail = R"html(</p>
<p>Согласно плану, вдоль реки появятся новые пешеходные дорожки, велосипедная полоса,
детские площадки и небольшой летний театр. Старые склады у причала отремонтируют и
отдадут под мастерские и кафе.</p>
<p>Работы начнутся весной и продлятся три года. Часть денег выделит область, остальное
город рассчитывает получить от продажи участков под жилые дома на соседней улице.</p>
<p>Жители, пришедшие на заседание, в целом поддержали проект, но попросили сохранить
старые деревья у лодочной станции и не закрывать набережную для прогулок на всё время
строительства. Мэр пообещал, что в каждый момент будет открыта хотя бы половина набережной.</p>
<p>Противники проекта считают, что город берёт на себя слишком большие долги, и предлагают
разделить работы на несколько очередей, чтобы каждую следующую начинать только после
окончания предыдущей.</p>
</article>
<footer>© 2025 Городские новости</footer>
</body></html>
)html";

constexpr std::string_view kNoCharsetPage = R"html(<!DOCTYPE html>
<html><head><title>Library extends opening hours</title></head>
<body><article><h1>Library extends opening hours</h1>
<p>The central library will stay open until nine in the evening on weekdays from next month,
the city announced, after a survey in which most readers asked for later hours.</p>
<p>Sunday opening, tried last summer, becomes permanent as well.</p>
</article></body></html>
)html";

constexpr std::string_view kMalformedPage =
    R"html(<html><head><title>Storm closes coastal road</title>
<meta name=author content=Ana Ruiz>
<body class=page>
<div id=wrap><div class=header><a href=/>Coast News</a></div></div></div>
<article class=story>
<h1>Storm closes coastal road<h1>
<p>The coastal road between the two harbours was closed on Friday after waves threw rocks and
sand across both lanes during the night.
<p>Road crews expect to reopen one lane by Sunday, the highways office said, but warned that a
second storm forecast for Monday could close it again.
<p>Buses are running on the inland route, which adds about twenty minutes to the trip.</b></i>
<p>Residents of the harbour villages said the road had flooded three times this winter, and
several asked the council to raise the sea wall before the next season of storms.
<p>The highways office said a study of the sea wall would be published in the spring, with
work to follow if the budget allows, and urged drivers to check the road status before leaving.
<div class=share>Share <a href=#>this</div>
</span></article>
<footer>Coast News <p>Contact
</html)html";

// Big-endian 32-bit integer, as PNG chunks store lengths and CRCs.
void AppendBigEndian32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xFFu));
  }
}

void AppendPngChunk(std::string& out, std::string_view type, std::string_view data) {
  AppendBigEndian32(out, static_cast<uint32_t>(data.size()));
  const std::string type_and_data = std::string(type) + std::string(data);
  out += type_and_data;
  const uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(type_and_data.data()),
                          static_cast<uInt>(type_and_data.size()));
  AppendBigEndian32(out, static_cast<uint32_t>(crc));
}

std::string ZlibCompress(std::string_view data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  if (compress(reinterpret_cast<Bytef*>(out.data()), &size,
               reinterpret_cast<const Bytef*>(data.data()),
               static_cast<uLong>(data.size())) != Z_OK) {
    std::fprintf(stderr, "test_server_pages: zlib compress failed\n");
    std::abort();
  }
  out.resize(size);
  return out;
}

}  // namespace

std::string StoryPageHtml() {
  const std::filesystem::path fixture = std::filesystem::path(kFixturesDir) / "pages/story.html";
  std::ifstream in(fixture, std::ios::binary);
  if (!in) return std::string(kBuiltInStory);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string ChunkedPageHtml() { return std::string(kChunkedPage); }

std::string Cp1251PageBytes() {
  // No <meta charset>: the page declares nothing, as many older Russian sites do.
  std::string utf8 = "<!DOCTYPE html>\n<html lang=\"ru\"><head><title>";
  utf8 += kRussianTitle;
  utf8 += "</title></head>\n<body><article><h1>";
  utf8 += kRussianTitle;
  utf8 += "</h1>\n<p>";
  utf8 += kRussianFirstParagraph;
  utf8 += kRussianPageTail;
  return Utf8ToWindows1251(utf8);
}

std::string NoCharsetPageHtml() { return std::string(kNoCharsetPage); }

std::string InvalidUtf8PageBytes() {
  std::string page =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Caf\xC3\xA9 owners protest new "
      "rules</title></head>\n<body><article><h1>Caf\xC3\xA9 owners protest new rules</h1>\n"
      "<p>Owners of street caf\xE9s (a lone Latin-1 byte) said the new terrace rules would cost "
      "them a summer of trade.</p>\n<p>A truncated sequence \xC3 here, a stray continuation byte "
      "\x80 there, an overlong \xC0\xAF and an encoded surrogate \xED\xA0\x80 follow.</p>\n"
      "<p>The council will vote on the rules next month.</p>\n</article></body></html>\n";
  return page;
}

std::string MalformedPageHtml() { return std::string(kMalformedPage); }

std::string HugePageHtml() {
  std::string page = "<!DOCTYPE html>\n<html><head><title>Huge page</title></head><body>\n";
  const std::string_view line =
      "<p>Filler paragraph of a very long page, repeated on purpose.</p>\n";
  const std::string_view tail = "</body></html>\n";
  while (page.size() + line.size() + tail.size() <= kHugeBodyBytes) page += line;
  page += tail;
  page.append(kHugeBodyBytes - page.size(), '\n');
  return page;
}

std::string TinyPng() {
  constexpr uint32_t kSide = 16;
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  AppendBigEndian32(header, kSide);
  AppendBigEndian32(header, kSide);
  header += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter, no interlace
  AppendPngChunk(png, "IHDR", header);
  std::string pixels;
  for (uint32_t y = 0; y < kSide; ++y) {
    pixels.push_back('\0');  // filter type None
    for (uint32_t x = 0; x < kSide; ++x) {
      pixels.push_back(static_cast<char>(x * 16));
      pixels.push_back(static_cast<char>(y * 16));
      pixels.push_back(static_cast<char>(0x80));
    }
  }
  AppendPngChunk(png, "IDAT", ZlibCompress(pixels));
  AppendPngChunk(png, "IEND", "");
  return png;
}

std::string BrokenGzipBytes() {
  // A gzip magic number and header, then bytes that are not a deflate stream.
  return std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) +
         "this is not deflate data, whatever the header says\xff\xff\xff\xff";
}

const std::string& GzipBombBytes() {
  static const std::string bomb = [] {
    std::string html = "<!DOCTYPE html><html><head><title>Bomb</title></head><body><p>";
    html.resize(kGzipBombDecodedBytes, '\0');
    return GzipCompress(html);
  }();
  return bomb;
}

std::string GzipCompress(std::string_view data) {
  z_stream stream{};
  // windowBits 15 + 16 asks zlib for a gzip wrapper (RFC 1952) instead of zlib (RFC 1950).
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    std::fprintf(stderr, "test_server_pages: deflateInit2 failed\n");
    std::abort();
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = const_cast<Bytef*>(reinterpret_cast<const Bytef*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) {
    std::fprintf(stderr, "test_server_pages: deflate did not finish\n");
    std::abort();
  }
  return out;
}

std::string Utf8ToWindows1251(std::string_view utf8) {
  struct IconvCloser {
    void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
  };
  iconv_t raw = iconv_open("WINDOWS-1251", "UTF-8");
  if (raw == reinterpret_cast<iconv_t>(-1)) {
    std::fprintf(stderr, "test_server_pages: iconv cannot convert UTF-8 to WINDOWS-1251\n");
    std::abort();
  }
  std::unique_ptr<void, IconvCloser> cd(raw);
  std::string in(utf8);
  std::string out(in.size(), '\0');  // windows-1251 never needs more bytes than UTF-8
  char* in_ptr = in.data();
  size_t in_left = in.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  if (iconv(static_cast<iconv_t>(cd.get()), &in_ptr, &in_left, &out_ptr, &out_left) ==
      static_cast<size_t>(-1)) {
    std::fprintf(stderr, "test_server_pages: text has characters windows-1251 lacks (errno %d)\n",
                 errno);
    std::abort();
  }
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace newsvault::testing
