// gemroll: the native (and node-run wasm) command line.
//   gemroll analyze [--min-side N] PATH...   one JSON record per file (JSON Lines)
// Directories are walked recursively in sorted order; paths in the output are
// relative to the directory given, with '/' separators.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "gemroll/analyze.h"
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
      fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        found.push_back({it->path(), it->path().lexically_relative(root).generic_string()});
      }
      std::sort(found.begin(), found.end(), [](const Input& a, const Input& b) { return a.display < b.display; });
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
  if (size > max_bytes) return TooLarge("file is " + std::to_string(size >> 20) + " MiB, over the limit");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kIo, "cannot open file");
  bytes->resize(size);
  if (size && !in.read(reinterpret_cast<char*>(bytes->data()), static_cast<std::streamsize>(size))) {
    return Status(StatusCode::kIo, "read failed");
  }
  return Status::Ok();
}

void PrintError(JsonWriter& w, const Status& s) {
  w.Field("ok", false);
  w.Key("error").BeginObject().Field("code", std::string(StatusCodeName(s.code())))
      .Field("message", s.message()).EndObject();
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

void Usage() {
  std::fputs(
      "usage: gemroll analyze [--min-side N] [--max-mp N] PATH...\n"
      "  Prints one JSON record per file (recursing into directories).\n"
      "  --min-side N  smallest short side of the analysis image (default 360)\n"
      "  --max-mp N    refuse images over N megapixels (default 100)\n",
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
  if (args[0] == "analyze") {
    args.erase(args.begin());
  }
  AnalyzeOptions opt;
  std::vector<std::string> paths;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--min-side" && i + 1 < args.size()) {
      opt.decode.min_short_side = std::atoi(args[++i].c_str());
    } else if (args[i] == "--max-mp" && i + 1 < args.size()) {
      opt.decode.max_pixels = static_cast<uint64_t>(std::atof(args[++i].c_str()) * 1e6);
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
  return Analyze(paths, opt);
}
