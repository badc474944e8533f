// Tests of the read stage: every supported encoding of the corpus decodes to the same text, line
// ends fold without shifting line numbers, and each kind of bad input fails with its one-line
// message. Encoded copies are made here with ICU, so the repository holds only the UTF-8 originals.
#include "read/read.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "common/test_support.h"

namespace guihua {
namespace {

// Converts UTF-8 to `charset` with ICU (no BOM is added).
std::string Encode(const std::string& utf8_text, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t len = ucnv_convert(charset, "utf-8", nullptr, 0, utf8_text.data(),
                             static_cast<int32_t>(utf8_text.size()), &status);
  std::string out(len, '\0');
  status = U_ZERO_ERROR;
  ucnv_convert(charset, "utf-8", out.data(), len, utf8_text.data(),
               static_cast<int32_t>(utf8_text.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << charset << ": " << u_errorName(status);
  return out;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

int LineEnds(const std::string& s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

// The decoded UTF-8 corpus file: what every other encoding of it must decode to.
std::string DecodedCorpusText(const std::string& path) {
  StatusOr<SourceText> source = ReadSource(path);
  EXPECT_TRUE(source.ok()) << path << ": " << source.status().message();
  return source.ok() ? source->text : "";
}

TEST(ReadTest, CorpusFilesAreUtf8AndKeepTheirLines) {
  for (const std::string& path : testing::CorpusFiles()) {
    std::string bytes = testing::ReadBytes(path);
    StatusOr<SourceText> source = ReadSource(path);
    ASSERT_TRUE(source.ok()) << path << ": " << source.status().message();
    EXPECT_EQ(source->encoding, "utf-8") << path;
    EXPECT_EQ(source->path, path);
    // The text is the file, with a final '\n' added when the file has none.
    std::string expected = bytes.back() == '\n' ? bytes : bytes + "\n";
    EXPECT_EQ(source->text, expected) << path;
  }
}

struct EncodingCase {
  const char* name;
  const char* charset;  // ICU converter for the copy
  const char* bom;
  const char* encoding;  // what DecodeSource must report
};

class EncodingTest : public ::testing::TestWithParam<EncodingCase> {};

TEST_P(EncodingTest, CorpusCopyDecodesToTheSameText) {
  const EncodingCase& c = GetParam();
  for (const std::string& path : testing::CorpusFiles()) {
    std::string expected = DecodedCorpusText(path);
    std::string bytes = std::string(c.bom) + Encode(testing::ReadBytes(path), c.charset);
    StatusOr<SourceText> source = DecodeSource(bytes, path);
    ASSERT_TRUE(source.ok()) << path << ": " << source.status().message();
    EXPECT_EQ(source->encoding, c.encoding) << path;
    EXPECT_TRUE(source->text == expected) << path << ": decoded text differs";
  }
}

INSTANTIATE_TEST_SUITE_P(
    Encodings, EncodingTest,
    ::testing::Values(EncodingCase{"Utf8", "utf-8", "", "utf-8"},
                      EncodingCase{"Utf8Bom", "utf-8", "\xEF\xBB\xBF", "utf-8-bom"},
                      EncodingCase{"Utf16Le", "UTF-16LE", "\xFF\xFE", "utf-16le"},
                      EncodingCase{"Utf16Be", "UTF-16BE", "\xFE\xFF", "utf-16be"},
                      EncodingCase{"Gb18030", "gb18030", "", "gb18030"}),
    [](const ::testing::TestParamInfo<EncodingCase>& info) { return info.param.name; });

TEST(ReadTest, GbFileOnDiskIsRead) {
  std::string path = testing::TempDir() + "/gb.txt";
  testing::WriteBytes(path, Encode("北关区妇女发展规划（2021—2030年）\n第一部分\n", "gb18030"));
  StatusOr<SourceText> source = ReadSource(path);
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ(source->encoding, "gb18030");
  EXPECT_EQ(source->text, "北关区妇女发展规划（2021—2030年）\n第一部分\n");
}

struct LineEndCase {
  const char* name;
  const char* line_end;
};

class LineEndTest : public ::testing::TestWithParam<LineEndCase> {};

TEST_P(LineEndTest, LineCountIsPreserved) {
  for (const std::string& path : testing::CorpusFiles()) {
    std::string expected = DecodedCorpusText(path);
    std::string bytes = Replace(testing::ReadBytes(path), "\n", GetParam().line_end);
    StatusOr<SourceText> source = DecodeSource(bytes, path);
    ASSERT_TRUE(source.ok()) << path << ": " << source.status().message();
    EXPECT_EQ(LineEnds(source->text), LineEnds(expected)) << path;
    EXPECT_TRUE(source->text == expected) << path;
  }
}

INSTANTIATE_TEST_SUITE_P(LineEnds, LineEndTest,
                         ::testing::Values(LineEndCase{"Lf", "\n"}, LineEndCase{"CrLf", "\r\n"},
                                           LineEndCase{"Cr", "\r"}),
                         [](const auto& info) { return std::string(info.param.name); });

struct DecodeCase {
  const char* name;
  std::string bytes;
  std::string text;      // expected text when ok
  std::string encoding;  // expected encoding when ok
};

TEST(ReadTest, SmallInputsDecode) {
  const DecodeCase cases[] = {
      {"Ascii", "abc", "abc\n", "utf-8"},
      {"BomStripped", "\xEF\xBB\xBF妇女\n", "妇女\n", "utf-8-bom"},
      {"MixedLineEnds", "a\r\nb\rc\nd", "a\nb\nc\nd\n", "utf-8"},
      {"CrCrLf", "a\r\r\nb", "a\n\nb\n", "utf-8"},
      {"BlankLinesKept", "\n\n妇女\n\n", "\n\n妇女\n\n", "utf-8"},
      {"Utf16LeCrLf",
       std::string("\xFF\xFE"
                   "a\0\r\0\n\0b\0",
                   10),
       "a\nb\n", "utf-16le"},
      {"Utf16BeSurrogatePair", std::string("\xFE\xFF\xD8\x40\xDC\x0B", 6), "\xF0\xA0\x80\x8B\n",
       "utf-16be"},
      {"ShortGb18030", Encode("妇女发展规划", "gb18030"), "妇女发展规划\n", "gb18030"},
      // GBK is a subset of GB18030 (the corpus itself is not: it has U+2022, which GBK lacks).
      {"Gbk", Encode("“十四五”时期，儿童优先。\n", "gbk"), "“十四五”时期，儿童优先。\n", "gb18030"},
      {"FewStrayControls", "第一章" + std::string(200, 'x') + "\x07" + "总则", "", "utf-8"},
  };
  for (const DecodeCase& c : cases) {
    StatusOr<SourceText> source = DecodeSource(c.bytes, "f.txt");
    ASSERT_TRUE(source.ok()) << c.name << ": " << source.status().message();
    EXPECT_EQ(source->encoding, c.encoding) << c.name;
    if (!c.text.empty()) {
      EXPECT_EQ(source->text, c.text) << c.name;
    }
  }
}

struct ErrorCase {
  const char* name;
  std::string bytes;
  std::string message;  // exact, or a prefix when `prefix`
  bool prefix = false;
};

std::string RandomBytes(size_t n, int low, int high, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dist(low, high);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(dist(rng));
  return s;
}

// The first corpus file with one byte damaged or cut at a chosen line.
std::string Corpus() { return testing::ReadBytes(testing::CorpusFiles().front()); }

std::string InsertAtLine(std::string bytes, int line, const std::string& what) {
  size_t pos = 0;
  for (int i = 1; i < line; ++i) pos = bytes.find('\n', pos) + 1;
  return bytes.insert(pos, what);
}

// Cuts the text inside the last multi-byte character.
std::string CutMidCharacter(std::string bytes) {
  size_t last = bytes.find_last_of("\xE4\xE5\xE6\xE7\xE8\xE9");
  return bytes.substr(0, last + 2);
}

// Removes a continuation byte of the first Chinese character at or after line `*line`, and sets
// `*line` to the line that character is on.
std::string DropByteFromLine(std::string bytes, int* line) {
  size_t pos = 0;
  for (int i = 1; i < *line; ++i) pos = bytes.find('\n', pos) + 1;
  size_t lead = bytes.find_first_of("\xE4\xE5\xE6\xE7\xE8\xE9", pos);
  *line += static_cast<int>(std::count(bytes.begin() + pos, bytes.begin() + lead, '\n'));
  return bytes.erase(lead + 1, 1);
}

const char kNotText[] = "not valid text in any supported encoding (UTF-8, UTF-16, GB18030)";

TEST(ReadTest, BadInputsFailWithTheirMessage) {
  // Signature, then the IHDR chunk of a 16x16 RGBA image.
  static const char kPng[] =
      "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff"
      "a";
  const std::string png(kPng, sizeof kPng - 1);
  const std::string corpus = Corpus();
  const std::string truncated = CutMidCharacter(corpus);
  int cut_line = 50, cut_line_crlf = 50;
  const std::string cut = DropByteFromLine(corpus, &cut_line);
  const std::string cut_crlf = DropByteFromLine(Replace(corpus, "\n", "\r\n"), &cut_line_crlf);
  // A line pasted from a file in the other encoding: GBK in UTF-8, UTF-8 in GB18030 (which
  // converts, as mojibake, when short).
  const std::string line = "孕产妇死亡率下降到12/10万以下。\n";
  const std::string gb_corpus = Encode(corpus, "gb18030");
  const ErrorCase cases[] = {
      {"Empty", "", "empty file"},
      {"OnlyBom", "\xEF\xBB\xBF", "empty file"},
      {"OnlyUtf16Bom", "\xFF\xFE", "empty file"},
      {"OnlyWhitespace", " \r\n\t\n\xE3\x80\x80\n", "empty file"},
      {"Utf16OnlyWhitespace", std::string("\xFE\xFF\0 \0\n", 6), "empty file"},
      {"OneHighByte", "\xFF", kNotText},
      {"OneLeadByte", "\xE5", kNotText},
      {"OneControlByte", "\x01", "binary data, not text (control byte 0x01 at offset 0)"},
      {"NulFilled", std::string(4096, '\0'), "binary data, not text (NUL byte at offset 0)"},
      {"NulInText", std::string("妇女\n\0儿童", 14),
       "binary data, not text (NUL byte at offset 7)"},
      {"RandomBytes", RandomBytes(4096, 0, 255, 7), "binary data, not text (NUL byte at offset",
       true},
      {"RandomHighBytes", RandomBytes(4096, 0x80, 0xFF, 7), kNotText},
      {"RandomPrintableAndHigh", RandomBytes(4096, 0x20, 0xFF, 11), kNotText},
      {"PngFile", png, "binary data, not text (NUL byte at offset 8)"},
      {"PngSignatureOnly", png.substr(0, 8) + "abc", "binary data, not text (PNG image)"},
      {"ManyControls", "ab\x02\x03\x04" + std::string(100, 'c'),
       "binary data, not text (control byte 0x02 at offset 2)"},
      {"TruncatedUtf8AtEnd", truncated,
       "invalid UTF-8 at line " + std::to_string(LineEnds(truncated) + 1)},
      {"BadByteMidFile", InsertAtLine(corpus, 100, "\xFF"), "invalid UTF-8 at line 100"},
      {"CutCharacterMidFile", cut, "invalid UTF-8 at line " + std::to_string(cut_line)},
      {"CutCharacterMidFileCrLf", cut_crlf,
       "invalid UTF-8 at line " + std::to_string(cut_line_crlf)},
      {"ShortUtf8Cut", "妇女发展规\xE5\x88", "invalid UTF-8 at line 1"},
      {"ShortUtf8BadByte", "中文\n中文\xFF", "invalid UTF-8 at line 2"},
      {"BadUtf8AfterBom",
       "\xEF\xBB\xBF"
       "a\n\xC0\xAF",
       "invalid UTF-8 at line 2"},
      {"GbLineInUtf8", InsertAtLine(corpus, 100, Encode(line, "gb18030")),
       "mixed encodings: line 100 is GB18030, the rest UTF-8"},
      {"GbLineInUtf8CrLf", InsertAtLine(Replace(corpus, "\n", "\r\n"), 7, Encode(line, "gbk")),
       "mixed encodings: line 7 is GB18030, the rest UTF-8"},
      {"Utf8LineInGb", InsertAtLine(gb_corpus, 100, line),
       "mixed encodings: line 100 is UTF-8, the rest GB18030"},
      {"ShortUtf8LineInGb", InsertAtLine(gb_corpus, 3, "妇女儿童\n"),
       "mixed encodings: line 3 is UTF-8, the rest GB18030"},
      {"Utf16LoneHighSurrogate",
       std::string("\xFF\xFE"
                   "a\0\n\0\x00\xD8"
                   "b\0",
                   10),
       "invalid UTF-16 at line 2 (lone surrogate)"},
      {"Utf16LoneLowSurrogate", std::string("\xFE\xFF\xDC\x00", 4),
       "invalid UTF-16 at line 1 (lone surrogate)"},
      {"Utf16SurrogateAtEnd", std::string("\xFE\xFF\0a\xD8\x00", 6),
       "invalid UTF-16 at line 1 (lone surrogate)"},
      {"Utf16OddLength",
       std::string("\xFF\xFE"
                   "a\0b",
                   5),
       "invalid UTF-16 at line 1 (odd number of bytes)"},
      {"Utf16Nul",
       std::string("\xFF\xFE"
                   "a\0\0\0",
                   6),
       "binary data, not text (NUL character at offset 4)"},
  };
  for (const ErrorCase& c : cases) {
    StatusOr<SourceText> source = DecodeSource(c.bytes, "f.txt");
    ASSERT_FALSE(source.ok()) << c.name << " decoded as " << source->encoding;
    EXPECT_EQ(source.status().code(), StatusCode::kInvalidInput) << c.name;
    const std::string& message = source.status().message();
    if (c.prefix) {
      EXPECT_EQ(message.substr(0, c.message.size()), c.message) << c.name << ": " << message;
    } else {
      EXPECT_EQ(message, c.message) << c.name;
    }
    EXPECT_EQ(message.find('\n'), std::string::npos) << c.name;
  }
}

// Whatever the bytes, decoding returns text or a one-line message; it never crashes. Inputs are
// short random strings over alphabets that reach each decoder, and corpus prefixes with damage.
TEST(ReadTest, ArbitraryBytesGiveTextOrOneLineError) {
  const std::string corpus = Corpus().substr(0, 3000);
  const std::string prefixes[] = {"", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF"};
  std::mt19937 rng(42);
  for (int i = 0; i < 4000; ++i) {
    std::string bytes;
    if (i % 2 == 0) {
      bytes = prefixes[i % 8 / 2] + RandomBytes(rng() % 64, i % 3 == 0 ? 0 : 0x20, 0xFF, rng());
    } else {
      bytes = corpus.substr(0, rng() % corpus.size());
      for (int k = rng() % 3; k > 0 && !bytes.empty(); --k) bytes[rng() % bytes.size()] = rng();
    }
    StatusOr<SourceText> source = DecodeSource(bytes, "f.txt");
    if (source.ok()) {
      EXPECT_FALSE(source->text.empty());
      EXPECT_EQ(source->text.back(), '\n');
      EXPECT_EQ(source->text.find('\r'), std::string::npos);
    } else {
      EXPECT_FALSE(source.status().message().empty());
      EXPECT_EQ(source.status().message().find('\n'), std::string::npos);
    }
  }
}

TEST(ReadTest, FileSystemErrors) {
  std::string dir = testing::TempDir();
  std::string empty = dir + "/empty.txt";
  testing::WriteBytes(empty, "");
  std::string png = dir + "/image.txt";
  testing::WriteBytes(png, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  struct {
    std::string path;
    StatusCode code;
    std::string message;
  } cases[] = {
      {dir + "/missing.txt", StatusCode::kNotFound, "no such file"},
      {dir + "/missing/deeper.txt", StatusCode::kNotFound, "no such file"},
      {dir, StatusCode::kInvalidInput, "is a directory"},
      {empty, StatusCode::kInvalidInput, "empty file"},
      {png, StatusCode::kInvalidInput, "binary data, not text (NUL byte at offset 8)"},
  };
  for (const auto& c : cases) {
    StatusOr<SourceText> source = ReadSource(c.path);
    ASSERT_FALSE(source.ok()) << c.path;
    EXPECT_EQ(source.status().code(), c.code) << c.path;
    EXPECT_EQ(source.status().message(), c.message) << c.path;
  }
}

TEST(ReadTest, FilesOverTheSizeLimitAreRefusedUnread) {
  std::string path = testing::TempDir() + "/big.txt";
  testing::WriteBytes(path, std::string((3 << 20) + 1, 'a'));
  StatusOr<std::string> bytes = ReadFileBytes(path, 3 << 20);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().message(), "file is larger than the 3 MB limit (--max-file-size)");
  EXPECT_EQ(ReadSource(path, 3 << 20).status().message(), bytes.status().message());
  EXPECT_TRUE(ReadFileBytes(path, 4 << 20).ok());
  // A pipe has no size to check first: it is cut off at the limit.
  StatusOr<std::string> piped = ReadFileBytes("/dev/zero", 1 << 20);
  ASSERT_FALSE(piped.ok());
  EXPECT_EQ(piped.status().message(), "file is larger than the 1 MB limit (--max-file-size)");
}

}  // namespace
}  // namespace guihua
