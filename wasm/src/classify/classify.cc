// Per-photo verdicts. Every piece of evidence is a named Reason with a signed
// weight; a kind's score is the sum of its reasons, so a verdict can always be
// explained by listing them. All weights and thresholds live in kVerdictParams.

#include "gemroll/classify.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "classify/blur_model.h"
#include "classify/screenshot_model.h"
#include "gemroll/analyze.h"

namespace gemroll {
namespace {

// The one place for every weight and threshold of this stage (compare
// smartcrop.js's DEFAULTS). Weights are in rough log-odds units: +1 means
// "this alone makes the kind about e times more likely". Thresholds on pixel
// features are set from what the feature measures (see features.h for units),
// never from particular files; all are resolution-independent because the
// features and metrics are measured at a normalised analysis scale.
struct VerdictParams {
  // ---------------------------------------------------------------- kinds
  // A kind wins when its score reaches its threshold; screenshot is tested
  // first (a screenshot of a document is a screenshot), then document /
  // receipt, then graphic; otherwise the image is a photo.
  float screenshot_threshold = 2.0f;
  float document_threshold = 1.5f;
  float graphic_threshold = 1.5f;

  // Metadata.
  // Camera make/model: the picture came through a lens. A photo *of* a
  // screen stays a photo; a photo of a receipt is still a receipt (documents
  // get no penalty), a placeholder graphic with camera EXIF loses a little.
  float w_camera_vs_screenshot = -3.0f;
  float w_camera_vs_graphic = -0.5f;
  float w_camera_photo = 1.0f;
  // No camera make/model and no exposure data at all.
  float w_no_capture_metadata = 0.5f;
  float w_png = 0.5f;  // cameras and phones do not write PNG
  // Portrait phone screen: aspect >= 1.7 and a common phone screen width,
  // or an exact common desktop/tablet resolution.
  float screen_aspect_min = 1.7f;
  float w_screen_dimensions = 1.5f;
  // iOS writes UserComment "Screenshot"; capture tools name themselves in
  // Software.
  float w_screenshot_tag = 3.0f;
  // Software "Android ..." without a camera make (system screenshot path).
  float w_android_software = 0.5f;
  // File name in the OS screenshot pattern: corroborating evidence only
  // (below the threshold alone, decisive with no capture metadata).
  float w_screenshot_name = 1.5f;

  // Pixel evidence for a UI (images without camera metadata): a small
  // logistic model (screenshot_model.h, trained by
  // models/train/train-screenshot.mjs) over flat panels, repeated panel
  // colours, colour count, rectilinear edges, status/navigation bars, lines
  // of small type, saturation and noise. Its log-odds, scaled and clamped,
  // is one reason; the features that pushed it are named in the text.
  float w_ui_pixels = 1.0f;
  // Log-odds below this add nothing: flat logos and illustrations reach
  // p ~0.6-0.75, interfaces mostly more.
  float ui_logit_offset = 0.25f;
  // Pixels that do not look like an interface do not count against: a
  // screenshot of a photo viewer is still a screenshot. Monochrome paper
  // (mono_scan below) in a JPEG is as likely a scan (scanners write JPEG; a
  // lossless PNG of white panels is a light interface): interface evidence
  // counts half there.
  float w_ui_min = 0.0f, w_ui_max = 3.0f;
  float w_ui_scan_factor = 0.5f;
  float ui_reason_min = 0.3f;  // a contribution this large is named
  float bar_min = 0.5f;        // status_bar / nav_bar: a bar is there

  // Below this analysis short side (thumbnails, crops) an image holds too
  // little detail to tell a page of text from, say, a pale face with dark
  // hair, so no page evidence is taken: a legible page needs more pixels.
  int doc_min_short_side = 256;
  // Page evidence: a large, compact paper region (page_area, page_fill)
  // carrying ink (page_ink).
  float page_area_min = 0.2f;
  float page_fill_min = 0.55f;
  float page_ink_min = 0.045f;
  float w_page_text = 2.0f;
  // Monochrome paper scan: almost no colours, mostly paper, no saturation.
  int scan_colors90_max = 8;
  float scan_paper_min = 0.85f;
  float scan_saturation_max = 0.03f;
  float w_mono_scan = 1.5f;
  float text_blocks_min = 0.08f;  // text_block_fraction
  float w_text_blocks = 0.5f;
  // Paper reaches a file through a camera or a scanner, and both leave
  // sensor noise; a page whose noise estimate is below a tenth of a level was
  // rendered (a web page, an app, an e-book): a screen, not paper. Of 97
  // papers in the tuning corpora none is below 0.149; of 89 screenshots 62 are.
  float rendered_noise_max = 0.1f;
  float w_rendered_vs_document = -2.0f;
  float w_rendered_page_screenshot = 1.0f;
  // Colourful content is not paper.
  float doc_saturation_max = 0.35f;
  float w_colorful_vs_document = -1.0f;
  // Receipt rather than document: a long strip.
  float receipt_aspect_min = 1.6f;

