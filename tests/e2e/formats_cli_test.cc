// `guihua parse/extract` end to end on PDF, DOCX and HTML plans: the published formats read like
// the .txt, folders yield them, and damaged or hostile files give exit 1 and one line naming the file.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "common/test_support.h"

namespace guihua {
namespace {

using ::guihua::testing::RunGuihua;
using ::guihua::testing::ShellQuote;

std::string Fixture(const std::string& name) {
  return testing::SourceDir() + "/tests/fixtures/formats/" + name;
}

// Every line of `out` with its "line" field removed, so the formats compare.
// Each JSON line without the fields that depend on the file's layout: file, line and page.
std::string WithoutLines(const std::string& out) {
  std::string result;
  size_t pos = 0;
  for (size_t nl; (nl = out.find('\n', pos)) != std::string::npos; pos = nl + 1) {
    auto j = nlohmann::ordered_json::parse(out.substr(pos, nl - pos), nullptr, false);
    if (j.is_discarded()) return "unparsable line: " + out.substr(pos, nl - pos);
    for (const char* key : {"file", "line", "page"}) j.erase(key);
    result += j.dump() + "\n";
  }
  return result;
}

TEST(FormatsCliTest, ExtractGivesTheSameTargetsForEveryFormat) {
  const std::string plan = "tianjin-nankai-2021-2025";
  auto txt = RunGuihua("extract --format jsonl " + ShellQuote(testing::CorpusFile(plan + ".txt")));
  ASSERT_EQ(txt.exit_code, 0) << txt.err;
  for (const char* ext : {".pdf", ".docx", ".html"}) {
    auto r = RunGuihua("extract --format jsonl " + ShellQuote(Fixture(plan + ext)));
    ASSERT_EQ(r.exit_code, 0) << ext << ": " << r.err;
    EXPECT_EQ(WithoutLines(r.out), WithoutLines(txt.out)) << ext;
  }
}

TEST(FormatsCliTest, FoldersYieldPdfDocxAndHtmlFiles) {
  const std::string base = testing::TempDir();  // a fresh one on every call
  std::string dir = base + "/plans";
  std::filesystem::create_directories(dir);
  for (const char* name : {"a.pdf", "b.docx", "c.HTML", "d.htm"}) {
    std::string from = std::string("henan-anyang-beiguan-2021-2030") +
                       (name[0] == 'a' ? ".pdf" : name[0] == 'b' ? ".docx" : ".html");
    testing::WriteBytes(dir + "/" + name, testing::ReadBytes(Fixture(from)));
  }
  testing::WriteBytes(dir + "/notes.md", "not a plan");
  std::string db = base + "/db";
  auto r = RunGuihua("ingest --db " + ShellQuote(db) + " " + ShellQuote(dir));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE((r.out + r.err).find("ingest: 4 files indexed"), std::string::npos) << r.out << r.err;
  for (const char* name : {"/a.pdf:", "/b.docx:", "/c.HTML:", "/d.htm:"}) {
    EXPECT_NE(r.err.find(name), std::string::npos) << name;  // its warnings name it
  }
}

// A zip whose one entry, word/document.xml, says it inflates to 300 MB (a zip bomb's header).
std::string ZipBombHeader() {
  auto u16 = [](int v) { return std::string{static_cast<char>(v & 255), static_cast<char>(v >> 8)}; };
  auto u32 = [&](uint32_t v) { return u16(v & 0xFFFF) + u16(v >> 16); };
  const std::string name = "word/document.xml";
  const std::string data = std::string("\x03\x00", 2);  // an empty deflate stream
  const uint32_t huge = 300u << 20;
  std::string local = "PK\x03\x04" + u16(20) + u16(0) + u16(8) + u16(0) + u16(0) + u32(0) +
                      u32(data.size()) + u32(huge) + u16(name.size()) + u16(0) + name + data;
  std::string central = "PK\x01\x02" + u16(20) + u16(20) + u16(0) + u16(8) + u16(0) + u16(0) +
                        u32(0) + u32(data.size()) + u32(huge) + u16(name.size()) + u16(0) +
                        u16(0) + u16(0) + u16(0) + u32(0) + u32(0) + name;
  std::string end = "PK\x05\x06" + u16(0) + u16(0) + u16(1) + u16(1) + u32(central.size()) +
                    u32(local.size()) + u16(0);
  return local + central + end;
}

TEST(FormatsCliTest, DamagedAndHostileFilesGiveOneLineAndExitOne) {
  std::string dir = testing::TempDir();
  std::string pdf = testing::ReadBytes(Fixture("tianjin-nankai-2021-2025.pdf"));
  std::string docx = testing::ReadBytes(Fixture("tianjin-nankai-2021-2025.docx"));
  testing::WriteBytes(dir + "/truncated.pdf", pdf.substr(0, pdf.size() / 2));
  testing::WriteBytes(dir + "/truncated.docx", docx.substr(0, docx.size() / 2));
  testing::WriteBytes(dir + "/bomb.docx", ZipBombHeader());
  std::string nested = "<!DOCTYPE html><html><body>";
  for (int i = 0; i < 100000; ++i) nested += "<div><b>";
  testing::WriteBytes(dir + "/nested.html", nested + "文字</p></td>");
  struct Case {
    std::string file, message;
  } cases[] = {
      {Fixture("no-text-layer.pdf"), "no text layer (scanned PDF?)"},
      {Fixture("encrypted.pdf"), "encrypted PDF (a password is required)"},
      {dir + "/truncated.pdf", "truncated PDF (no %%EOF end marker)"},
      {dir + "/truncated.docx", "damaged DOCX ("},
      {dir + "/bomb.docx", "DOCX inflates past 200 MB (zip bomb?)"},
      // libxml2 stops descending at its depth limit, so the text at the bottom is not reached.
      {dir + "/nested.html", "no text in HTML page"},
  };
  for (const Case& c : cases) {
    auto r = RunGuihua("parse " + ShellQuote(c.file));
    EXPECT_EQ(r.exit_code, 1) << c.file << ": " << r.err;
    EXPECT_TRUE(r.err.starts_with(c.file + ": " + c.message)) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  }
}

}  // namespace
}  // namespace guihua
