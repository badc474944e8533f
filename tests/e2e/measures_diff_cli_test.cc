// `guihua compare measures` and `guihua diff` end to end on the corpus index, which they only read:
// the one the corpus_index fixture made (common/corpus_index.h), not an ingest of their own each.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "common/corpus_index.h"
#include "common/test_support.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFile;
using ::guihua::testing::ReadBytes;
using ::guihua::testing::RunGuihua;
using ::guihua::testing::ShellQuote;
using ::guihua::testing::TempDir;
using ::guihua::testing::WriteBytes;

TEST(MeasuresCliTest, SharedAndUniqueMeasuresOfOneDomain) {
  std::string db = testing::CorpusIndexDir();
  auto r = RunGuihua("compare measures --domain women.health --format json --db " + ShellQuote(db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = nlohmann::json::parse(r.out);
  EXPECT_EQ(out["columns"].size(), 5u);
  int shared_by_all = 0;
  std::vector<std::string> unique;
  for (const auto& g : out["groups"]) {
    if (g["status"] == "shared" && g["count"] == 5) ++shared_by_all;
    if (g["status"] == "unique") unique.push_back(g["members"][0]["district"]);
  }
  EXPECT_GE(shared_by_all, 1);
  EXPECT_EQ(out["groups"][0]["title"], "完善保障妇女健康的制度机制");
  std::sort(unique.begin(), unique.end());
  EXPECT_EQ(unique, (std::vector<std::string>{"南开区", "昆都仑区"}));
  r = RunGuihua("compare measures --domain women.health --db " + ShellQuote(db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("仅见于 南开区"), std::string::npos) << r.out;
  r = RunGuihua("compare measures --domain no.such --db " + ShellQuote(db));
  EXPECT_EQ(r.exit_code, 1);
}

TEST(DiffCliTest, ADocumentAgainstItselfAndAgainstAnEditedCopy) {
  std::string dir = TempDir();
  std::string db = testing::CorpusIndexDir();
  auto r = RunGuihua("diff 南开区 tianjin-nankai-2021-2025 --db " + ShellQuote(db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("没有改动"), std::string::npos) << r.out;

  std::string text = ReadBytes(CorpusFile("tianjin-nankai-2021-2025.txt"));
  size_t at = text.find("艾滋病母婴传播率下降到2%以下");
  ASSERT_NE(at, std::string::npos);
  text.replace(text.find("2%", at), 2, "1.5%");
  std::string edited = dir + "/nankai-edited.txt";
  WriteBytes(edited, text);
  r = RunGuihua("diff tianjin-nankai-2021-2025 " + ShellQuote(edited) + " --format json --db " + ShellQuote(db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = nlohmann::json::parse(r.out);
  int changed = 0, targets = 0;
  for (const auto& d : out["domains"]) {
    changed += d["counts"]["changed"].get<int>() + d["counts"]["added"].get<int>() +
               d["counts"]["removed"].get<int>();
    for (const auto& t : d["targets"]) {
      ++targets;
      EXPECT_EQ(t["verdict"], "stricter") << t.dump();
    }
  }
  EXPECT_EQ(changed, 1);
  EXPECT_EQ(targets, 1);
  r = RunGuihua("diff tianjin-nankai-2021-2025 /no/such.txt --db " + ShellQuote(db));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/no/such.txt"), std::string::npos) << r.err;
}

// Golden files of the text formats on the corpus, tests/e2e/golden/<name> (testing::ExpectGolden:
// GUIHUA_UPDATE_GOLDEN=1 rewrites them; review the diff before committing).
void ExpectCliGolden(std::string actual, const std::string& name) {
  // Paths are those of this checkout: keep them relative to the source tree.
  const std::string root = testing::SourceDir() + "/";
  for (size_t at; (at = actual.find(root)) != std::string::npos;) actual.erase(at, root.size());
  testing::ExpectGolden("tests/e2e/golden/" + name, actual);
}

// Each text format in English and in the default 中文; json has no words to translate.
const std::pair<const char*, const char*> kFormatsAndLanguages[] = {
    {"table", " --lang en"}, {"md", " --lang en"}, {"json", ""}, {"table", ""}, {"md", ""}};

// "diff-nankai.txt" (English), "diff-nankai.zh.txt" (the default).
std::string GoldenName(const std::string& stem, const std::string& format, const std::string& lang) {
  return stem + (lang.empty() && format != "json" ? ".zh." : ".") + (format == "table" ? "txt" : format);
}

TEST(MeasuresCliTest, GoldenFormats) {
  std::string db = testing::CorpusIndexDir();
  // The English goldens are today's words (--lang en); .zh. ones the default, 中文.
  for (const auto& [format, lang] : kFormatsAndLanguages) {
    auto r = RunGuihua(std::string("compare measures --domain children.family --format ") + format +
                       lang + " --db " + ShellQuote(db));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ExpectCliGolden(r.out, GoldenName("measures-children-family", format, lang));
  }
}

TEST(DiffCliTest, GoldenFormats) {
  std::string dir = TempDir();
  std::string db = testing::CorpusIndexDir();
  std::string text = ReadBytes(CorpusFile("tianjin-nankai-2021-2025.txt"));
  text.replace(text.find("2%", text.find("艾滋病母婴传播率下降到2%以下")), 2, "1.5%");
  size_t measure = text.find("全面落实预防艾滋病");
  text.replace(measure, std::string("全面").size(), "全区严格");
  std::string edited = dir + "/nankai-edited.txt";
  WriteBytes(edited, text);
  for (const auto& [format, lang] : kFormatsAndLanguages) {
    auto r = RunGuihua(std::string("diff tianjin-nankai-2021-2025 ") + ShellQuote(edited) +
                       " --format " + format + lang + " --db " + ShellQuote(db));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The edited copy lives in a temporary folder: keep only its name.
    std::string out = r.out;
    for (size_t at; (at = out.find(dir + "/")) != std::string::npos;) out.erase(at, dir.size() + 1);
    ExpectCliGolden(out, GoldenName("diff-nankai", format, lang));
  }
}

}  // namespace
}  // namespace guihua
