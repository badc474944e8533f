// `cmake --install` gives a relocatable tree: P/bin/guihua finds P/share/guihua/rules wherever P is
// moved, without --rules or GUIHUA_RULES.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/test_support.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFile;
using ::guihua::testing::GuihuaBinary;
using ::guihua::testing::ReadBytes;
using ::guihua::testing::RunShell;
using ::guihua::testing::ShellQuote;
using ::guihua::testing::SourceDir;
using ::guihua::testing::TempDir;
namespace fs = std::filesystem;

TEST(InstallTest, AnInstalledTreeMovedElsewhereFindsItsRules) {
  std::string build_dir = fs::path(GuihuaBinary()).parent_path().string();
  std::string dir = TempDir();
  std::string log = dir + "/log";
  ASSERT_EQ(RunShell("cmake --install " + ShellQuote(build_dir) + " --prefix " +
                  ShellQuote(dir + "/prefix") + " >" + log + " 2>&1"),
            0)
      << ReadBytes(log);
  ASSERT_TRUE(fs::is_regular_file(dir + "/prefix/bin/guihua"));
  ASSERT_TRUE(fs::is_directory(dir + "/prefix/share/guihua/rules/extract"));
  ASSERT_TRUE(fs::is_regular_file(dir + "/prefix/lib/guihua/guihua-formats.so"));  // PDF, DOCX, HTML
  ASSERT_TRUE(fs::is_regular_file(dir + "/prefix/lib/guihua/guihua-serve"));        // `guihua serve`
  fs::rename(dir + "/prefix", dir + "/moved");

  std::string guihua = ShellQuote(dir + "/moved/bin/guihua");
  std::string env = "env -u GUIHUA_RULES ";
  ASSERT_EQ(RunShell(env + guihua + " --help >" + log + " 2>&1"), 0) << ReadBytes(log);
  EXPECT_NE(ReadBytes(log).find(dir + "/moved/share/guihua/rules"), std::string::npos)
      << ReadBytes(log);
  ASSERT_EQ(RunShell(env + guihua + " extract " +
                  ShellQuote(CorpusFile("tianjin-nankai-2021-2025.txt")) + " >" + log + " 2>&1"),
            0)
      << ReadBytes(log);
  EXPECT_NE(ReadBytes(log).find("\"indicator_id\":\"maternal_mortality\""), std::string::npos);
  std::string docx = SourceDir() + "/tests/fixtures/formats/tianjin-nankai-2021-2025.docx";
  ASSERT_EQ(RunShell(env + guihua + " extract " + ShellQuote(docx) + " >" + log + " 2>&1"), 0)
      << ReadBytes(log);
  EXPECT_NE(ReadBytes(log).find("\"indicator_id\":\"maternal_mortality\""), std::string::npos);
}

}  // namespace
}  // namespace guihua
