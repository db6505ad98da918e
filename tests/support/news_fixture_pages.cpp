// Content of the news fixture site; see news_fixture_pages.h.
#include "tests/support/news_fixture_pages.h"

#include <string>

#include "parser/text_util.h"

namespace newsvault::testing {
namespace {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  parser::AppendHtmlEscaped(out, text, /*attribute=*/true);
  return out;
}

std::string JsonEscape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

FixtureArticleSpec Article(std::string path, std::string title, std::string author,
                           std::string published, std::string lead, std::string topic,
                           FixtureListing listing) {
  return FixtureArticleSpec{
      std::move(path),  std::move(title), std::move(author), std::move(published), std::move(lead),
      std::move(topic), listing};
}

// The chrome every page shares: what real news sites wrap around everything.
std::string PageHead(const FixtureHostSpec& host, std::string_view title,
                     const std::string& extra_head) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<title>" + HtmlEscape(title) + " | " + HtmlEscape(host.site_title) + "</title>\n";
  html += "<meta property=\"og:site_name\" content=\"" + HtmlEscape(host.site_title) + "\">\n";
  if (host.feed) {
    html += "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Latest\" href=\"" +
            std::string(kFixtureFeedPath) + "\">\n";
  }
  html += extra_head;
  html += "</head>\n<body>\n<header class=\"site-header\">\n<a class=\"logo\" href=\"/\">" +
          HtmlEscape(host.site_title) + "</a>\n<nav class=\"main-nav\"><ul>" +
          "<li><a href=\"/\">Home</a></li><li><a href=\"" + std::string(kFixtureSectionPath) +
          "\">News</a></li><li><a href=\"" + std::string(kFixturePrivatePaths[0]) +
          "\">Members</a></li></ul></nav>\n</header>\n";
  return html;
}

std::string PageFoot(const FixtureHostSpec& host) {
  return "<footer class=\"site-footer\"><p>&copy; 2026 " + HtmlEscape(host.site_title) +
         ". All rights reserved.</p><a href=\"/#top\">Back to top</a></footer>\n</body>\n"
         "</html>\n";
}

std::vector<const FixtureArticleSpec*> Listed(const FixtureHostSpec& host, FixtureListing a,
                                              FixtureListing b) {
  std::vector<const FixtureArticleSpec*> out;
  for (const FixtureArticleSpec& article : host.articles) {
    if (article.listing == a || article.listing == b) out.push_back(&article);
  }
  return out;
}

std::string Teaser(const FixtureArticleSpec& article, std::string_view suffix) {
  return "<li class=\"teaser\"><a href=\"" + HtmlEscape(article.path + std::string(suffix)) +
         "\">" + HtmlEscape(article.title) + "</a></li>\n";
}

}  // namespace