  // Graphic: flat, few colours, flat areas mostly coloured fills.
  float graphic_flat_min = 0.6f;
  int graphic_colors90_max = 40;
  float graphic_colored_share_min = 0.5f;  // flat_colored / flat
  float w_flat_graphic = 2.0f;

  // Models (when they ran). Lines of text over part of the frame are what a
  // page or a receipt is; photos of scenes show a few words at most (signs,
  // labels: under 8 lines on the labelled corpora). A long page or receipt
  // (model_text_many_lines) counts more.
  float model_text_area_min = 0.06f;
  int model_text_lines_min = 8;
  float w_model_text = 2.0f;
  int model_text_many_lines = 15;
  float w_model_text_many = 0.5f;
  float w_model_faces_vs_document = -0.5f;
  // Looked at page scale (model_page_side or more) and found fewer lines
  // than this: a white wall, sky or fur, not a page of type.
  int model_page_side = 900;
  int model_no_text_lines = 3;
  float w_model_no_text = -1.5f;
  // A sheet (a large compact paper region: page_area, page_fill) on which
  // the detector, looking at page scale, finds lines of writing: a few
  // handwritten lines on a page are a document although they are fewer than
  // model_text_lines_min. The text boxes must cover a twentieth of the sheet:
  // at page scale the detector also finds a few "lines" in feathers or snow
  // on bright photos (3-4 lines over 0.3-2.7% of the bright region on the
  // tuning half), where writing on a sheet covers 6.7-29%.
  float sheet_area_min = 0.3f;
  float sheet_fill_min = 0.8f;
  int sheet_lines_min = 3;
  float sheet_text_share_min = 0.05f;
  float w_sheet_lines = 2.0f;

  // ------------------------------------------------------------ model gate
  // A kind verdict this confident is settled: no face to look for on a
  // settled screenshot or graphic, none that would change a page this sure
  // (a face takes w_model_faces_vs_document off the page score).
  float gate_settled = 0.6f;
  float gate_settled_page = 0.9f;
  // The text detector runs on every photo with page-like pixels, at 3/4 of
  // the page evidence thresholds above, or a bright, low-saturation
  // rectangle (a page or receipt whose ink is too faint or fine to measure
  // at the analysis scale: handwriting, thermal print).
  float gate_near = 0.75f;
  float gate_rect_area = 0.2f, gate_rect_fill = 0.6f, gate_rect_saturation = 0.3f;
  // Page-like photos and unsettled pages: the text detector at page scale
  // (a whole page's body text is ~3 px tall at 512). There, finding almost
  // no lines is evidence against the page (model_no_text below).
  int gate_page_text_side = 960;

  // Photo: many colours are what a lens sees.
  int photo_colors90_min = 60;
  float w_many_colors = 0.5f;

