// The facet counts of a search on one local database (internal/facet_counter.h: a table of codes
// per database revision) follow a commit: the table of an older revision never answers for a newer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/test_support.h"
#include "index/index.h"
#include "index/index_support.h"

namespace guihua {
namespace {

// Facet counts of an index before and after a file is added: every count is the total of the same
// search filtered to that value (the table of the older revision must not answer for the newer).
TEST(FacetTableTest, FollowsTheRevisionSearched) {
  std::string dir = testing::TempDir();
  std::vector<std::string> files = testing::CorpusFiles();
  testing::BuildIndex(dir, {files[0], files[1]});
  auto reader = IndexReader::Open({dir});
  ASSERT_TRUE(reader.ok());
  auto check = [&](size_t districts) {
    SearchRequest request;
    request.query = "儿童";
    request.facets = true;
    auto r = (*reader)->Search(request);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->facets["district"].size(), districts);
    for (const auto& [district, count] : r->facets["district"]) {
      SearchRequest one = request;
      one.facets = false;
      one.exact_total = true;
      one.filters.district = district;
      auto filtered = (*reader)->Search(one);
      ASSERT_TRUE(filtered.ok());
      EXPECT_EQ(static_cast<size_t>(count), filtered->total) << district;
    }
  };
  check(2);
  {
    auto writer = IndexWriter::Open(dir);
    ASSERT_TRUE(writer.ok());
    testing::AddFile(**writer, files[2]);
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  (*reader)->Reopen();
  check(3);
}

}  // namespace
}  // namespace guihua
