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