  // -------------------------------------------------------------- quality
  // Blur is a small logistic model over named measurements (blur_model.h,
  // trained by models/train/train-blur.mjs on labelled photos): edge
  // acutance (median and crispest tenth), how many strong edges there are,
  // direction anisotropy, the sharpest tile, the sharp area, gradient
  // coherence, overall detail, contrast and coarse-scale structure. Its
  // decision thresholds live there too (kBlurryMin, kBorderlineMin,
  // kMinCoarseEdges: a photo with no structure even at a coarse scale has
  // no edge to call soft and is left alone).
  // A contribution at least this large (log-odds) is named as a reason.
  float blur_reason_min = 0.25f;
  float blur_type_coherence = 0.35f;  // above: call a soft photo "motion"
  float motion_anisotropy = 0.55f;    // or below: edges softer one way
  // A sharp subject on a soft background is fine (an informational reason).
  float subject_max_region = 0.6f;
  // Exposure (luma 0..1). Dark (dark_mean, dark_p95) lowers the technical
  // score and says a brightening edit may help; only a nearly black frame
  // (black_mean, black_p95: a pocket shot, a lens cap) is flagged too dark
  // for Cleanup. Night scenes with lights sit between the two.
  float dark_mean = 0.12f, dark_p95 = 0.35f;
  float black_mean = 0.06f, black_p95 = 0.12f;
  float bright_mean = 0.85f, bright_p05 = 0.55f, bright_clip = 0.25f;
  // Technical score = weighted parts; a failed verdict caps it.
  float tech_w_sharp = 0.5f, tech_w_exposure = 0.3f, tech_w_noise = 0.2f;
  float tech_sharp_lo = 0.3f, tech_sharp_hi = 0.8f;   // sharpness_max_region
  float tech_noise_lo = 3.0f, tech_noise_hi = 12.0f;  // noise_sigma, levels
  float tech_cap_failed = 0.35f;
};
constexpr VerdictParams kP{};

float Clamp01(float v) { return std::clamp(v, 0.0f, 1.0f); }
float Sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string Fmt(const char* fmt, double v) {
  char buf[128];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

bool ScreenshotName(std::string_view file_name) {
  // Strip directories: only the name itself is a hint.
  const size_t slash = file_name.find_last_of("/\\");
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  const std::string n = Lower(file_name);
  static constexpr const char* kPatterns[] = {
      "screenshot",          "screen shot", "screen_shot", "bildschirmfoto",
      "captura de pantalla", "capture d",   "schermata",   "skärmbild",
      "スクリーンショット",  "截图",        "截屏"};
  for (const char* p : kPatterns) {
    if (n.find(p) != std::string::npos) return true;
  }
  return false;
}

bool ScreenDimensions(int w, int h) {
  const int s = std::min(w, h), l = std::max(w, h);
  if (s <= 0) return false;
  static constexpr int kPhoneWidths[] = {480,  540,  640,  720,  750,  768,  800,
                                         828,  1080, 1125, 1170, 1179, 1206, 1242,
                                         1260, 1284, 1290, 1320, 1440, 1600};
  // 4:3 tablet sizes are left out: cameras write the same sizes.
  if (static_cast<float>(l) / s >= kP.screen_aspect_min &&
      std::find(std::begin(kPhoneWidths), std::end(kPhoneWidths), s) != std::end(kPhoneWidths)) {
    return true;
  }
  static constexpr int kDisplays[][2] = {{1280, 720},  {1280, 800},  {1366, 768},  {1440, 900},
                                         {1536, 864},  {1600, 900},  {1680, 1050}, {1920, 1080},
                                         {1920, 1200}, {2560, 1440}, {2560, 1600}, {2880, 1800},
                                         {3024, 1964}, {3456, 2234}, {3840, 2160}, {5120, 2880}};
  for (const auto& d : kDisplays) {
    if (l == d[0] && s == d[1]) return true;
  }
  return false;
}

bool ScreenshotTag(const ExifData& e) {
  if (Lower(e.user_comment) == "screenshot") return true;
  const std::string sw = Lower(e.software);
  static constexpr const char* kTools[] = {"screenshot", "snipping tool", "snip & sketch",
                                           "sharex",     "greenshot",     "spectacle",
                                           "flameshot",  "shottr",        "lightshot"};
  for (const char* t : kTools) {
    if (sw.find(t) != std::string::npos) return true;
  }
  return false;
}

void Add(std::vector<Reason>& v, float& score, const char* code, std::string text, float weight) {
  v.push_back({code, std::move(text), weight});
  score += weight;
}

// A generated logistic model (blur_model.h, screenshot_model.h) on x: the
// log-odds, and each feature's contribution to it in `contribution`.
template <int N>
float Logit(const float (&x)[N], const float (&mean)[N], const float (&scale)[N],
            const float (&weight)[N], float bias, float (&contribution)[N]) {
  float z = bias;
  for (int j = 0; j < N; ++j) {
    contribution[j] = weight[j] * (x[j] - mean[j]) / scale[j];
    z += contribution[j];
  }
  return z;
}

struct UiEvidence {
  float logit = 0, p = 0;
  std::string why;  // the features that pushed toward "interface", in words
};

// The screenshot pixel model (screenshot_model.h) on this image.
UiEvidence WeighUi(const PhotoAnalysis& a) {
  const ContentFeatures& f = a.features;
  const PhotoMetrics& m = a.metrics;
  namespace sm = screenshot_model;
  const float x[sm::kFeatures] = {
      f.flat_fraction,
      f.flat_fraction > 0 ? f.flat_colored_fraction / f.flat_fraction : 0.0f,
      f.flat_top_colors,
      std::log2(1.0f + static_cast<float>(f.colors_90)),
      f.axis_edge_share,
      f.status_bar,
      f.nav_bar,
      f.text_block_fraction,
      f.stroke_fraction,
      m.mean_saturation,
      std::min(8.0f, m.noise_sigma)};
  const std::string text[sm::kFeatures] = {
      Fmt("%.0f%% flat panels", 100.0 * f.flat_fraction),
      "flat areas filled with colour",
      "panel colours repeat exactly",
      std::to_string(f.colors_90) + " colour bins hold 90% of the pixels",
      "edges run straight across and down",
      "a status bar along the top",
      "a navigation bar along the bottom",
      "lines of small type",
      "thin strokes like text",
      "muted colours",
      "no sensor noise"};
  UiEvidence out;
  float c[sm::kFeatures];
  const float z = Logit(x, sm::kMean, sm::kScale, sm::kWeight, sm::kBias, c);
  std::vector<std::pair<float, int>> pushes;
  for (int j = 0; j < sm::kFeatures; ++j) {
    if (c[j] >= kP.ui_reason_min) pushes.push_back({c[j], j});
  }
  std::sort(pushes.rbegin(), pushes.rend());
  for (size_t k = 0; k < pushes.size() && k < 3; ++k) {
    if (k) out.why += ", ";
    out.why += text[pushes[k].second];
  }
  out.logit = z;
  out.p = Sigmoid(z);
  return out;
}

struct BlurEvidence {
  float probability = 0;
  std::vector<Reason> toward_blur;  // contributions toward "blurry", strongest first
};

// The blur model (blur_model.h) on this photo's measurements; each feature's
// contribution (log-odds) toward "blurry" becomes a reason when it is large.
BlurEvidence WeighBlur(const PhotoAnalysis& a, float anisotropy) {
  const ContentFeatures& f = a.features;
  const PhotoMetrics& m = a.metrics;
  namespace bm = blur_model;
  const float x[bm::kFeatures] = {f.acutance,
                                  f.acutance_p90,
                                  std::log2(1.0f + static_cast<float>(f.edge_count)),
                                  anisotropy,
                                  m.sharpness_max_region,
                                  m.sharp_area_fraction,
                                  m.motion_blur,
                                  m.sharpness,
                                  m.contrast,
                                  f.coarse_edge_fraction};
  const std::string text[bm::kFeatures] = {
      Fmt("edges ramp over several pixels (acutance %.2f)", f.acutance),
      Fmt("even the crispest edges are soft (%.2f)", f.acutance_p90),
      std::to_string(f.edge_count) + " strong edges",
      Fmt("edges are softer across one direction (%.0f%% as crisp)", 100.0 * anisotropy),
      Fmt("no part of the frame is sharp (sharpest region %.2f)", m.sharpness_max_region),
      Fmt("little of the frame holds sharp detail (%.0f%%)", 100.0 * m.sharp_area_fraction),
      Fmt("gradients share one direction, as a smear does (%.2f)", m.motion_blur),
      Fmt("little fine detail overall (sharpness %.2f)", m.sharpness),
      Fmt("contrast %.2f", m.contrast),
      Fmt("shapes are there at a coarse scale (%.0f%% strong steps) but not sharp up close",
          100.0 * f.coarse_edge_fraction)};
  static constexpr const char* kCodes[bm::kFeatures] = {
      "soft_edges",    "no_crisp_edges", "edge_count", "directional_blur", "nothing_sharp",
      "no_sharp_area", "motion_smear",   "low_detail", "contrast",         "coarse_structure"};
  BlurEvidence out;
  float c[bm::kFeatures];
  out.probability = Sigmoid(Logit(x, bm::kMean, bm::kScale, bm::kWeight, bm::kBias, c));
  for (int j = 0; j < bm::kFeatures; ++j) {
    if (c[j] >= kP.blur_reason_min) out.toward_blur.push_back({kCodes[j], text[j], -c[j]});
  }
  std::stable_sort(out.toward_blur.begin(), out.toward_blur.end(),
                   [](const Reason& l, const Reason& r) { return l.weight < r.weight; });
  return out;
}

void SortReasons(std::vector<Reason>& v) {
  std::stable_sort(v.begin(), v.end(), [](const Reason& a, const Reason& b) {
    return std::abs(a.weight) > std::abs(b.weight);
  });
}

}  // namespace

const char* PhotoKindName(PhotoKind k) {
  switch (k) {
    case PhotoKind::kPhoto:
      return "photo";
    case PhotoKind::kScreenshot:
      return "screenshot";
    case PhotoKind::kDocument:
      return "document";
    case PhotoKind::kReceipt:
      return "receipt";
    case PhotoKind::kGraphic:
      return "graphic";
  }
  return "photo";
}

KindVerdict ClassifyKind(const PhotoAnalysis& a, std::string_view file_name,
                         const ModelEvidence* models) {
  const ExifData& e = a.exif;
  const ContentFeatures& f = a.features;
  const PhotoMetrics& m = a.metrics;
  const bool camera = !e.make.empty() || !e.model.empty();
  const bool capture_data = camera || e.exposure_time > 0 || e.f_number > 0 || e.iso > 0;

  std::vector<Reason> photo, shot, doc, graphic;
  float s_photo = 0, s_shot = 0, s_doc = 0, s_graphic = 0;

  // --- Metadata.
  if (camera) {
    const std::string cam = e.make + (e.make.empty() || e.model.empty() ? "" : " ") + e.model;
    Add(photo, s_photo, "camera_make", "taken with a camera (" + cam + ")", kP.w_camera_photo);
    Add(shot, s_shot, "camera_make", "EXIF names a camera (" + cam + "), so not a screen capture",
        kP.w_camera_vs_screenshot);
    Add(graphic, s_graphic, "camera_make", "EXIF names a camera (" + cam + ")",
        kP.w_camera_vs_graphic);
  } else if (!capture_data) {
    Add(shot, s_shot, "no_camera_metadata",
        "no camera make, model or exposure data in the metadata", kP.w_no_capture_metadata);
  }
  if (a.format == ImageFormat::kPng && !camera) {
    Add(shot, s_shot, "png", "stored as PNG, which cameras do not write", kP.w_png);
  }
  if (!camera && ScreenDimensions(a.width, a.height)) {
    Add(shot, s_shot, "screen_dimensions",
        std::to_string(a.width) + "x" + std::to_string(a.height) + " is a screen resolution",
        kP.w_screen_dimensions);
  }
  if (ScreenshotTag(e)) {
    Add(shot, s_shot, "screenshot_tag",
        "metadata marks it as a screenshot (" +
            (e.user_comment.empty() ? e.software : e.user_comment) + ")",
        kP.w_screenshot_tag);
  } else if (!camera && Lower(e.software).rfind("android", 0) == 0) {
    Add(shot, s_shot, "android_software",
        "saved by Android itself (Software \"" + e.software + "\")", kP.w_android_software);
  }
  if (!file_name.empty() && ScreenshotName(file_name)) {
    Add(shot, s_shot, "screenshot_name", "file name follows the screenshot naming pattern",
        kP.w_screenshot_name);
  }

  // --- Pixels.
  if (f.valid) {
    const bool mono_paper = f.colors_90 <= kP.scan_colors90_max &&
                            f.paper_fraction >= kP.scan_paper_min &&
                            m.mean_saturation <= kP.scan_saturation_max;
    if (!camera) {
      const UiEvidence ui = WeighUi(a);
      const float scan = mono_paper && a.format != ImageFormat::kPng ? kP.w_ui_scan_factor : 1.f;
      const float w = scan * std::clamp(kP.w_ui_pixels * (ui.logit - kP.ui_logit_offset),
                                        kP.w_ui_min, kP.w_ui_max);
      std::string text = Fmt("the pixels look like an app or web interface (%.0f%%", 100.0 * ui.p);
      text += ui.why.empty() ? ")" : "): " + ui.why;
      if (w < 0)
        text =
            Fmt("the pixels look like a photo or artwork, not an interface (%.0f%%)", 100.0 * ui.p);
      Add(shot, s_shot, "ui_pixels", text, w);
    }

    const bool page_scale = std::min(a.analysis_width, a.analysis_height) >= kP.doc_min_short_side;
    if (page_scale && f.page_area >= kP.page_area_min && f.page_fill >= kP.page_fill_min &&
        f.page_ink >= kP.page_ink_min) {
      Add(doc, s_doc, "page_with_text",
          Fmt("a paper-white page covers %.0f%% of the frame and carries text-like strokes",
              100.0 * f.page_area),
          kP.w_page_text);
    }
    if (page_scale && mono_paper) {
      Add(doc, s_doc, "mono_scan", "monochrome paper with almost no colours, like a scan",
          kP.w_mono_scan);
    }
    if (page_scale && f.text_block_fraction >= kP.text_blocks_min) {
      Add(doc, s_doc, "text_blocks",
          Fmt("%.0f%% of the image looks like lines of type", 100.0 * f.text_block_fraction),
          kP.w_text_blocks);
    }
    if (s_doc > 0 && !capture_data && m.noise_sigma < kP.rendered_noise_max) {
      const std::string text =
          Fmt("the page has none of the noise a camera or scanner leaves (%.2f levels): it "
              "was rendered on a screen",
              m.noise_sigma);
      Add(doc, s_doc, "noise_free", text, kP.w_rendered_vs_document);
      Add(shot, s_shot, "rendered_page", text, kP.w_rendered_page_screenshot);
    }
    if (s_doc > 0 && m.mean_saturation > kP.doc_saturation_max) {
      Add(doc, s_doc, "colorful", "too colourful for paper", kP.w_colorful_vs_document);
    }

    if (f.flat_fraction >= kP.graphic_flat_min && f.colors_90 <= kP.graphic_colors90_max &&
        f.flat_colored_fraction >= kP.graphic_colored_share_min * f.flat_fraction) {
      Add(graphic, s_graphic, "flat_fills",
          Fmt("flat colour fills over %.0f%% of the image with few colours",
              100.0 * f.flat_fraction),
          kP.w_flat_graphic);
    }
    if (f.colors_90 >= kP.photo_colors90_min) {
      Add(photo, s_photo, "many_colors",
          std::to_string(f.colors_90) + " colour bins hold 90% of the pixels", kP.w_many_colors);
    }
  }

  // --- Models.
  if (models != nullptr) {
    const bool many_lines = models->text_ran &&
                            models->text_area_fraction >= kP.model_text_area_min &&
                            models->text_lines >= kP.model_text_lines_min;
    if (many_lines) {
      Add(doc, s_doc, "model_text",
          std::to_string(models->text_lines) +
              Fmt(" lines of text detected over %.0f%% of the image",
                  100.0 * models->text_area_fraction),
          kP.w_model_text +
              (models->text_lines >= kP.model_text_many_lines ? kP.w_model_text_many : 0.f));
    }
    if (models->text_ran && !many_lines && models->text_side >= kP.model_page_side &&
        f.page_area >= kP.sheet_area_min && f.page_fill >= kP.sheet_fill_min &&
        models->text_lines >= kP.sheet_lines_min &&
        models->text_area_fraction >= kP.sheet_text_share_min * f.page_area) {
      Add(doc, s_doc, "sheet_with_lines",
          Fmt("a sheet covers %.0f%% of the frame and the text detector found ",
              100.0 * f.page_area) +
              std::to_string(models->text_lines) + " lines of writing at page scale",
          kP.w_sheet_lines);
    }
    if (models->text_ran && models->text_side >= kP.model_page_side &&
        models->text_lines < kP.model_no_text_lines && s_doc > 0) {
      Add(doc, s_doc, "model_no_text",
          "the text detector found " + std::to_string(models->text_lines) +
              " line(s) of type at page scale",
          kP.w_model_no_text);
    }
    if (models->faces_ran && models->face_count > 0) {
      Add(doc, s_doc, "faces", std::to_string(models->face_count) + " face(s) detected",
          kP.w_model_faces_vs_document);
      Add(photo, s_photo, "faces", std::to_string(models->face_count) + " face(s) detected", 0.5f);
    }
  }

  KindVerdict v;
  const bool receipt_shape = f.page_aspect >= kP.receipt_aspect_min;
  v.scores[static_cast<int>(PhotoKind::kPhoto)] = s_photo;
  v.scores[static_cast<int>(PhotoKind::kScreenshot)] = s_shot;
  v.scores[static_cast<int>(receipt_shape ? PhotoKind::kReceipt : PhotoKind::kDocument)] = s_doc;
  v.scores[static_cast<int>(PhotoKind::kGraphic)] = s_graphic;

  const float m_shot = s_shot - kP.screenshot_threshold;
  const float m_doc = s_doc - kP.document_threshold;
  const float m_graphic = s_graphic - kP.graphic_threshold;
  // Confidence: logistic of the winner's margin over its threshold, reduced
  // by how close the best rival came to its own.
  auto confidence = [](float margin, float rival) {
    return Clamp01(Sigmoid(2.0f * margin + 1.0f) * (1.0f - 0.5f * Sigmoid(2.0f * rival)));
  };
  if (m_shot >= 0) {
    v.kind = PhotoKind::kScreenshot;
    v.confidence = confidence(m_shot, std::max(m_doc, m_graphic));
    v.reasons = std::move(shot);
  } else if (m_doc >= 0) {
    v.kind = receipt_shape ? PhotoKind::kReceipt : PhotoKind::kDocument;
    v.confidence = confidence(m_doc, std::max(m_shot, m_graphic));
    v.reasons = std::move(doc);
    v.reasons.push_back(
        {receipt_shape ? "long_strip" : "page_shape",
         Fmt(receipt_shape ? "the paper is a long strip (%.1f:1)" : "page proportions (%.1f:1)",
             f.page_aspect),
         0});
  } else if (m_graphic >= 0) {
    v.kind = PhotoKind::kGraphic;
    v.confidence = confidence(m_graphic, std::max(m_shot, m_doc));
    v.reasons = std::move(graphic);
  } else {
    v.kind = PhotoKind::kPhoto;
    const float rival = std::max({m_shot, m_doc, m_graphic});
    v.confidence = Clamp01(1.0f - Sigmoid(2.0f * rival + 1.0f) + 0.1f * s_photo);
    v.reasons = std::move(photo);
    if (v.reasons.empty()) {
      v.reasons.push_back({"no_other_kind", "no screenshot, document or graphic evidence", 0});
    }
    // Say why the closest rival lost, e.g. "camera make" against screenshot.
    const std::vector<Reason>& near = rival == m_shot ? shot : rival == m_doc ? doc : graphic;
    for (const Reason& r : near) {
      if (r.weight < 0) v.reasons.push_back({r.code, r.text, -r.weight});
    }
  }
  SortReasons(v.reasons);
  return v;
}

QualityVerdict JudgeQuality(const PhotoAnalysis& a, PhotoKind kind) {
  QualityVerdict q;
  const PhotoMetrics& m = a.metrics;
  const ContentFeatures& f = a.features;
  const bool synthetic = kind == PhotoKind::kScreenshot || kind == PhotoKind::kGraphic;
  const bool paper = kind == PhotoKind::kDocument || kind == PhotoKind::kReceipt;

  // --- Blur (blur_model.h): evidence of smeared or soft edges, not a lack
  // of texture.
  const float amax = std::max(f.acutance_x, f.acutance_y),
              amin = std::min(f.acutance_x, f.acutance_y);
  const float anisotropy = amax > 0 ? amin / amax : 1.0f;
  if (!synthetic) {
    if (!f.valid || f.coarse_edge_fraction < blur_model::kMinCoarseEdges) {
      q.reasons.push_back({"too_few_edges",
                           "too little structure to judge sharpness (fog, sky, a plain "
                           "backdrop); left alone",
                           0});
    } else {
      const BlurEvidence b = WeighBlur(a, anisotropy);
      if (b.probability >= blur_model::kBlurryMin) {
        q.blurry = true;
        q.blur_type = m.motion_blur >= kP.blur_type_coherence || anisotropy <= kP.motion_anisotropy
                          ? "motion"
                          : "defocus";
        for (const Reason& r : b.toward_blur) q.reasons.push_back(r);
        q.reasons.push_back(
            {"blur_probability", Fmt("blur probability %.0f%%", 100.0 * b.probability), 0});
      } else if (b.probability >= blur_model::kBorderlineMin) {
        q.reasons.push_back({"borderline_blur",
                             Fmt("some softness (blur probability %.0f%%), too little to call "
                                 "it blurry; left alone",
                                 100.0 * b.probability),
                             0});
      } else if (m.sharpness_max_region >= kP.subject_max_region && m.sharp_area_fraction < 0.2f) {
        q.reasons.push_back({"sharp_subject", "a sharp subject on a soft background", 0.3f});
      }
    }
  }

  // --- Exposure.
  if (!synthetic) {
    if (m.mean_luma < kP.black_mean && m.luma_p95 < kP.black_p95) {
      q.too_dark = true;
      q.reasons.push_back({"too_dark",
                           Fmt("nearly black: mean brightness %.0f%%", 100.0 * m.mean_luma) +
                               Fmt(", brightest tones only %.0f%%", 100.0 * m.luma_p95),
                           -1.0f});
    } else if (m.mean_luma < kP.dark_mean && m.luma_p95 < kP.dark_p95) {
      q.reasons.push_back({"dark",
                           Fmt("dark (mean brightness %.0f%%): a brightening edit may help; "
                               "not offered for deletion",
                               100.0 * m.mean_luma),
                           -0.3f});
    }
    if (!paper && m.mean_luma > kP.bright_mean && m.luma_p05 > kP.bright_p05 &&
        m.highlight_clip > kP.bright_clip) {
      q.too_bright = true;
      q.reasons.push_back(
          {"too_bright",
           Fmt("overexposed: %.0f%% of pixels clipped white", 100.0 * m.highlight_clip), -1.0f});
    }
  }

  // --- Technical score.
  const float sharp =
      Clamp01((m.sharpness_max_region - kP.tech_sharp_lo) / (kP.tech_sharp_hi - kP.tech_sharp_lo));
  const float dark_pen = Clamp01((kP.dark_mean * 2 - m.mean_luma) / (kP.dark_mean * 2));
  const float bright_pen = paper ? 0.0f : Clamp01(m.highlight_clip / (2 * kP.bright_clip));
  const float exposure = Clamp01(1.0f - dark_pen - bright_pen);
  const float noise =
      1.0f - Clamp01((m.noise_sigma - kP.tech_noise_lo) / (kP.tech_noise_hi - kP.tech_noise_lo));
  q.technical = kP.tech_w_sharp * sharp + kP.tech_w_exposure * exposure + kP.tech_w_noise * noise;
  if (a.preview) {
    // A camera's 160 x 120 rendering cannot show blur, and its exposure is
    // the camera's rendering of it: no failure is called on a preview.
    q.blurry = q.too_dark = q.too_bright = false;
    q.blur_type.clear();
    q.reasons = {{"provisional",
                  "a first look from the photo's small built-in preview: sharpness and exposure "
                  "are judged when the photo itself is analysed",
                  0}};
  }
  if (q.blurry || q.too_dark || q.too_bright)
    q.technical = std::min(q.technical, kP.tech_cap_failed);
  if (q.reasons.empty()) q.reasons.push_back({"ok", "sharp and well exposed", 0});
  SortReasons(q.reasons);
  return q;
}

ModelPlan PlanModels(const PhotoAnalysis& a, const KindVerdict& kind,
                     const QualityVerdict& quality) {
  ModelPlan plan;
  const ContentFeatures& f = a.features;
  const float conf = kind.confidence;
  const bool page = kind.kind == PhotoKind::kDocument || kind.kind == PhotoKind::kReceipt;
  const bool synthetic = kind.kind == PhotoKind::kScreenshot || kind.kind == PhotoKind::kGraphic;
  const std::string said = std::string("a ") + PhotoKindName(kind.kind) +
                           Fmt(" by the classical verdict (%.0f%%)", 100.0 * conf);
  if (synthetic && conf >= kP.gate_settled) {
    plan.face = false;
    plan.skipped.push_back({"face", said + ": no faces to look for", 0});
  } else if (page && conf >= kP.gate_settled_page) {
    plan.face = false;
    plan.skipped.push_back(
        {"face", said + ": no faces to look for, and one would not change that", 0});
  } else if (kind.kind == PhotoKind::kPhoto && quality.blurry) {
    plan.face = false;
    plan.skipped.push_back({"face", "blurry: a cleanup candidate whoever is in it", 0});
  }
  const bool page_scale =
      f.valid && std::min(a.analysis_width, a.analysis_height) >= kP.doc_min_short_side;
  const float k = kP.gate_near;
  const bool near_page =
      page_scale &&
      ((f.page_area >= k * kP.page_area_min && f.page_fill >= k * kP.page_fill_min &&
        f.page_ink >= k * kP.page_ink_min) ||
       (f.colors_90 <= kP.scan_colors90_max / k && f.paper_fraction >= k * kP.scan_paper_min &&
        a.metrics.mean_saturation <= kP.scan_saturation_max / k) ||
       f.text_block_fraction >= k * kP.text_blocks_min ||
       (f.page_area >= kP.gate_rect_area && f.page_fill >= kP.gate_rect_fill &&
        a.metrics.mean_saturation <= kP.gate_rect_saturation));
  if (kind.kind == PhotoKind::kScreenshot) {
    plan.text = false;
    plan.skipped.push_back({"text", said + ": text would not change that", 0});
  } else if (page && conf >= kP.gate_settled_page) {
    plan.text = false;
    plan.skipped.push_back({"text", said + ": text would only confirm the page", 0});
  } else if (kind.kind == PhotoKind::kPhoto && conf >= kP.gate_settled && !near_page) {
    plan.text = false;
    plan.skipped.push_back({"text", said + " with no page, paper or lines of type in view", 0});
  }
  if (plan.text && (page || near_page)) plan.text_side = kP.gate_page_text_side;
  return plan;
}

void ModelPlan::WriteJson(JsonWriter& w) const {
  w.BeginObject().Field("face", face).Field("text", text).Field("textSide", text_side);
  w.Key("skipped").BeginArray();
  for (const Reason& r : skipped)
    w.BeginObject().Field("model", r.code).Field("reason", r.text).EndObject();
  w.EndArray();
  w.EndObject();
}

ModelTextLimits ModelTextEvidenceLimits() {
  return {kP.model_text_lines_min, kP.model_text_area_min, kP.model_page_side};
}

void KindVerdict::WriteJson(JsonWriter& w) const {
  w.BeginObject();
  w.Field("kind", std::string(PhotoKindName(kind)));
  w.Field("confidence", confidence);
  w.Key("scores").BeginObject();
  for (int k = 0; k < kNumPhotoKinds; ++k)
    w.Field(PhotoKindName(static_cast<PhotoKind>(k)), scores[k]);
  w.EndObject();
  w.Key("reasons");
  WriteReasons(w, reasons);
  w.EndObject();
}

void QualityVerdict::WriteJson(JsonWriter& w) const {
  w.BeginObject();
  w.Field("blurry", blurry);
  if (blurry) w.Field("blurType", blur_type);
  w.Field("tooDark", too_dark);
  w.Field("tooBright", too_bright);
  w.Field("technical", technical);
  w.Key("reasons");
  WriteReasons(w, reasons);
  w.EndObject();
}

}  // namespace gemroll
