// Curate(): prepares per-photo facts (time, position, scores), then runs the
// group, score and moment passes in that order; and the suggestions.json writer.
#include "gemroll/curate.h"

#include <algorithm>
#include <cmath>

#include "curate/curate_internal.h"
#include "gemroll/gazetteer.h"

namespace gemroll {

using namespace curate_internal;

namespace {

// Rows (or columns) from one edge whose pixels all sit within `tol` of the
// edge's first pixel.
int BorderDepth(const ImageView& v, int tol, bool rows, bool from_end) {
  const int outer = rows ? v.height : v.width, inner = rows ? v.width : v.height;
  auto px = [&](int o, int i) {
    const int x = rows ? i : (from_end ? v.width - 1 - o : o);
    const int y = rows ? (from_end ? v.height - 1 - o : o) : i;
    return v.Row(y) + 4 * x;
  };
  const uint8_t* ref = px(0, 0);
  int depth = 0;
  for (int o = 0; o < outer / 2; ++o, ++depth) {
    for (int i = 0; i < inner; ++i) {
      const uint8_t* q = px(o, i);
      for (int c = 0; c < 3; ++c) {
        if (std::abs(q[c] - ref[c]) > tol) return depth;
      }
    }
  }
  return depth;
}

}  // namespace

namespace curate_internal {
bool TrimmedHash(const ImageView& v, const CurationParams& p, std::array<uint64_t, 8>* out) {
  if (v.empty() || v.format != PixelFormat::kRGBA8 || v.width < 16 || v.height < 16) return false;
  int top = BorderDepth(v, p.border_tolerance, true, false);
  int bottom = BorderDepth(v, p.border_tolerance, true, true);
  int left = BorderDepth(v, p.border_tolerance, false, false);
  int right = BorderDepth(v, p.border_tolerance, false, true);
  const int min_h = static_cast<int>(std::ceil(p.border_min_fraction * v.height));
  const int min_w = static_cast<int>(std::ceil(p.border_min_fraction * v.width));
  if (top < min_h) top = 0;
  if (bottom < min_h) bottom = 0;
  if (left < min_w) left = 0;
  if (right < min_w) right = 0;
  if (top + bottom + left + right == 0) return false;
  const int w = v.width - left - right, h = v.height - top - bottom;
  // A 4:5 portrait pillarboxed into 16:9 keeps ~45% of the width; less than a
  // third left is a graphic on a plain ground, not a padded photo.
  if (w < 8 || h < 8 || w * 3 < v.width || h * 3 < v.height) return false;
  ImageView crop = v;
  crop.width = w;
  crop.height = h;
  crop.data = v.data + static_cast<size_t>(top) * v.stride + 4 * static_cast<size_t>(left);
  MetricsOptions mo;
  mo.work_long_side = 128;  // only the hash is used
  StatusOr<PhotoMetrics> m = ComputeMetrics(crop, mo);
  if (!m.ok()) return false;
  *out = m->phash_dihedral;
  return true;
}
}  // namespace curate_internal

PhotoRecord MakePhotoRecord(std::string path, const PhotoAnalysis& a, KindVerdict kind,
                            QualityVerdict quality, const ModelEvidence* models) {
  PhotoRecord r;
  r.path = std::move(path);
  r.format = a.format;
  r.file_size = a.file_size;
  r.content_hash = a.content_hash;
  r.width = a.width;
  r.height = a.height;
  r.exif = a.exif;
  r.exif_thumbnail = a.exif_thumbnail;
  r.provisional = a.preview;
  r.metrics = a.metrics;  // region sharpness stays: a photo's focus (Curate) reads it
  r.kind = std::move(kind);
  r.quality = std::move(quality);
  if (!a.thumbnail.View().empty()) {
    r.has_trimmed_hash = TrimmedHash(a.thumbnail.View(), CurationParams{}, &r.trimmed_dihedral);
  }
  if (models != nullptr && models->faces_ran) {
    r.faces_ran = true;
    for (FaceEvidence f : models->faces) {
      // Boxes may reach past the frame (a face cut by the edge): keep the
      // part inside; a box with nothing inside is no face in this photo.
      if (!(std::isfinite(f.x) && std::isfinite(f.y) && std::isfinite(f.width) &&
            std::isfinite(f.height))) {
        continue;
      }
      const float x0 = std::clamp(f.x, 0.f, 1.f), y0 = std::clamp(f.y, 0.f, 1.f);
      const float x1 = std::clamp(f.x + f.width, 0.f, 1.f);
      const float y1 = std::clamp(f.y + f.height, 0.f, 1.f);
      if (x1 <= x0 || y1 <= y0) continue;
      f.x = x0, f.y = y0, f.width = x1 - x0, f.height = y1 - y0;
      auto unit_or_unknown = [](float v) {
        return std::isfinite(v) && v >= 0 ? std::min(v, 1.f) : -1.f;
      };
      f.score = std::isfinite(f.score) ? std::clamp(f.score, 0.f, 1.f) : 0.f;
      f.eyes_open = unit_or_unknown(f.eyes_open);
      f.smile = unit_or_unknown(f.smile);
      f.sharpness = f.sharpness_vs_frame = -1;  // measured here, not taken from the caller
      r.faces.push_back(f);
    }
    MeasureFaceSharpness(a.thumbnail.View(), &r.faces);
  }
  return r;
}

PhotoRecord MakeErrorRecord(std::string path, Status status) {
  PhotoRecord r;
  r.path = std::move(path);
  r.status = status.ok()
                 ? Status(StatusCode::kInvalidArgument, "record marked failed without a reason")
                 : std::move(status);
  return r;
}

const char* GroupTypeName(PhotoGroup::Type t) {
  return t == PhotoGroup::Type::kBurst ? "burst" : "duplicate";
}

const char* MomentTypeName(Moment::Type t) {
  switch (t) {
    case Moment::Type::kTrip:
      return "trip";
    case Moment::Type::kOnThisDay:
      return "on_this_day";
    case Moment::Type::kPeople:
      return "people";
    default:
      return "event";
  }
}

Suggestions Curate(const std::vector<PhotoRecord>& records, const CurateOptions& o) {
  const CurationParams& p = o.params;
  Suggestions s;
  int64_t today_days = 0;
  const bool has_today = ParseYmd(o.today, &today_days);
  if (has_today) s.today = o.today;
  s.weights = {1, p.w_technical, p.w_content, p.w_uniqueness};
  s.photos.resize(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const PhotoRecord& r = records[i];
    PhotoSuggestion& ps = s.photos[i];
    if (!r.status.ok()) {
      ps.excluded = true;
      continue;
    }
    const CaptureTime t = ReadCaptureTime(r.exif, has_today, today_days, p);
    ps.has_time = t.valid;
    ps.local_ms = t.ms;
    ps.capture_iso = t.iso;
    if (!t.problem.code.empty()) ps.reasons.push_back(t.problem);
    const GpsPosition& g = r.exif.gps;
    if (g.present) {
      // (0, 0) is where a failed fix lands ("null island"), not a place people photograph.
      if (std::abs(g.latitude) < 1e-6 && std::abs(g.longitude) < 1e-6) {
        ps.reasons.push_back(
            {"gps_null_island", "GPS position 0,0 is a failed fix; position ignored", 0});
      } else if (std::isfinite(g.latitude) && std::isfinite(g.longitude) &&
                 std::abs(g.latitude) <= 90 && std::abs(g.longitude) <= 180) {
        ps.has_gps = true;
        ps.lat = g.latitude;
        ps.lon = g.longitude;
      } else {
        ps.reasons.push_back({"gps_invalid", "GPS position out of range; ignored", 0});
      }
    }
    ScoreTechnicalAndContent(r, p, &ps);
    ScorePeople(r, p, &ps);
    FindFocus(r, p, &ps);
  }
  FindGroups(records, p, &s.photos, &s.groups);
  ScoreUniquenessAndGem(records, p, &s.photos);
  FindMoments(records, o, has_today, today_days, &s);

  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].status.ok() && !s.photos[i].excluded &&
        s.photos[i].score.gem >= p.gem_min_score) {
      s.gems.push_back(static_cast<int>(i));
    }
  }
  std::sort(s.gems.begin(), s.gems.end(), [&](int a, int b) {
    if (s.photos[a].score.gem != s.photos[b].score.gem)
      return s.photos[a].score.gem > s.photos[b].score.gem;
    return records[a].path < records[b].path;
  });
  if (static_cast<int>(s.gems.size()) > p.gems_max) s.gems.resize(p.gems_max);
  return s;
}

