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

// ---- People (faces.cc); all of it needs PhotoRecord::faces_ran.

// Fills sharpness and sharpness_vs_frame of each face from upright RGBA
// pixels of the whole frame (the record's thumbnail).
void MeasureFaceSharpness(const ImageView& rgba, std::vector<FaceEvidence>* faces);

// PhotoSuggestion::people, the people part of the content score and its reason.
void ScorePeople(const PhotoRecord& r, const CurationParams& p, PhotoSuggestion* s);

// PhotoSuggestion::focus: the box around the faces counted as people, else
// the sharpest region that stands out (CurationParams::focus_region_lift).
// Needs no faces_ran: without faces only the region is looked at.
void FindFocus(const PhotoRecord& r, const CurationParams& p, PhotoSuggestion* s);

// What a group member's faces say, for picking the best member.
struct FaceFacets {
  bool has_faces = false;  // looked for, and people found
  int people = 0;
  float eyes_open = -1;  // share of faces with eyes open; -1 unknown
  int eyes_known = 0, eyes_closed = 0;
  float smile = -1, sharpness = -1;  // means over the faces; -1 unknown
  // Set when every member has faces: which facets all members share.
  bool compared = false, use_eyes = false, use_smile = false, use_sharpness = false;
};
FaceFacets FacesOf(const PhotoRecord& r, const CurationParams& p);
// Per member (parallel to `members`): the face part of its best-member
// total (all zeros unless every member shows people) and its facets.
void FacesForBest(const std::vector<PhotoRecord>& records, const std::vector<int>& members,
                  const CurationParams& p, std::vector<float>* part,
                  std::vector<FaceFacets>* facets);
// Why `best` won on faces: its eyes against the member with most closed
// eyes; face sharpness and smile against `rival` (an index into members, or
// members.size() for none).
void FaceReasons(const std::vector<PhotoRecord>& records, const std::vector<int>& members,
                 const std::vector<FaceFacets>& facets, size_t best, size_t rival,
                 const CurationParams& p, std::vector<Reason>* reasons);

// "Portraits" and "Group shots" moments across the roll.
void FindPeopleMoments(const std::vector<PhotoRecord>& records, const CurationParams& p,
                       Suggestions* s, std::vector<Moment>* out);
// Moment::people_max and people_photos from the members' faces.
void CountMomentPeople(const std::vector<PhotoRecord>& records,
                       const std::vector<PhotoSuggestion>& ps, Moment* m);

}  // namespace gemroll::curate_internal

#endif  // GEMROLL_SRC_CURATE_CURATE_INTERNAL_H_
