// Shared pieces of the collection stage (not a public header).
#ifndef GEMROLL_SRC_CURATE_CURATE_INTERNAL_H_
#define GEMROLL_SRC_CURATE_CURATE_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gemroll/curate.h"

namespace gemroll::curate_internal {

constexpr int64_t kMsPerDay = 86400000;

// Proleptic Gregorian calendar <-> days since 1970-01-01 (H. Hinnant's algorithms).
int64_t DaysFromCivil(int64_t y, int m, int d);
void CivilFromDays(int64_t days, int64_t* y, int* m, int* d);
int WeekdayFromDays(int64_t days);                 // 0 = Sunday
bool ParseYmd(std::string_view s, int64_t* days);  // "YYYY-MM-DD"
// "2008-10-22T16:28:39" (+ ".123" when ms != 0).
std::string FormatLocalIso(int64_t ms);

struct CaptureTime {
  bool valid = false;
  int64_t ms = 0;
  std::string iso;  // as read (with offset when present)
  Reason problem;   // code "" when none
};
// DateTimeOriginal, else DateTimeDigitized, checked for plausibility.
CaptureTime ReadCaptureTime(const ExifData& exif, bool has_today, int64_t today_days,
                            const CurationParams& p);

float Clamp01(float v);
std::string Fixed(double v, int decimals);

// Per-photo scores needed before grouping: technical and content parts,
// junk verdict with reasons.
void ScoreTechnicalAndContent(const PhotoRecord& r, const CurationParams& p, PhotoSuggestion* s);

void FindGroups(const std::vector<PhotoRecord>& records, const CurationParams& p,
                std::vector<PhotoSuggestion>* photos, std::vector<PhotoGroup>* groups);

// Uniqueness against time neighbours, the gem total and its reasons.
void ScoreUniquenessAndGem(const std::vector<PhotoRecord>& records, const CurationParams& p,
                           std::vector<PhotoSuggestion>* photos);

// Events, trips and on-this-day moments with titles, covers and picks.
void FindMoments(const std::vector<PhotoRecord>& records, const CurateOptions& o, bool has_today,
                 int64_t today_days, Suggestions* s);

// Diverse, time-spread picks from `members` (time order), best first.
std::vector<int> PickDiverse(const std::vector<PhotoRecord>& records,
                             const std::vector<PhotoSuggestion>& photos,
                             const std::vector<int>& members, const CurationParams& p);

// "22 October 2008" or "22 October 2008 – 24 October 2008".
std::string MomentSubtitle(const Moment& m);

// Border-trimmed pHash of an upright RGBA view (false when no border).
bool TrimmedHash(const ImageView& rgba, const CurationParams& p, std::array<uint64_t, 8>* out);

int MinDihedralDistance(const PhotoRecord& a, const PhotoRecord& b);

}  // namespace gemroll::curate_internal

#endif  // GEMROLL_SRC_CURATE_CURATE_INTERNAL_H_