std::vector<FixtureHostSpec> FixtureHosts() {
  std::vector<FixtureHostSpec> hosts(3);

  FixtureHostSpec& gazette = hosts[0];
  gazette.name = "gazette";
  gazette.site_title = "The Harbour Gazette";
  gazette.address = "127.0.0.2";
  gazette.robots = "User-agent: *\nDisallow: /private/\n";
  gazette.calendar = true;
  gazette.redirects = true;
  gazette.articles = {
      Article("/2026/11/27/harbour-tunnel-vote.html",
              "Council backs harbour tunnel after marathon session", "Ines Moreau",
              "2026-11-27T09:30:00+01:00",
              "The city council voted 31 to 12 late on Thursday to build a road tunnel under the "
              "harbour mouth, ending a dispute that has divided the port district for a decade.",
              "the harbour tunnel", FixtureListing::kFront),
      Article("/2026/11/27/ferry-timetable.html", "Winter ferry timetable cuts night crossings",
              "Tomas Berg", "2026-11-27T07:10:00+01:00",
              "The regional ferry operator will drop the last two night crossings from December, "
              "saying fewer than twenty passengers a night used them over the past year.",
              "the ferry timetable", FixtureListing::kFront),
      Article("/2026/11/26/school-roof.html", "School roof repairs finish two months early",
              "Amira Haddad", "2026-11-26T15:45:00+01:00",
              "Pupils at the Northgate primary school returned to their own classrooms on "
              "Wednesday after contractors finished replacing the storm-damaged roof early.",
              "the school roof repairs", FixtureListing::kFront),
      Article("/2026/11/25/market-hall.html", "Old market hall to reopen as food court",
              "Ines Moreau", "2026-11-25T11:00:00+01:00",
              "The listed market hall on Quay Street, closed since the flood of 2019, will reopen "
              "next spring as a food court with thirty stalls, its new tenants announced.",
              "the market hall", FixtureListing::kSection),
      Article("/2026/11/24/bus-lanes.html", "Bus lanes on Ring Road made permanent", "Tomas Berg",
              "2026-11-24T08:20:00+01:00",
              "The trial bus lanes on the Ring Road will stay after journey times on the busiest "
              "routes fell by a sixth during the six-month experiment, the transport office said.",
              "the bus lanes", FixtureListing::kSection),
      Article("/2026/11/27/budget-final.html", "Final budget keeps library hours unchanged",
              "Amira Haddad", "2026-11-27T18:05:00+01:00",
              "Library opening hours will not be cut next year after the council found savings "
              "elsewhere in its final budget, reversing a proposal that drew four thousand "
              "objections.",
              "the library budget", FixtureListing::kRedirectTarget),
  };

  FixtureHostSpec& courier = hosts[1];
  courier.name = "courier";
  courier.site_title = "The Valley Courier";
  courier.address = "127.0.0.3";
  courier.robots =
      "User-agent: *\nDisallow: /private/\nDisallow: /search\n\n"
      "User-agent: otherbot\nDisallow: /\n";
  courier.feed = true;
  courier.articles = {
      Article("/2026/11/27/dam-inspection.html", "Dam inspection finds no structural damage",
              "Lena Vogt", "2026-11-27T10:00:00+01:00",
              "Engineers who inspected the Upper Valley dam after last week's tremor found no "
              "cracks or movement in the wall, the water authority said on Friday morning.",
              "the dam inspection", FixtureListing::kFront),
      Article("/2026/11/27/hospital-wing.html", "New hospital wing opens its first wards",
              "Piotr Nowak", "2026-11-27T08:40:00+01:00",
              "The first two wards of the new west wing at Valley General admitted patients on "
              "Thursday, a year after builders handed over the shell of the building.",
              "the hospital wing", FixtureListing::kFront),
      Article("/2026/11/26/vineyard-frost.html", "Late frost halves the valley's grape harvest",
              "Lena Vogt", "2026-11-26T13:15:00+01:00",
              "Growers along the south slopes picked barely half of an ordinary year's grapes "
              "after a late frost in April killed the young shoots on most of the vines.",
              "the grape harvest", FixtureListing::kSection),
      Article("/2026/11/27/rail-strike.html", "Rail workers call off weekend strike", "Piotr Nowak",
              "2026-11-27T16:30:00+01:00",
              "The rail workers' union called off the strike planned for Saturday and Sunday "
              "after the operator offered a new pay deal late on Thursday evening.",
              "the rail strike", FixtureListing::kFeedOnly),
      Article("/2026/11/27/bridge-lights.html", "Bridge lights switched to LED", "Sara Lindahl",
              "2026-11-27T17:50:00+01:00",
              "The four hundred lamps on the Valley Bridge now burn LEDs, which the city expects "
              "to cut the bridge's electricity bill by two thirds from next year onwards.",
              "the bridge lights", FixtureListing::kFeedOnly),
      Article("/2026/11/27/flood-warning.html", "Flood warning lifted for lower valley",
              "Sara Lindahl", "2026-11-27T12:20:00+01:00",
              "The flood warning for the lower valley was lifted at noon on Friday as the river "
              "fell back below its banks for the first time since Monday's heavy rain.",
              "the flood warning", FixtureListing::kFlaky),
  };

  FixtureHostSpec& tribune = hosts[2];
  tribune.name = "tribune";
  tribune.site_title = "The Northern Tribune";
  tribune.address = "127.0.0.4";
  // RFC 9309 §2.2.1: newsvault has a group of its own, so the "*" group (which
  // would forbid everything) does not apply to it.
  tribune.robots =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: newsvault\nAllow: /\nDisallow: /private/\n";
  tribune.sitemap = true;
  tribune.articles = {
      Article("/2026/11/27/mine-closure.html", "Last coal mine in the north to close in March",
              "Johan Eklund", "2026-11-27T09:05:00+01:00",
              "The last working coal mine in the northern district will close at the end of "
              "March, its owners told the two hundred and forty remaining miners on Friday.",
              "the mine closure", FixtureListing::kFront),
      Article("/2026/11/26/ski-season.html", "Ski resorts open early after heavy snowfall",
              "Maja Holm", "2026-11-26T17:25:00+01:00",
              "Three ski resorts in the northern hills opened their lifts a fortnight early this "
              "weekend after the heaviest November snowfall recorded in twenty years.",
              "the ski season", FixtureListing::kFront),
      Article("/2026/11/25/reindeer-count.html", "Reindeer herders report record calf numbers",
              "Johan Eklund", "2026-11-25T10:35:00+01:00",
              "Herders in the northern grazing districts counted more calves this autumn than in "
              "any year since records began, helped by a mild spring and good summer pasture.",
              "the reindeer count", FixtureListing::kSection),
      Article("/2026/11/27/airport-runway.html", "Airport runway extension approved", "Maja Holm",
              "2026-11-27T14:00:00+01:00",
              "The regional airport may lengthen its runway by four hundred metres so that larger "
              "jets can land in winter, the aviation authority decided on Friday afternoon.",
              "the runway extension", FixtureListing::kSitemapOnly),
      Article("/2026/11/27/northern-lights.html", "Northern lights festival draws record crowds",
              "Erik Dahl", "2026-11-27T21:10:00+01:00",
              "More than twelve thousand visitors came to the northern lights festival this week, "
              "filling every hotel room within fifty kilometres of the old town square.",
              "the northern lights festival", FixtureListing::kSitemapOnly),
  };
  return hosts;
}

