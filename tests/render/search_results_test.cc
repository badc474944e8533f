// The search JSON (the object of `search --format json` and of /api/search), written by JsonOut, is
// byte for byte what nlohmann::json wrote of the same fields before: keys in map order, escapes,
// nulls, doubles, facets, and U+FFFD for malformed UTF-8.
#include "render/search_results.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace guihua {
namespace {

using nlohmann::json;

// The writer as it was, with nlohmann::json: the reference.
std::string Reference(const SearchResult& result, const SnippetStyle& style) {
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  auto int_or_null = [](int n) { return n == 0 ? json(nullptr) : json(n); };
  json hits = json::array();
  for (const SearchHit& h : result.hits) {
    hits.push_back({{"rank", h.rank}, {"score", h.score}, {"document", h.document},
                    {"file", h.file}, {"province", h.province}, {"city", h.city},
                    {"district", h.district}, {"plan", h.plan}, {"domain", or_null(h.domain)},
                    {"domain_id", or_null(h.domain_id)}, {"block", h.block},
                    {"document_kind", or_null(h.document_kind)},
                    {"period", {{"start", int_or_null(h.period.start)}, {"end", int_or_null(h.period.end)}}},
                    {"item", int_or_null(h.item)}, {"line", h.line}, {"end_line", h.end_line},
                    {"text", h.text}, {"snippet", Snippet(h, style)}});
    if (!h.sort_key.empty()) hits.back()["sort_key"] = h.sort_key;
    if (h.same_text > 0) {
      hits.back()["same_text"] = h.same_text;
      hits.back()["same_text_districts"] = h.same_text_districts;
    }
  }
  json out = {{"query", result.query}, {"total", result.total},
              {"total_exact", result.total_exact}, {"hits", std::move(hits)}};
  if (result.collapsed) {
    out["collapsed"] = true;
    out["wordings"] = result.wordings;
    out["wordings_exact"] = result.wordings_exact;
  }
  if (!result.facets.empty()) out["facets"] = result.facets;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

SearchHit Hit(std::string text, std::vector<std::pair<size_t, size_t>> marks) {
  SearchHit h;
  h.rank = 3;
  h.score = 1.0;
  h.document = "henan-anyang-beiguan-2021-2030";
  h.file = "corpus/plan \"a\".txt";
  h.province = "河南省";
  h.city = "安阳市";
  h.district = "北关区";
  h.plan = "children";
  h.domain = "儿童与健康";
  h.domain_id = "children.health";
  h.block = "goal";
  h.document_kind = "plan";
  h.period = {2021, 2030};
  h.item = 4;
  h.line = 120;
  h.end_line = 121;
  h.text = std::move(text);
  h.marks = std::move(marks);
  return h;
}

TEST(SearchJsonTest, SameBytesAsNlohmann) {
  SearchResult r;
  r.query = "\"家庭教育\" 儿童\\ <b>";
  r.total = 123456789012;
  r.total_exact = false;
  r.hits.push_back(Hit("家庭教育指导服务站点覆盖率达到90%。", {{0, 12}}));
  SearchHit bare = Hit("tab\there, newline\n, cr\r, \b\f \x01\x1f\x7f end & <x>", {{0, 3}});
  bare.domain = bare.domain_id = bare.document_kind = "";
  bare.item = 0;
  bare.period = {0, 2025};
  bare.score = 0.123456789;
  bare.sort_key = "2021-2030";
  r.hits.push_back(bare);
  SearchHit bad = Hit(std::string("bad \xE5\xAE utf-8 \xFF\xFE and \xC0\xAF") + "家庭", {});
  bad.score = 1e-7;
  bad.district = std::string("\xE5\x8C", 2);
  r.hits.push_back(bad);
  SearchHit big = Hit(std::string(300, 'x') + "儿童" + std::string(300, 'y'), {{300, 306}});
  big.score = 12345678901234567.0;
  r.hits.push_back(big);
  for (const SnippetStyle& style : {SnippetStyle{"<mark>", "</mark>", true}, SnippetStyle{"«", "»", false}}) {
    EXPECT_EQ(SearchResultToJson(r, style), Reference(r, style));
    SearchResult faceted = r;
    faceted.facets["district"] = {{"北关区", 3}, {"南开区", 10}, {"a\"b", 0}};
    faceted.facets["block"] = {{"goal", 2}};
    faceted.facets["domain"] = {};
    EXPECT_EQ(SearchResultToJson(faceted, style), Reference(faceted, style));
    SearchResult empty;
    EXPECT_EQ(SearchResultToJson(empty, style), Reference(empty, style));
    SearchResult collapsed = r;
    collapsed.collapsed = true;
    collapsed.wordings = 3;
    collapsed.wordings_exact = false;
    collapsed.hits[0].same_text = 3;
    collapsed.hits[0].same_text_districts = {"北关区", "南开区", "a\"b"};
    collapsed.hits[1].same_text = 1;
    collapsed.hits[1].same_text_districts = {"北关区"};
    EXPECT_EQ(SearchResultToJson(collapsed, style), Reference(collapsed, style));
  }
}

// Queries as typed: escapes before a malformed byte, overlong forms, surrogates, cut sequences.
TEST(SearchJsonTest, QueryStringsEscapeAsNlohmann) {
  const std::string kQueries[] = {
      "", "儿童", "a\"b\\c\x7f", "q\"\xFF", "\xE5\xAE", "tail \xE5", "\xC0\xAF", "\xED\xA0\x80",
      "\xF4\x90\x80\x80", "\xF0\x9F\x98\x80 emoji", "\x80 stray", "ok\x01\x1f\t\"\xE5\xAE\xB6"};
  for (const std::string& q : kQueries) {
    SearchResult r;
    r.query = q;
    EXPECT_EQ(SearchResultToJson(r, {}), Reference(r, {})) << q;
  }
}

}  // namespace
}  // namespace guihua
