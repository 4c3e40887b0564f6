// Collection stage: turns per-photo records (analysis + verdicts) into the
// suggestions a person acts on: duplicate and burst groups with a best member,
// moments (events, trips, on-this-day) with titles and picks, and a ranked
// list of gems. It never touches pixels, so the JS package can feed it the
// same records from its workers, and it stays near-linear in the roll size.
#ifndef GEMROLL_CURATE_H_
#define GEMROLL_CURATE_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "gemroll/analyze.h"
#include "gemroll/classify.h"
#include "gemroll/json.h"
#include "gemroll/status.h"

namespace gemroll {

class Gazetteer;

// Version of suggestions.json; bump with schema/suggestions.schema.json.
constexpr int kSuggestionsSchemaVersion = 1;

// Everything curation needs about one file. A record whose status is not ok
// is still listed (ok:false with its error) but takes part in nothing else.
struct PhotoRecord {
  std::string path;  // relative to the scanned root, '/' separators
  Status status;

  ImageFormat format = ImageFormat::kUnknown;
  uint64_t file_size = 0;
  uint64_t content_hash = 0;
  int width = 0, height = 0;  // upright
  ExifData exif;
  ThumbnailAgreement exif_thumbnail;  // the EXIF thumbnail against the pixels
  PhotoMetrics metrics;               // only the scalar fields and hashes are read
  // pHash of the picture with uniform borders (letterbox/pillarbox bars)
  // trimmed off, so a padded export still matches its original. Absent when
  // no border was found.
  bool has_trimmed_hash = false;
  std::array<uint64_t, 8> trimmed_dihedral{};

  KindVerdict kind;
  QualityVerdict quality;

  // Faces from the on-device face detector (ModelEvidence), strongest first,
  // with their sharpness measured. faces_ran false: nobody looked (the CLI,
  // a scan without models), and curation then leaves people out entirely.
  bool faces_ran = false;
  std::vector<FaceEvidence> faces;

  // Made from the file's small preview (AnalyzeOptions::preview): a first
  // look, replaced when the photo itself is analysed. Curation offers
  // nothing of a provisional photo for cleanup (PhotoSuggestion::provisional).
  bool provisional = false;
};

// Builds a record from a finished analysis (its thumbnail, when present, is
// used for border trimming and face sharpness) and the per-photo verdicts.
// `models`, when given with faces_ran, puts its faces on the record (boxes
// clamped to the frame) and measures each face's sharpness on the thumbnail.
PhotoRecord MakePhotoRecord(std::string path, const PhotoAnalysis& analysis, KindVerdict kind,
                            QualityVerdict quality, const ModelEvidence* models = nullptr);
PhotoRecord MakeErrorRecord(std::string path, Status status);
// The whole per-photo pipeline for one file's bytes: analyze (with a small
// thumbnail for border trimming), classify, judge quality. Failures become
// error records.
PhotoRecord RecordFromBytes(std::string path, const uint8_t* data, size_t size,
                            const AnalyzeOptions& options = {});

// A compact binary form of an ok record without its path, for records made
// in one place (a worker) and curated in another (the JS package's curate
// call, its scan cache). Floats keep their bits, so a decoded record curates
// exactly like the original. The layout is versioned; DecodePhotoRecord
// rejects other versions and malformed bytes with kCorruptData.
std::vector<uint8_t> EncodePhotoRecord(const PhotoRecord& record);
StatusOr<PhotoRecord> DecodePhotoRecord(std::string path, const uint8_t* data, size_t size);

// Every threshold and weight of the stage, with the principle behind it.
// Figures checked on ../shared/data by tests/eval/curate_eval.cc.
struct CurationParams {
  // --- Duplicates and bursts (pHash: 64 bits, unrelated photos ~32 apart).
  // Same picture (re-encoded, resized, mirrored/rotated via the dihedral
  // hashes, lightly re-exposed): for uniformly random hashes P(d <= 7) is
  // 3e-11, under one chance pair in a 100,000-photo roll; 7 is also the
  // largest radius a 4 x 16-bit multi-index finds with one-bit probes.
  int duplicate_max_bits = 7;
  // Same capture instant (identical timestamp incl. sub-seconds, same
  // camera) but an edited export (crop, filter): a camera cannot take two
  // frames at one sub-second, so a loose visual check suffices.
  int edited_max_bits = 16;
  // Two dated photos further apart than this are different shots, never
  // "the same picture", however alike (tripod series, similar scenes).
  double same_capture_max_seconds = 2;
  // Burst: consecutive frames of one camera within seconds, a quarter of the
  // hash bits apart at most (the scene may move between frames).
  double burst_max_gap_seconds = 3;
  int burst_max_bits = 16;
  // Undated photos: neighbours in file order inside one folder with equal
  // size and camera stand in for time neighbours (cameras number files
  // sequentially).
  bool undated_sequence_bursts = true;
  // Border trimming: a border is rows/columns within this many levels of the
  // edge colour, kept only when it covers at least this share of a side.
  int border_tolerance = 12;
  float border_min_fraction = 0.04f;