std::string FixtureDefaultBodyText(const FixtureArticleSpec& article) {
  const std::string& t = article.topic;
  return article.lead + "\n\n" + "Officials said the decision on " + t +
         " followed months of consultation with residents, business owners and local groups, "
         "several of whom had asked for a slower timetable and more detailed cost estimates.\n\n"
         "\"We have listened carefully, and the plan in front of us today is better for it,\" "
         "said the chair of the committee responsible for " +
         t +
         ". \"Nobody gets everything they wanted, but the region moves forward.\"\n\n"
         "Critics were not convinced. A residents' group said in a statement that the figures "
         "published so far on " +
         t +
         " leave too many questions open, and promised to follow every step of the process.\n\n"
         "The next public meeting on " +
         t +
         " is scheduled for early December. Documents, maps and the full list of questions "
         "raised by residents are available at the town hall and on the council website.";
}

std::string FixtureArticleHtml(const FixtureHostSpec& host, const FixtureArticleSpec& article,
                               std::string_view body_text, const std::string& base_url) {
  const std::string url = base_url + article.path;
  std::string head = "<link rel=\"canonical\" href=\"" + HtmlEscape(url) + "\">\n";
  head += "<meta property=\"og:type\" content=\"article\">\n";
  head += "<meta property=\"og:title\" content=\"" + HtmlEscape(article.title) + "\">\n";
  head += "<meta property=\"article:published_time\" content=\"" + article.published + "\">\n";
  head +=
      "<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\", "
      "\"@type\": \"NewsArticle\", \"headline\": \"" +
      JsonEscape(article.title) + "\", \"datePublished\": \"" + article.published +
      "\", \"author\": [{\"@type\": \"Person\", \"name\": \"" + JsonEscape(article.author) +
      "\"}], \"mainEntityOfPage\": \"" + JsonEscape(url) +
      "\", \"publisher\": {\"@type\": "
      "\"NewsMediaOrganization\", \"name\": \"" +
      JsonEscape(host.site_title) + "\"}}\n</script>\n";
  std::string html = PageHead(host, article.title, head);
  html += "<main id=\"main\">\n<article class=\"story\">\n<h1 class=\"headline\">" +
          HtmlEscape(article.title) +
          "</h1>\n<p class=\"byline\">By <a rel=\"author\" "
          "href=\"/authors/\">" +
          HtmlEscape(article.author) + "</a></p>\n<time datetime=\"" + article.published + "\">" +
          article.published.substr(0, 10) + "</time>\n<div class=\"story-body\">\n";
  std::string_view rest = body_text;
  while (!rest.empty()) {
    const size_t end = rest.find("\n\n");
    html += "<p>" + HtmlEscape(rest.substr(0, end)) + "</p>\n";
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 2);
  }
  html += "</div>\n</article>\n<aside class=\"related\"><h2>More news</h2><ul>\n";
  // Related links carry tracking parameters, as real sites' recommendation widgets do.
  for (const FixtureArticleSpec* other :
       Listed(host, FixtureListing::kFront, FixtureListing::kFront)) {
    if (other->path != article.path) html += Teaser(*other, "?utm_source=related&utm_medium=web");
  }
  html += "</ul></aside>\n</main>\n" + PageFoot(host);
  return html;
}

