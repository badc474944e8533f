// Every table command's csv and jsonl end to end on the corpus index: the CSV has its BOM and a
// header of schema columns (render/tidy.h), every row as many cells as the header, numeric
// columns numbers or empty; each JSON line has the header's keys in order, numbers as JSON numbers
// and strings as strings (or null). tests/python/test_exports.py loads the same with pandas.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/corpus_index.h"
#include "common/test_support.h"
#include "render/tidy.h"

namespace guihua {
namespace {

using ::guihua::testing::RunGuihua;
using ::guihua::testing::ShellQuote;

// Splits CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks) into rows.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(cell));
      cell.clear();
      rows.emplace_back();
      ++i;
    } else {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

const TidyColumnInfo* Column(const std::string& name) {
  for (const TidyColumnInfo& info : TidySchema()) {
    if (name == info.name) return &info;
  }
  return nullptr;
}

bool IsNumber(const std::string& text, TidyType type) {
  if (text.empty()) return true;
  char* end = nullptr;
  if (type == TidyType::kInteger) {
    std::strtoll(text.c_str(), &end, 10);
  } else {
    std::strtod(text.c_str(), &end);
  }
  return *end == '\0';
}

struct Case {
  const char* name;
  std::string args;  // after the command, before --format
  size_t min_rows;
  std::vector<std::string> required;  // columns the export must have
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

// Arguments name the corpus index as DB and a corpus plan as PLAN, filled in when a test runs (the
// index is made on first use).
std::string Args(const Case& c, const std::string& format) {
  std::string args = c.args;
  auto fill = [&](const std::string& key, const std::string& value) {
    if (size_t at = args.find(key); at != std::string::npos) args.replace(at, key.size(), value);
  };
  fill("DB", "--db " + ShellQuote(testing::CorpusIndexDir()));
  fill("PLAN", ShellQuote(testing::CorpusFile("henan-anyang-beiguan-2021-2030.txt")));
  return args + " --format " + format;
}

std::vector<Case> Cases() {
  const std::string db = " DB", plan = "PLAN";
  const std::vector<std::string> value = {"document", "province", "city", "district",
                                          "period_start", "period_end", "plan", "domain_id",
                                          "indicator_id", "kind", "comparator", "value",
                                          "value_max", "unit", "quote", "file", "line", "page"};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> out = value;
    out.insert(out.end(), more.begin(), more.end());
    return out;
  };
  return {
      {"extract", "extract " + plan, 50, with({"year", "document_kind"})},
      {"search", "search 家庭教育 --all" + db, 50,
       {"rank", "score", "district", "period_start", "period_end", "text", "line"}},
      {"compare_targets", "compare targets --against 北关区" + db, 100,
       with({"reference", "verdict"})},
      {"compare_measures", "compare measures --domain children.family" + db, 10,
       {"group", "status", "similarity", "district", "text", "line"}},
      {"diff", "diff 北关区 资阳区" + db, 10, with({"verdict", "change", "side", "text"})},
      {"documents", "documents" + db, 5,
       {"document", "document_kind", "province", "city", "district", "period_start", "items"}},
      {"indicators", "indicators" + db, 100, {"indicator_id", "indicator", "plan", "targets"}},
  };
}

class ExportsCliTest : public ::testing::TestWithParam<Case> {};

TEST_P(ExportsCliTest, CsvIsTyped) {
  const Case& c = GetParam();
  auto r = RunGuihua(Args(c, "csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.out.rfind("\xEF\xBB\xBF", 0), 0u) << "no BOM";
  auto rows = ParseCsv(r.out.substr(3));
  ASSERT_GT(rows.size(), c.min_rows);
  const auto& header = rows[0];
  for (const std::string& name : c.required) {
    EXPECT_NE(std::find(header.begin(), header.end(), name), header.end()) << name;
  }
  for (const std::string& name : header) EXPECT_NE(Column(name), nullptr) << name;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), header.size()) << "row " << i;
    for (size_t k = 0; k < header.size(); ++k) {
      const TidyColumnInfo* info = Column(header[k]);
      if (info && info->type != TidyType::kString) {
        EXPECT_TRUE(IsNumber(rows[i][k], info->type)) << header[k] << " = " << rows[i][k];
      }
    }
  }
}

TEST_P(ExportsCliTest, JsonLinesAreTyped) {
  const Case& c = GetParam();
  auto csv = RunGuihua(Args(c, "csv"));
  auto r = RunGuihua(Args(c, "jsonl"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto header = ParseCsv(csv.out.substr(3))[0];
  std::istringstream in(r.out);
  size_t n = 0;
  for (std::string line; std::getline(in, line); ++n) {
    auto j = nlohmann::ordered_json::parse(line, nullptr, false);
    ASSERT_TRUE(j.is_object()) << line;
    std::vector<std::string> keys;
    for (const auto& [key, v] : j.items()) {
      keys.push_back(key);
      const TidyColumnInfo* info = Column(key);
      ASSERT_NE(info, nullptr) << key;
      if (v.is_null()) continue;
      if (info->type == TidyType::kString) EXPECT_TRUE(v.is_string()) << key << ": " << v;
      if (info->type == TidyType::kNumber) EXPECT_TRUE(v.is_number()) << key << ": " << v;
      if (info->type == TidyType::kInteger) EXPECT_TRUE(v.is_number_integer()) << key << ": " << v;
    }
    ASSERT_EQ(keys, header) << line;
  }
  EXPECT_EQ(n + 1, ParseCsv(csv.out.substr(3)).size()) << "as many rows as the CSV";
}

INSTANTIATE_TEST_SUITE_P(Commands, ExportsCliTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return std::string(info.param.name); });

// --all has no 1,000 cap: every item of the corpus, streamed.
TEST(ExportsCliTest, SearchAllHasEveryHit) {
  const std::string db = " --db " + ShellQuote(testing::CorpusIndexDir());
  auto stats = RunGuihua("stats --format json" + db);
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const int items = nlohmann::json::parse(stats.out)["items"];
  ASSERT_GT(items, 1000);
  auto r = RunGuihua("search --all --no-collapse --format jsonl" + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), items);
  // Collapsed, every text once, and its same_text counts the items that print it.
  r = RunGuihua("search --all --format jsonl" + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  int rows = 0, counted = 0;
  for (std::string line; std::getline(in, line); ++rows) {
    counted += nlohmann::json::parse(line)["same_text"].get<int>();
  }
  EXPECT_LT(rows, items);
  EXPECT_EQ(counted, items);
}

// A text several plans print alike is one hit: the table says where ("同文 N 个区县: …"), csv and
// jsonl fill same_text and same_text_districts; --no-collapse lists each item.
TEST(ExportsCliTest, SameTextsAreOneHit) {
  const std::string db = " --db " + ShellQuote(testing::CorpusIndexDir());
  auto r = RunGuihua("search 儿童常见疾病" + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("6 条匹配 儿童常见疾病，共 2 种文字"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n   同文 5 个区县: 秀峰区 北关区 资阳区 昆都仑区 南开区\n"), std::string::npos)
      << r.out;
  r = RunGuihua("search 儿童常见疾病 --lang en" + db);
  EXPECT_NE(r.out.find("6 items match 儿童常见疾病 in 2 different texts"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n   same text in 5 districts: 秀峰区 北关区 资阳区 昆都仑区 南开区\n"),
            std::string::npos)
      << r.out;
  r = RunGuihua("search 儿童常见疾病 --no-collapse" + db);
  EXPECT_NE(r.out.find("6 条匹配 儿童常见疾病\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n6. "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("同文"), std::string::npos) << r.out;
  r = RunGuihua("search 儿童常见疾病 --format csv" + db);
  auto rows = ParseCsv(r.out.substr(3));
  ASSERT_EQ(rows.size(), 3u) << r.out;
  const auto& header = rows[0];
  auto col = [&](const std::string& name) {
    return std::find(header.begin(), header.end(), name) - header.begin();
  };
  EXPECT_EQ(rows[1][col("same_text")], "5");
  EXPECT_EQ(rows[1][col("same_text_districts")], "秀峰区 北关区 资阳区 昆都仑区 南开区");
  EXPECT_EQ(rows[2][col("same_text")], "1");
  EXPECT_EQ(rows[2][col("same_text_districts")], "南开区");
  r = RunGuihua("search 儿童常见疾病 --format jsonl --no-collapse" + db);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 6) << r.out;
  EXPECT_NE(r.out.find("\"same_text\":null"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace guihua

namespace guihua {
namespace {

// stats counts values by kind (a goal without a number is no target value) and documents by kind.
TEST(StatsCliTest, CountsByKind) {
  const std::string db = " --db " + ShellQuote(testing::CorpusIndexDir());
  auto r = RunGuihua("stats --format json" + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  int sum = 0;
  for (const auto& [kind, n] : j["value_kinds"].items()) sum += n.get<int>();
  EXPECT_EQ(sum, j["targets"].get<int>()) << "every stored value has one kind";
  EXPECT_GT(j["value_kinds"]["target"].get<int>(), 300);
  EXPECT_GT(j["value_kinds"]["direction"].get<int>(), 50);
  EXPECT_GT(j["value_kinds"]["baseline"].get<int>(), 10);
  EXPECT_EQ(j["document_kinds"]["plan"], 5);
  r = RunGuihua("stats" + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("数值（按类型）:  目标值 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("文件（按类型）:  发展规划 5"), std::string::npos) << r.out;
  r = RunGuihua("stats --lang en" + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("values by kind:  target "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("documents by kind:  plan 5"), std::string::npos) << r.out;
}

struct LangCase {
  const char* format;
  std::vector<const char*> zh, en;  // in the default's output only, in --lang en's only
};

// `args` in each format by default, with --lang zh and with --lang en: the words of `cases` where
// they are given, the same bytes where not (csv, jsonl, json).
void ExpectWordsFollowLang(const std::string& args, const std::vector<LangCase>& cases) {
  for (const LangCase& c : cases) {
    SCOPED_TRACE(c.format);
    auto zh = RunGuihua(args + " --format " + c.format);
    auto en = RunGuihua(args + " --format " + c.format + " --lang en");
    auto zh_named = RunGuihua(args + " --format " + c.format + " --lang zh");
    ASSERT_EQ(zh.exit_code, 0) << zh.err;
    ASSERT_EQ(en.exit_code, 0) << en.err;
    EXPECT_EQ(zh.out, zh_named.out) << "中文 is the default";
    if (c.zh.empty()) {
      EXPECT_EQ(zh.out, en.out) << "ids stay as they are";
      continue;
    }
    for (const char* text : c.zh) {
      EXPECT_NE(zh.out.find(text), std::string::npos) << text << " in\n" << zh.out;
      EXPECT_EQ(en.out.find(text), std::string::npos) << text << " in\n" << en.out;
    }
    for (const char* text : c.en) {
      EXPECT_NE(en.out.find(text), std::string::npos) << text << " in\n" << en.out;
      EXPECT_EQ(zh.out.find(text), std::string::npos) << text << " in\n" << zh.out;
    }
  }
}

// --lang: the formats for people change words (中文 by default, English with --lang en); csv,
// jsonl and json keep their ids and column names whatever it says.
TEST(LangCliTest, WordsChangeIdsDoNot) {
  const std::string args = "compare targets --against 秀峰区 --indicator maternal_mortality,hiv_mtct,"
                           "high_school_enrollment --db " +
                           ShellQuote(testing::CorpusIndexDir());
  ExpectWordsFollowLang(args, {
      {"table", {"指标", "秀峰区（参照）", "[相同]", "小计"}, {"indicator", "(reference)", "[same]", "summary"}},
      {"md", {"| 指标 |", "与参照 秀峰区", "*相同*"}, {"| indicator |", "Verdicts against the reference", "*same*"}},
      {"html", {"<h1>规划目标对比</h1>", "<th>指标</th>", ">相同<"}, {"<h1>Target comparison</h1>", ">same<"}},
      {"csv", {}, {}},
      {"jsonl", {}, {}},
      {"json", {}, {}},
  });
  // The csv header and verdicts are ids in both.
  auto csv = RunGuihua(args + " --format csv");
  EXPECT_NE(csv.out.find(",reference,verdict,state,"), std::string::npos) << csv.out.substr(0, 400);
  EXPECT_NE(csv.out.find(",same,"), std::string::npos);
  EXPECT_EQ(csv.out.find("相同"), std::string::npos);
  // Other commands take it too; a language that is not one is refused in one line.
  for (const char* command : {"search 孕产妇死亡率", "stats", "documents", "indicators --plan women"}) {
    auto r = RunGuihua(std::string(command) + " --lang en --db " + ShellQuote(testing::CorpusIndexDir()));
    EXPECT_EQ(r.exit_code, 0) << command << ": " << r.err;
  }
  auto bad = RunGuihua("stats --lang fr --db " + ShellQuote(testing::CorpusIndexDir()));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err.substr(0, bad.err.find('\n')), "--lang: fr not in {zh,en}");
}

// progress the same way (on the corpus, which holds no reports: every status is 无数据, no data).
TEST(LangCliTest, ProgressWordsChangeIdsDoNot) {
  const std::string args =
      "progress --district 北关区 --plan women --db " + ShellQuote(testing::CorpusIndexDir());
  ExpectWordsFollowLang(
      args, {
                {"table",
                 {"北关区 妇女 2021–2030", "达标率 —（目标 ", "| 状态 ", "无数据"},
                 {"北关区 women 2021–2030", "achievement rate — (targets ", "| status ", "no data"}},
                {"md", {"| 指标 |", "| 状态 |", "| 无数据 |"}, {"| indicator |", "| status |", "| no data |"}},
                {"html",
                 {"<h1>规划目标进展</h1>", "<th>状态</th>", ">无数据<"},
                 {"<h1>Progress against the plans' targets</h1>", "<th>status</th>", ">no data<"}},
                {"csv", {}, {}},
                {"jsonl", {}, {}},
                {"json", {}, {}},
            });
  auto bad = RunGuihua(args + " --lang fr");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err.substr(0, bad.err.find('\n')), "--lang: fr not in {zh,en}");
}

}  // namespace
}  // namespace guihua