  // --- Best member of a group: technical quality plus these bonuses.
  float best_resolution_weight = 0.15f;  // per halving of the pixel count
  float best_original_weight = 0.1f;     // keeps camera EXIF (make + capture time)
  // Duplicates are one picture: what tells the original from a copy is
  // provenance (resolution, EXIF, less compression), not the "technical"
  // score, which a recompressed or brightened copy can raise (block edges
  // read as detail). In duplicate groups technical counts this much.
  float best_technical_weight_duplicate = 0.25f;
  // Per halving of bytes per pixel against the group's least-compressed
  // member (down to best_compression_floor halvings), duplicates only.
  float best_compression_weight = 0.1f;
  float best_compression_floor = -2.0f;

  // --- Capture time sanity.
  int min_plausible_year = 1985;  // earlier: an unset clock (Unix 1970, DOS 1980 epochs)
  int future_slack_days = 1;      // time zones around `today`

  // --- Events: PhotoTOC (Platt et al. 2003) adaptive gaps: a gap splits when
  // log(gap) exceeds the mean log gap of the 2*window+1 gaps around it by
  // log(17). Gaps under min_split_seconds never split (a pause in a walk);
  // gaps over max_event_gap_seconds always do (a night, a different day).
  int toc_window = 10;
  double toc_log_threshold = 2.833213344;  // log(17)
  double min_split_seconds = 20 * 60;
  double max_event_gap_seconds = 6 * 3600;
  // GPS jump: moving this far between consecutive geotagged photos with at
  // least this much time between them means travelling, a new event.
  double gps_jump_km = 2;
  double gps_jump_min_gap_seconds = 10 * 60;
  // Outings read as one: after splitting, neighbouring events on the same day
  // at most merge_gap_seconds apart, with no GPS jump between them, merge when
  // either has fewer than event_small_photos or both would get the same title
  // ("Saturday afternoon" twice within hours is one afternoon to a person).
  // An event still under event_min_photos (a single photo) is not a moment.
  double merge_gap_seconds = 3 * 3600;
  int event_small_photos = 3;
  int event_min_photos = 2;

  // --- Home and trips. Home: the grid cell with photos on most distinct
  // days (needs home_min_days). A trip: consecutive events whose photos sit
  // further than trip_min_km from home, bridged over gaps up to
  // trip_max_gap_hours (a night, a travel day without photos).
  double home_cell_deg = 0.5;
  int home_min_days = 3;
  double trip_min_km = 50;
  double trip_max_gap_hours = 36;
  double place_max_km = 40;  // nearest gazetteer place must be within this