namespace {

double Round4(double v) { return std::round(v * 1e4) / 1e4; }

void WritePaths(JsonWriter& w, const std::vector<PhotoRecord>& records,
                const std::vector<int>& idx) {
  w.BeginArray();
  for (int i : idx) w.String(records[i].path);
  w.EndArray();
}

}  // namespace

void WriteSuggestionsJson(const std::vector<PhotoRecord>& records, const Suggestions& s,
                          JsonWriter& w) {
  int ok = 0;
  for (const PhotoRecord& r : records) ok += r.status.ok();
  w.BeginObject();
  w.Field("schemaVersion", kSuggestionsSchemaVersion);
  w.Field("version",
          std::string("gemroll-suggestions/") + std::to_string(kSuggestionsSchemaVersion));
  w.Field("generator", std::string("gemroll"));
  w.Key("today");
  if (s.today.empty()) {
    w.Null();
  } else {
    w.String(s.today);
  }
  if (s.has_home) {
    w.Key("home")
        .BeginObject()
        .Key("lat")
        .Number(Round4(s.home_lat))
        .Key("lon")
        .Number(Round4(s.home_lon));
    w.EndObject();
  }
  w.Key("scoreWeights").BeginObject().Key("technical").Number(Round4(s.weights.technical));
  w.Key("content")
      .Number(Round4(s.weights.content))
      .Key("uniqueness")
      .Number(Round4(s.weights.uniqueness))
      .EndObject();
  w.Key("summary").BeginObject();
  w.Field("photos", static_cast<int>(records.size()))
      .Field("ok", ok)
      .Field("failed", static_cast<int>(records.size()) - ok);
  w.Field("groups", static_cast<int>(s.groups.size()))
      .Field("moments", static_cast<int>(s.moments.size()));
  w.Field("gems", static_cast<int>(s.gems.size()));
  w.EndObject();

  w.Key("photos").BeginArray();
  for (size_t i = 0; i < records.size(); ++i) {
    const PhotoRecord& r = records[i];
    const PhotoSuggestion& ps = s.photos[i];
    w.BeginObject().Field("path", r.path).Field("ok", r.status.ok());
    if (!r.status.ok()) {
      w.Key("error").BeginObject().Field("code", std::string(StatusCodeName(r.status.code())));
      w.Field("message", r.status.message()).EndObject();
      w.EndObject();
      continue;
    }
    w.Field("format", std::string(ImageFormatName(r.format)))
        .Field("width", r.width)
        .Field("height", r.height);
    w.Field("fileSize", r.file_size).Key("contentHash").Hex64(r.content_hash);
    w.Field("kind", std::string(PhotoKindName(r.kind.kind)));
    w.Key("kindConfidence").Number(Round4(r.kind.confidence));
    w.Field("blurry", r.quality.blurry);
    if (r.quality.blurry && !r.quality.blur_type.empty()) w.Field("blurType", r.quality.blur_type);
    w.Field("tooDark", r.quality.too_dark).Field("tooBright", r.quality.too_bright);
    if (r.provisional) w.Field("provisional", true);
    w.Field("excluded", ps.excluded);
    w.Key("scores").BeginObject();
    w.Key("gem").Number(Round4(ps.score.gem)).Key("technical").Number(Round4(ps.score.technical));
    w.Key("content")
        .Number(Round4(ps.score.content))
        .Key("uniqueness")
        .Number(Round4(ps.score.uniqueness));
    w.EndObject();
    if (r.faces_ran) {
      w.Field("people", ps.people);
      w.Key("faces").BeginArray();
      for (const FaceEvidence& f : r.faces) {
        w.BeginObject().Key("x").Number(Round4(f.x)).Key("y").Number(Round4(f.y));
        w.Key("width").Number(Round4(f.width)).Key("height").Number(Round4(f.height));
        w.Key("score").Number(Round4(f.score));
        if (f.eyes_open >= 0) w.Key("eyesOpen").Number(Round4(f.eyes_open));
        if (f.smile >= 0) w.Key("smile").Number(Round4(f.smile));
        if (f.sharpness >= 0) w.Key("sharpness").Number(Round4(f.sharpness));
        if (f.sharpness_vs_frame >= 0) {
          w.Key("sharpnessVsFrame").Number(Round4(f.sharpness_vs_frame));
        }
        w.EndObject();
      }
      w.EndArray();
    }
    if (ps.focus.kind != PhotoFocus::Kind::kNone) {
      const PhotoFocus& f = ps.focus;
      const bool faces = f.kind == PhotoFocus::Kind::kFaces;
      w.Key("focus").BeginObject().Field("kind", std::string(faces ? "faces" : "sharp_region"));
      w.Key("box").BeginObject().Key("x").Number(Round4(f.x)).Key("y").Number(Round4(f.y));
      w.Key("width").Number(Round4(f.width)).Key("height").Number(Round4(f.height)).EndObject();
      if (faces) {
        w.Field("faces", f.faces);
      } else {
        w.Field("region", f.region).Field("grid", f.grid).Key("lift").Number(Round4(f.lift));
      }
      w.EndObject();
    }
    if (ps.has_time) w.Field("captureTime", ps.capture_iso);
    w.Key("exif").BeginObject();
    const std::string dto = r.exif.DateTimeOriginalIso();
    if (!dto.empty()) w.Field("dateTimeOriginal", dto);
    if (!r.exif.make.empty()) w.Field("make", r.exif.make);
    if (!r.exif.model.empty()) w.Field("model", r.exif.model);
    if (!r.exif.software.empty()) w.Field("software", r.exif.software);
    if (r.exif.orientation) w.Field("orientation", r.exif.orientation);
    if (ps.has_gps) {
      w.Key("gps").BeginObject().Field("lat", ps.lat).Field("lon", ps.lon);
      if (r.exif.gps.has_altitude) w.Field("alt", r.exif.gps.altitude);
      w.EndObject();
    }
    w.EndObject();
    if (ps.group >= 0) w.Field("group", ps.group).Field("groupBest", ps.group_best);
    w.Key("reasons");
    WriteReasons(w, ps.reasons);
    w.Key("kindReasons");
    WriteReasons(w, r.kind.reasons);
    w.Key("qualityReasons");
    WriteReasons(w, r.quality.reasons);
    w.EndObject();
  }
  w.EndArray();

  w.Key("groups").BeginArray();
  for (size_t g = 0; g < s.groups.size(); ++g) {
    const PhotoGroup& gr = s.groups[g];
    w.BeginObject()
        .Field("id", static_cast<int>(g))
        .Field("type", std::string(GroupTypeName(gr.type)));
    w.Field("best", records[gr.best].path);
    w.Key("members");
    WritePaths(w, records, gr.members);
    w.Key("relations").BeginArray();
    for (const std::string& rel : gr.relations) w.String(rel);
    w.EndArray();
    w.Key("reasons");
    WriteReasons(w, gr.reasons);
    if (std::any_of(gr.members.begin(), gr.members.end(),
                    [&](int i) { return records[i].provisional; })) {
      w.Field("provisional", true);
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("moments").BeginArray();
  for (size_t m = 0; m < s.moments.size(); ++m) {
    const Moment& mo = s.moments[m];
    w.BeginObject()
        .Field("id", static_cast<int>(m))
        .Field("type", std::string(MomentTypeName(mo.type)));
    w.Field("title", mo.title);
    if (mo.has_time) {
      w.Field("subtitle", MomentSubtitle(mo));
      w.Field("start", FormatLocalIso(mo.start_ms)).Field("end", FormatLocalIso(mo.end_ms));
    } else {
      w.Field("subtitle", std::string()).Key("start").Null().Key("end").Null();
    }
    if (!mo.place.empty()) {
      w.Key("place").BeginObject().Field("name", mo.place).Field("country", mo.country).EndObject();
    }
    w.Key("cover");
    if (mo.cover >= 0) {
      w.String(records[mo.cover].path);
    } else {
      w.Null();
    }
    w.Key("members");
    WritePaths(w, records, mo.members);
    w.Key("picks");
    WritePaths(w, records, mo.picks);
    w.Key("showcase").BeginArray();
    for (const ShowcasePhoto& sp : mo.showcase) {
      w.BeginObject().Field("path", records[sp.index].path).Key("reason");
      WriteReason(w, sp.reason);
      w.EndObject();
    }
    w.EndArray();
    if (mo.type == Moment::Type::kTrip) {
      w.Key("events").BeginArray();
      for (int e : mo.events) w.Int(e);
      w.EndArray();
    }
    if (mo.people_max >= 0) {
      w.Key("people").BeginObject().Field("count", mo.people_max);
      w.Field("photos", mo.people_photos).EndObject();
    }
    if (!mo.reasons.empty()) {
      w.Key("reasons");
      WriteReasons(w, mo.reasons);
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("gems");
  WritePaths(w, records, s.gems);
  w.EndObject();
}

}  // namespace gemroll
