// The stored file record (index/internal/format.h): a damaged record reads as what can be read,
// never as an exception out of the index (IndexReader::Files catches only Xapian's).
#include <gtest/gtest.h>

#include <filesystem>
#include <new>
#include <string>
#include <system_error>
#include <xapian.h>

#include "index/internal/format.h"

namespace guihua::internal {
namespace {

TEST(FileRecordTest, ARecordReadsBackAsWritten) {
  IndexedFile f;
  f.document = "henan-anyang-beiguan-2021-2030";
  f.file = "corpus/henan-anyang-beiguan-2021-2030.txt";
  f.region = {"河南省", "安阳市", "北关区"};
  f.period = {2021, 2030};
  f.targets = 58;
  IndexedFile back = FileFromJson(FileJson(f).dump());
  EXPECT_EQ(back.document, f.document);
  EXPECT_EQ(back.region.district, "北关区");
  EXPECT_EQ(back.period.end, 2030);
  EXPECT_EQ(back.targets, 58);
}

TEST(FileRecordTest, DamagedRecordsReadWithoutThrowing) {
  const struct {
    const char* json;
    const char* document;  // what is read of it
  } kCases[] = {
      {"", ""},
      {"not json", ""},
      {"[1, 2]", ""},
      {"\"a string\"", ""},
      {R"({"document": 7})", ""},
      {R"({"document": "d", "file": ["x"]})", "d"},
      {R"({"document": "d", "targets": "many"})", "d"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.json);
    IndexedFile f;
    EXPECT_NO_THROW(f = FileFromJson(c.json));
    EXPECT_EQ(f.document, c.document);
  }
}

// Records read by the flat reader and those left to nlohmann's parser (escapes, other types, bad
// UTF-8, trailing bytes) read alike: as JSON says.
TEST(FileRecordTest, EveryFormOfARecordReadsAsJson) {
  const struct {
    std::string json;
    const char* file;
    int plans;
  } kCases[] = {
      {R"({"file":"a.txt","plans":2})", "a.txt", 2},
      {" {\n \"file\" : \"a.txt\" ,\t\"plans\" : -3 }\n", "a.txt", -3},
      {R"({})", "", 0},
      {R"({"file":"a\"b\\c\u00e9\n","plans":1})", "a\"b\\c\u00e9\n", 1},
      {R"({"file":"a","plans":2.0})", "a", 2},
      {R"({"file":"a","plans":007})", "", 0},
      {R"({"file":"a","plans":1}x)", "", 0},
      {R"({"file":"a","other":[1,{"x":null}],"plans":4})", "a", 4},
      {R"({"file":"a","other":true,"plans":4})", "a", 4},
      {R"({"plans":3,"file":7})", "", 0},  // FileFromJson stops at the field of another type
      {std::string("{\"file\":\"a\xff\"}"), "", 0},
      {std::string("{\"file\":\"a\tb\"}"), "", 0},
      {R"({"file":"x","file":"y"})", "y", 0},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.json);
    const IndexedFile f = FileFromJson(c.json);
    EXPECT_EQ(f.file, c.file);
    EXPECT_EQ(f.plans, c.plans);
  }
  IndexedFile odd;
  odd.file = "C:\\plans\\\"第1\"号\t.txt";
  odd.title = "标题\u0001";
  odd.period = {2021, 2030};
  const IndexedFile back = FileFromJson(FileJson(odd).dump());
  EXPECT_EQ(back.file, odd.file);
  EXPECT_EQ(back.title, odd.title);
  EXPECT_EQ(back.period.end, 2030);
}

}  // namespace
// Every entry point of the index turns what a library throws into a Status naming what failed:
// Xapian's errors as FromXapian does, any std::exception as an internal error.
TEST(FileRecordTest, ExceptionsOfLibrariesBecomeStatuses) {
  auto caught = [](auto thrower) {
    try {
      thrower();
    } catch (...) {
      return FromCurrentException("DB");
    }
    return Status::Ok();
  };
  Status locked = caught([] { throw Xapian::DatabaseLockError("held"); });
  EXPECT_EQ(locked.message(), "DB: index is locked by another process");
  Status memory = caught([] { throw std::bad_alloc(); });
  EXPECT_EQ(memory.code(), StatusCode::kInternal);
  EXPECT_EQ(memory.message().rfind("DB: ", 0), 0u) << memory.message();
  Status fs = caught([] {
    throw std::filesystem::filesystem_error("cannot list", std::make_error_code(std::errc::io_error));
  });
  EXPECT_NE(fs.message().find("cannot list"), std::string::npos) << fs.message();
}

}  // namespace guihua::internal