  // --- Gem score = technical * w_technical + content * w_content +
  // uniqueness * w_uniqueness (weights sum to 1, each part 0..1).
  float w_technical = 0.5f;
  float w_content = 0.3f;
  float w_uniqueness = 0.2f;
  // content = colour * w_colour + contrast * w_contrast + camera * w_camera:
  // vivid, contrasty pictures taken by a camera (EXIF make) rather than
  // saved or generated images.
  float w_colour = 0.4f;
  float w_contrast = 0.4f;
  float w_camera = 0.2f;
  float colorfulness_full = 100;  // Hasler-Suesstrunk M reading as "very colourful"
  float contrast_full = 0.25f;    // RMS luma contrast reading as full contrast
  int uniqueness_full_bits =
      24;  // pHash distance to the closest neighbour in time reading as unique
  int uniqueness_neighbours = 8;     // time neighbours compared each side
  float junk_max_technical = 0.15f;  // below this a photo is junk outright
  float gem_min_score = 0.5f;        // gems[]: at least this score
  int gems_max = 200;

  // --- Picks per moment: about sqrt(n), at least 1, at most picks_max;
  // no two picks closer than diverse_min_bits (not near-duplicates nor burst
  // frames), spread over the moment's time span.
  int picks_max = 12;
  int diverse_min_bits = 17;
  // A moment's showcase (what a collage or recap of it shows): its picks,
  // then its other good photos (not excluded, one per duplicate/burst
  // group), best first, up to showcase_max in all.
  int showcase_max = 24;
  // A photo's focus (where a pan or crop goes) is its people's faces, else
  // the sharpest region of the metrics grid when it is this much sharper
  // than the median region (region sharpness is 0..1), else none.
  float focus_region_lift = 0.15f;

