// gemroll: the native (and node-run wasm) command line.
//   gemroll analyze [--min-side N] PATH...   one JSON record per file (JSON Lines)
//   gemroll suggest [--today YYYY-MM-DD] [--gazetteer FILE] DIR
//                                             suggestions.json for a folder on stdout
// Directories are walked recursively in sorted order; paths in the output are
// relative to the directory given, with '/' separators.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "gemroll/analyze.h"
#include "gemroll/curate.h"
#include "gemroll/gazetteer.h"
#include "gemroll/json.h"

namespace fs = std::filesystem;
using namespace gemroll;

namespace {

struct Input {
  fs::path file;
  std::string display;  // relative path printed in the record
};

std::vector<Input> Collect(const std::vector<std::string>& args) {
  std::vector<Input> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    const fs::path root(arg);
    if (fs::is_directory(root, ec)) {
      std::vector<Input> found;
      fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec),
          end;
      for (; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        found.push_back({it->path(), it->path().lexically_relative(root).generic_string()});
      }
      std::sort(found.begin(), found.end(),
                [](const Input& a, const Input& b) { return a.display < b.display; });
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back({root, root.generic_string()});
    }
  }
  return out;
}

Status ReadFile(const fs::path& path, uint64_t max_bytes, std::vector<uint8_t>* bytes) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status(StatusCode::kIo, "cannot read file: " + ec.message());
  if (size > max_bytes)
    return TooLarge("file is " + std::to_string(size >> 20) + " MiB, over the limit");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kIo, "cannot open file");
  bytes->resize(size);
  if (size &&
      !in.read(reinterpret_cast<char*>(bytes->data()), static_cast<std::streamsize>(size))) {
    return Status(StatusCode::kIo, "read failed");
  }
  return Status::Ok();
}

void PrintError(JsonWriter& w, const Status& s) {
  w.Field("ok", false);
  w.Key("error")
      .BeginObject()
      .Field("code", std::string(StatusCodeName(s.code())))
      .Field("message", s.message())
      .EndObject();
}

int Analyze(const std::vector<std::string>& paths, const AnalyzeOptions& opt) {
  std::vector<uint8_t> bytes;
  int failures = 0;
  for (const Input& in : Collect(paths)) {
    JsonWriter w;
    w.BeginObject().Field("path", in.display);
    Status st = ReadFile(in.file, opt.decode.max_bytes, &bytes);
    if (st.ok()) {
      StatusOr<PhotoAnalysis> a = AnalyzePhoto(bytes.data(), bytes.size(), opt);
      if (a.ok()) {
        w.Field("ok", true);
        a->WriteJson(w);
      } else {
        st = a.status();
      }
    }
    if (!st.ok()) {
      PrintError(w, st);
      ++failures;
    }
    w.EndObject();
    std::fputs(w.str().c_str(), stdout);
    std::fputc('\n', stdout);
  }
  std::fflush(stdout);
  return 0;
}

bool IsYmd(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int m = std::atoi(s.substr(5, 2).c_str()), d = std::atoi(s.substr(8, 2).c_str());
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// The local calendar day, for on-this-day and future-date checks.
std::string LocalToday() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

int Suggest(const std::string& dir, const AnalyzeOptions& opt, std::string today,
            std::string gazetteer_path) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    std::fprintf(stderr, "gemroll suggest: %s is not a directory\n", dir.c_str());
    return 2;
  }
  std::vector<PhotoRecord> records;
  std::vector<uint8_t> bytes;
  for (const Input& in : Collect({dir})) {
    Status st = ReadFile(in.file, opt.decode.max_bytes, &bytes);
    if (!st.ok()) {
      records.push_back(MakeErrorRecord(in.display, st));
      continue;
    }
    records.push_back(RecordFromBytes(in.display, bytes.data(), bytes.size(), opt));
  }
  CurateOptions co;
  co.today = today.empty() ? LocalToday() : today;
  // A missing gazetteer only costs place names in titles.
  if (gazetteer_path.empty()) gazetteer_path = Gazetteer::DefaultPath();
  StatusOr<Gazetteer> gaz = gazetteer_path == "none"
                                ? StatusOr<Gazetteer>(InvalidArgument("disabled"))
                                : Gazetteer::Load(gazetteer_path);
  if (gaz.ok()) {
    co.gazetteer = &gaz.value();
  } else if (gazetteer_path != "none") {
    std::fprintf(stderr, "gemroll suggest: no gazetteer (%s); titles without place names\n",
                 gaz.status().ToString().c_str());
  }
  const Suggestions s = Curate(records, co);
  JsonWriter w;
  WriteSuggestionsJson(records, s, w);
  std::fputs(w.str().c_str(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
  return 0;
}

void Usage() {
  std::fputs(
      "usage: gemroll analyze [--min-side N] [--max-mp N] PATH...\n"
      "  Prints one JSON record per file (recursing into directories).\n"
      "  --min-side N  smallest short side of the analysis image (default 360)\n"
      "  --max-mp N    refuse images over N megapixels (default 100)\n"
      "usage: gemroll suggest [--today YYYY-MM-DD] [--gazetteer FILE|none] DIR\n"
      "  Prints suggestions.json (schema/suggestions.schema.json) for every file under DIR:\n"
      "  duplicate/burst groups, moments, gem scores. Unreadable files are listed ok:false.\n"
      "  --today D      reference day for on-this-day (default: the local date)\n"
      "  --gazetteer F  place names (default ~/.cache/gemroll/gazetteer/places.tsv, from "
      "setup.sh)\n",
      stderr);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    Usage();
    return args.empty() ? 2 : 0;
  }
  std::string command = "analyze";
  if (args[0] == "analyze" || args[0] == "suggest") {
    command = args[0];
    args.erase(args.begin());
  }
  AnalyzeOptions opt;
  std::string today, gazetteer;
  std::vector<std::string> paths;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--min-side" && i + 1 < args.size()) {
      opt.decode.min_short_side = std::atoi(args[++i].c_str());
    } else if (args[i] == "--max-mp" && i + 1 < args.size()) {
      opt.decode.max_pixels = static_cast<uint64_t>(std::atof(args[++i].c_str()) * 1e6);
    } else if (command == "suggest" && args[i] == "--today" && i + 1 < args.size()) {
      today = args[++i];
      if (!IsYmd(today)) {
        std::fprintf(stderr, "--today wants YYYY-MM-DD, got %s\n", today.c_str());
        return 2;
      }
    } else if (command == "suggest" && args[i] == "--gazetteer" && i + 1 < args.size()) {
      gazetteer = args[++i];
    } else if (args[i].rfind("--", 0) == 0) {
      std::fprintf(stderr, "unknown option %s\n", args[i].c_str());
      Usage();
      return 2;
    } else {
      paths.push_back(args[i]);
    }
  }
  if (paths.empty()) {
    Usage();
    return 2;
  }
  if (command == "suggest") {
    if (paths.size() != 1) {
      Usage();
      return 2;
    }
    return Suggest(paths[0], opt, today, gazetteer);
  }
  return Analyze(paths, opt);
}
