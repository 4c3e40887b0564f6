// Kept in its own object file: only callers of RecordFromBytes link the
// classify stage, so curation alone can run on records built elsewhere.
#include "gemroll/curate.h"

namespace gemroll {

PhotoRecord RecordFromBytes(std::string path, const uint8_t* data, size_t size,
                            const AnalyzeOptions& options) {
  AnalyzeOptions opt = options;
  if (opt.thumbnail_long_side <= 0) opt.thumbnail_long_side = 256;
  StatusOr<PhotoAnalysis> a = AnalyzePhoto(data, size, opt);
  if (!a.ok()) return MakeErrorRecord(std::move(path), a.status());
  const size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string::npos
                                    ? std::string_view(path)
                                    : std::string_view(path).substr(slash + 1);
  KindVerdict kind = ClassifyKind(*a, name);
  QualityVerdict quality = JudgeQuality(*a, kind.kind);
  return MakePhotoRecord(std::move(path), *a, std::move(kind), std::move(quality));
}

}  // namespace gemroll