  // --- People (only photos whose faces were looked for; see PhotoRecord).
  // A face counts as a person in the picture at this detector score and
  // area (share of the frame): smaller faces are passers-by in a crowd
  // (BlazeFace's back model finds faces down to ~1/40 of the frame width).
  float face_min_score = 0.6f;
  float face_min_area = 0.0008f;
  // A lone face needs this score: on the labelled corpora no human face
  // scored below 0.77 alone, while animals, toys and patterns reached 0.75
  // (tests/validation animals/, hard-sharp/). With two or more plausible
  // faces (a group) face_min_score is enough.
  float face_alone_score = 0.78f;
  // Content gains w_people * people, people = prominence * face quality:
  // prominence = sqrt(largest face area / face_full_area) (a head-and-
  // shoulders portrait face covers ~5% of the frame); face quality = share
  // of faces that are sharp (or unmeasured) with eyes open (or unknown),
  // plus smile_bonus * mean smile. Photos without faces keep their content.
  float w_people = 0.3f;
  float face_full_area = 0.05f;
  float smile_bonus = 0.2f;
  // A face is sharp when its sharpness is at least this share of the
  // frame's (a soft face on a sharp scene missed focus), or when the frame
  // is soft too but the face is detailed in absolute terms.
  float face_sharp_vs_frame = 0.6f;
  float face_sharp_abs = 0.45f;
  float eyes_open_min = 0.5f;  // eyes_open below this: eyes closed
  // Best member of a group whose members all carry faces: technical +
  // resolution + original (above) + these (eyes: share of faces with eyes
  // open; smile and face sharpness: mean over faces, 0..1). A blink loses
  // to a slightly softer frame with open eyes.
  float best_eyes_open_weight = 0.4f;
  float best_smile_weight = 0.1f;
  float best_face_sharpness_weight = 0.3f;
  // People moments ("Portraits", "Group shots") across the roll: portraits
  // have 1-2 people with a face of at least portrait_min_area; group shots
  // group_min_people or more. A collection needs people_moment_min photos.
  float portrait_min_area = 0.02f;
  int group_min_people = 3;
  int people_moment_min = 2;
};

struct CurateOptions {
  // "YYYY-MM-DD": the reference day for on-this-day and future-date checks.
  // "" = unknown: no on-this-day moments, no future check.
  std::string today;
  const Gazetteer* gazetteer = nullptr;  // nullptr: titles without place names
  CurationParams params;
};

struct GemScore {
  float gem = 0;  // weighted total, 0..1
  float technical = 0, content = 0, uniqueness = 0;
};

// Where the eye goes in a photo, as a share of the upright frame (0..1).
struct PhotoFocus {
  enum class Kind : uint8_t { kNone, kFaces, kSharpRegion };
  Kind kind = Kind::kNone;
  float x = 0, y = 0, width = 0, height = 0;  // kFaces: the box around every person's face
  int faces = 0;                              // kFaces: how many
  float lift = 0;                             // kSharpRegion: over the median region
  int region = -1;                            // kSharpRegion: row-major grid index
  int grid = 0;                               // kSharpRegion: grid side
};

struct PhotoSuggestion {
  bool has_time = false;
  int64_t local_ms = 0;     // capture wall-clock time, ms since 1970-01-01 (no zone)
  std::string capture_iso;  // ISO 8601 of the time used; "" when none
  bool has_gps = false;     // usable position (0,0 and absent are not)
  double lat = 0, lon = 0;
  GemScore score;
  bool excluded = false;  // junk or a losing duplicate: not a gem, not a pick
  int group = -1;         // index into Suggestions::groups
  bool group_best = false;
  int people = -1;  // faces counted as people; -1 when faces were not looked for
  PhotoFocus focus;
  std::vector<Reason> reasons;  // time/GPS sanity, junk, duplicate status, score parts
};

// One photo a moment shows, and why (code "pick" or "top_up").
struct ShowcasePhoto {
  int index = -1;  // record index
  Reason reason;
};

struct PhotoGroup {
  enum class Type : uint8_t { kDuplicate, kBurst };
  Type type = Type::kDuplicate;
  std::vector<int> members;            // record indices, best first
  std::vector<std::string> relations;  // per member: original, exact_copy, near_duplicate,
                                       // edited_version, burst_frame
  int best = -1;
  std::vector<Reason> reasons;  // why the best one won
};

struct Moment {
  // kPeople: a collection across the roll ("Portraits", "Group shots") of
  // photos with people, made only from face evidence.
  enum class Type : uint8_t { kEvent, kTrip, kOnThisDay, kPeople };
  Type type = Type::kEvent;
  int64_t start_ms = 0, end_ms = 0;  // wall clock, as PhotoSuggestion::local_ms
  std::vector<int> members;          // record indices in time order
  std::vector<int> picks;            // best first, diverse
  // What a collage or recap of the moment shows, in order of preference:
  // the picks, then the moment's other good photos (CurationParams::
  // showcase_max). The one place photos are chosen for a moment.
  std::vector<ShowcasePhoto> showcase;
  int cover = -1;
  std::string title;
  std::string place;  // "" when unknown
  std::string country;
  std::vector<int> events;  // trips: the event moments they span
  // Most people in one member photo and members with people; people_max is
  // -1 when no member's faces were looked for.
  int people_max = -1;
  int people_photos = 0;
  bool has_time = true;         // false: a people moment of undated photos only
  std::vector<Reason> reasons;  // people moments: what put the photos together
};

struct Suggestions {
  std::string today;
  GemScore weights;  // the weights of the gem parts (gem = 1), written as scoreWeights
  bool has_home = false;
  double home_lat = 0, home_lon = 0;
  std::vector<PhotoSuggestion> photos;  // parallel to the records
  std::vector<PhotoGroup> groups;
  std::vector<Moment> moments;  // events (time order), trips, on-this-day, then people
  std::vector<int> gems;        // record indices, best first
};

Suggestions Curate(const std::vector<PhotoRecord>& records, const CurateOptions& options = {});

// suggestions.json as described by schema/suggestions.schema.json.
void WriteSuggestionsJson(const std::vector<PhotoRecord>& records, const Suggestions& s,
                          JsonWriter& w);

const char* GroupTypeName(PhotoGroup::Type t);  // "duplicate" | "burst"
const char* MomentTypeName(Moment::Type t);     // "event" | "trip" | "on_this_day" | "people"

}  // namespace gemroll

#endif  // GEMROLL_CURATE_H_