std::string FixtureFrontPageHtml(const FixtureHostSpec& host, const std::string& base_url) {
  std::string html =
      PageHead(host, "Front page", "<link rel=\"canonical\" href=\"" + base_url + "/\">\n");
  html += "<main id=\"main\">\n<h1>Today's news</h1>\n<ul class=\"front\">\n";
  for (const FixtureArticleSpec* a : Listed(host, FixtureListing::kFront, FixtureListing::kFlaky)) {
    html += Teaser(*a, "");
    html += Teaser(*a, "#comments");  // same article, only a fragment apart
    html += Teaser(*a, "?fbclid=IwAR0fixture42");
  }
  html += "</ul>\n<p><a href=\"" + std::string(kFixtureSectionPath) + "\">All news</a></p>\n";
  for (const std::string_view path : kFixturePrivatePaths) {
    html += "<p><a href=\"" + std::string(path) + "\">Subscribers only</a></p>\n";
  }
  if (host.calendar) html += "<p><a href=\"/calendar?day=1\">What's on</a></p>\n";
  if (host.redirects) {
    html += "<p><a href=\"/r/1\">Budget: the final word</a></p>\n";
    html += "<p><a href=\"/loop/a\">Old link</a></p>\n";
  }
  html += "</main>\n" + PageFoot(host);
  return html;
}

std::string FixtureSectionPageHtml(const FixtureHostSpec& host, const std::string& base_url) {
  std::string html =
      PageHead(host, "News", "<link rel=\"canonical\" href=\"" + base_url + "/news/\">\n");
  html += "<main id=\"main\">\n<h1>News</h1>\n<ul class=\"section\">\n";
  for (const FixtureArticleSpec* a :
       Listed(host, FixtureListing::kSection, FixtureListing::kSection)) {
    html += Teaser(*a, "");
  }
  for (const FixtureArticleSpec* a : Listed(host, FixtureListing::kFront, FixtureListing::kFront)) {
    html += Teaser(*a, "?utm_source=newsletter&utm_medium=email&utm_campaign=daily");
  }
  html += "</ul>\n</main>\n" + PageFoot(host);
  return html;
}

std::string FixtureCalendarHtml(const FixtureHostSpec& host, int day) {
  std::string html = PageHead(host, "What's on, day " + std::to_string(day), "");
  html += "<main id=\"main\">\n<h1>Events on day " + std::to_string(day) +
          "</h1>\n<ul><li>Farmers' market, 9:00</li><li>Organ recital, 19:30</li></ul>\n";
  if (day > 1) html += "<a href=\"/calendar?day=" + std::to_string(day - 1) + "\">Previous</a>\n";
  html += "<a href=\"/calendar?day=" + std::to_string(day + 1) + "\">Next day</a>\n</main>\n";
  return html + PageFoot(host);
}

std::string FixturePrivatePageHtml(const FixtureHostSpec& host) {
  return PageHead(host, "Members", "") + "<main><h1>Members only</h1></main>\n" + PageFoot(host);
}

std::string FixtureRobotsTxt(const FixtureHostSpec& host, const std::string& base_url) {
  std::string robots = "# robots.txt for " + host.site_title + "\n" + host.robots;
  if (host.sitemap)
    robots += "\nSitemap: " + base_url + std::string(kFixtureSitemapIndexPath) + "\n";
  return robots;
}

std::string FixtureRssFeed(const FixtureHostSpec& host, const std::string& base_url) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n<title>" +
      HtmlEscape(host.site_title) + "</title>\n<link>" + base_url +
      "/</link>\n<description>Latest news</description>\n";
  for (const FixtureArticleSpec* a :
       Listed(host, FixtureListing::kFeedOnly, FixtureListing::kFront)) {
    xml += "<item><title>" + HtmlEscape(a->title) + "</title><link>" + base_url + a->path +
           "</link><guid>" + base_url + a->path + "</guid><author>" + HtmlEscape(a->author) +
           "</author></item>\n";
  }
  return xml + "</channel>\n</rss>\n";
}

std::string FixtureSitemapIndex(const std::string& base_url) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
         "<sitemap><loc>" +
         base_url + std::string(kFixtureChildSitemapPath) +
         "</loc><lastmod>2026-11-27</lastmod></sitemap>\n</sitemapindex>\n";
}

std::string FixtureChildSitemap(const FixtureHostSpec& host, const std::string& base_url) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const FixtureArticleSpec* a :
       Listed(host, FixtureListing::kSitemapOnly, FixtureListing::kFront)) {
    xml +=
        "<url><loc>" + base_url + a->path + "</loc><lastmod>" + a->published + "</lastmod></url>\n";
  }
  return xml + "</urlset>\n";
}

}  // namespace newsvault::testing
