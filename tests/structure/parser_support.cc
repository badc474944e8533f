// The structure tests' shared StructureParser (parser_support.h).
#include "structure/parser_support.h"

#include <gtest/gtest.h>

#include <memory>

#include "common/test_support.h"

namespace guihua::testing {

const StructureParser& Parser() {
  static std::unique_ptr<StructureParser> parser = [] {
    Diagnostics diag;
    auto p = StructureParser::Load(RulesDir(), &diag);
    EXPECT_TRUE(p.ok()) << p.status().message();
    for (const auto& d : diag.all()) ADD_FAILURE() << d.ToString();
    return std::move(*p);
  }();
  return *parser;
}

}  // namespace guihua::testing
