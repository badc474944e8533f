// libxlsxwriter loaded at the first XLSX written, not at every start of the binary: included after
// <xlsxwriter.h>, each function below becomes a call through a pointer that dlsym finds once, so
// nothing references the library and the linker (--as-needed) leaves it out. A function used but not
// listed here still works: it links the library again, and costs every start its loading.
#ifndef GUIHUA_RENDER_INTERNAL_XLSX_LAZY_H_
#define GUIHUA_RENDER_INTERNAL_XLSX_LAZY_H_

namespace guihua::render_internal {

// The address of libxlsxwriter's function `name`; the library is opened at the first call. A
// missing library or function ends the process with a one-line message, as a missing library at
// start did before.
void* XlsxSymbol(const char* name);

}  // namespace guihua::render_internal

// decltype does not odr-use the real function, so no reference to it reaches the linker.
#define GUIHUA_XLSX_LAZY(name)                                                           \
  ([] {                                                                                  \
    static const auto function =                                                         \
        reinterpret_cast<decltype(&::name)>(::guihua::render_internal::XlsxSymbol(#name)); \
    return function;                                                                     \
  }())

#define workbook_new(...) GUIHUA_XLSX_LAZY(workbook_new)(__VA_ARGS__)
#define workbook_close(...) GUIHUA_XLSX_LAZY(workbook_close)(__VA_ARGS__)
#define workbook_add_format(...) GUIHUA_XLSX_LAZY(workbook_add_format)(__VA_ARGS__)
#define workbook_add_worksheet(...) GUIHUA_XLSX_LAZY(workbook_add_worksheet)(__VA_ARGS__)
#define workbook_set_properties(...) GUIHUA_XLSX_LAZY(workbook_set_properties)(__VA_ARGS__)
#define worksheet_write_string(...) GUIHUA_XLSX_LAZY(worksheet_write_string)(__VA_ARGS__)
#define worksheet_write_number(...) GUIHUA_XLSX_LAZY(worksheet_write_number)(__VA_ARGS__)
#define worksheet_write_boolean(...) GUIHUA_XLSX_LAZY(worksheet_write_boolean)(__VA_ARGS__)
#define worksheet_write_blank(...) GUIHUA_XLSX_LAZY(worksheet_write_blank)(__VA_ARGS__)
#define worksheet_write_formula(...) GUIHUA_XLSX_LAZY(worksheet_write_formula)(__VA_ARGS__)
#define worksheet_write_url(...) GUIHUA_XLSX_LAZY(worksheet_write_url)(__VA_ARGS__)
#define worksheet_write_comment(...) GUIHUA_XLSX_LAZY(worksheet_write_comment)(__VA_ARGS__)
#define worksheet_write_comment_opt(...) GUIHUA_XLSX_LAZY(worksheet_write_comment_opt)(__VA_ARGS__)
#define worksheet_merge_range(...) GUIHUA_XLSX_LAZY(worksheet_merge_range)(__VA_ARGS__)
#define worksheet_set_column(...) GUIHUA_XLSX_LAZY(worksheet_set_column)(__VA_ARGS__)
#define worksheet_set_column_opt(...) GUIHUA_XLSX_LAZY(worksheet_set_column_opt)(__VA_ARGS__)
#define worksheet_set_row(...) GUIHUA_XLSX_LAZY(worksheet_set_row)(__VA_ARGS__)
#define worksheet_set_row_opt(...) GUIHUA_XLSX_LAZY(worksheet_set_row_opt)(__VA_ARGS__)
#define worksheet_freeze_panes(...) GUIHUA_XLSX_LAZY(worksheet_freeze_panes)(__VA_ARGS__)
#define worksheet_autofilter(...) GUIHUA_XLSX_LAZY(worksheet_autofilter)(__VA_ARGS__)
#define worksheet_activate(...) GUIHUA_XLSX_LAZY(worksheet_activate)(__VA_ARGS__)
#define format_set_bold(...) GUIHUA_XLSX_LAZY(format_set_bold)(__VA_ARGS__)
#define format_set_italic(...) GUIHUA_XLSX_LAZY(format_set_italic)(__VA_ARGS__)
#define format_set_font_color(...) GUIHUA_XLSX_LAZY(format_set_font_color)(__VA_ARGS__)
#define format_set_font_size(...) GUIHUA_XLSX_LAZY(format_set_font_size)(__VA_ARGS__)
#define format_set_num_format(...) GUIHUA_XLSX_LAZY(format_set_num_format)(__VA_ARGS__)
#define format_set_align(...) GUIHUA_XLSX_LAZY(format_set_align)(__VA_ARGS__)
#define format_set_text_wrap(...) GUIHUA_XLSX_LAZY(format_set_text_wrap)(__VA_ARGS__)
#define format_set_bg_color(...) GUIHUA_XLSX_LAZY(format_set_bg_color)(__VA_ARGS__)
#define format_set_fg_color(...) GUIHUA_XLSX_LAZY(format_set_fg_color)(__VA_ARGS__)
#define format_set_pattern(...) GUIHUA_XLSX_LAZY(format_set_pattern)(__VA_ARGS__)
#define format_set_border(...) GUIHUA_XLSX_LAZY(format_set_border)(__VA_ARGS__)
#define format_set_border_color(...) GUIHUA_XLSX_LAZY(format_set_border_color)(__VA_ARGS__)
#define lxw_strerror(...) GUIHUA_XLSX_LAZY(lxw_strerror)(__VA_ARGS__)

#endif  // GUIHUA_RENDER_INTERNAL_XLSX_LAZY_H_
