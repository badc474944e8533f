// The read stage's side of the format plugin (internal/format_plugin.h): ReadPdf, ReadDocx and
// ReadHtml load guihua-formats.so at their first call and forward to it. Built without the plugin
// (GUIHUA_FORMATS_PLUGIN undefined: the fuzz build), the readers are linked in and this file is empty.
#ifdef GUIHUA_FORMATS_PLUGIN
#include <dlfcn.h>

#include <filesystem>
#include <string>
#include <vector>

#include "read/internal/format_plugin.h"
#include "read/internal/formats.h"

namespace guihua::read_internal {
namespace {

constexpr char kPluginName[] = "guihua-formats.so";

// Where the plugin may be: installed beside the binary (P/lib/guihua/ for P/bin/guihua, as
// `cmake --install` puts it), next to it (the build folder), next to the shared object this code
// is linked into (the Python module, whose process is python3's: `make python` puts the plugin
// beside it), else where this build made it.
std::vector<std::string> PluginPaths() {
  std::vector<std::string> paths;
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    paths.push_back((exe.parent_path() / ".." / "lib" / "guihua" / kPluginName).lexically_normal());
    paths.push_back(exe.parent_path() / kPluginName);
  }
  Dl_info self{};
  if (dladdr(reinterpret_cast<const void*>(&PluginPaths), &self) != 0 && self.dli_fname != nullptr) {
    std::filesystem::path holder = std::filesystem::path(self.dli_fname).parent_path();
    if (holder != exe.parent_path()) paths.push_back(holder / kPluginName);
  }
  paths.push_back(GUIHUA_FORMATS_PLUGIN);
  return paths;
}

struct Loaded {
  const FormatReaders* readers = nullptr;
  std::string error;  // why not, when readers is null
};

Loaded Load() {
  static const FormatHost kHost = {&ConvertToUtf8, &FinishLines};
  std::string errors;
  for (const std::string& path : PluginPaths()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    // Never closed: the readers' code must stay for the life of the process.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      errors = dlerror();
      continue;
    }
    auto entry = reinterpret_cast<FormatPluginEntry>(dlsym(handle, kFormatPluginEntry));
    if (entry == nullptr) {
      errors = path + " has no " + kFormatPluginEntry + " (from another guihua build?)";
      continue;
    }
    return {entry(&kHost), ""};
  }
  if (errors.empty()) errors = std::string(kPluginName) + " is missing beside the guihua binary";
  return {nullptr, "cannot read PDF, DOCX or HTML files: " + errors};
}

StatusOr<const FormatReaders*> Readers() {
  static const Loaded loaded = Load();  // once, thread-safe
  if (loaded.readers == nullptr) return Status::Internal(loaded.error);
  return loaded.readers;
}

}  // namespace

StatusOr<SourceText> ReadPdf(std::string_view bytes, const std::string& path) {
  auto readers = Readers();
  if (!readers.ok()) return readers.status();
  return (*readers)->pdf(bytes, path);
}

StatusOr<SourceText> ReadDocx(std::string_view bytes, const std::string& path,
                              uint64_t max_inflated) {
  auto readers = Readers();
  if (!readers.ok()) return readers.status();
  return (*readers)->docx(bytes, path, max_inflated);
}

StatusOr<SourceText> ReadHtml(std::string_view bytes, const std::string& path) {
  auto readers = Readers();
  if (!readers.ok()) return readers.status();
  return (*readers)->html(bytes, path);
}

}  // namespace guihua::read_internal
#endif  // GUIHUA_FORMATS_PLUGIN
