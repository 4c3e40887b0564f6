// RFC 4180 CSV reading for the corpus label files and exiftool's summary
// (fields may be quoted and contain commas or doubled quotes).
#ifndef GEMROLL_TESTS_UNIT_CSV_H_
#define GEMROLL_TESTS_UNIT_CSV_H_

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace gemroll::testing {

// All rows of a CSV file, header included; empty when the file is missing.
inline std::vector<std::vector<std::string>> ReadCsv(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(f)), {});
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"', ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// The rows after the header line.
inline std::vector<std::vector<std::string>> ReadCsvBody(const std::filesystem::path& path) {
  std::vector<std::vector<std::string>> rows = ReadCsv(path);
  if (!rows.empty()) rows.erase(rows.begin());
  return rows;
}

}  // namespace gemroll::testing

#endif  // GEMROLL_TESTS_UNIT_CSV_H_
