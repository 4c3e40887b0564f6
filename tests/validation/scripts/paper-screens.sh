#!/usr/bin/env bash
# Rebuilds tests/validation/paper/ and tests/validation/screenshots/ image files
# from bare git mirrors of the source repositories.
#
# usage: paper-screens.sh [MIRROR_ROOT] [OUT_ROOT]
#   MIRROR_ROOT  directory holding one bare git dir per repository, laid out as
#                MIRROR_ROOT/<owner>+<name>/repo  (the layout the `fetch` tool produces);
#                default /work/.mirror
#   OUT_ROOT     tests/validation directory to write into; default: the parent of this script's dir
# Needs: git, ImageMagick 6 (convert), exiftool, sha256sum.
# Every file is taken with `git show COMMIT:PATH`; the sha256 of that blob is checked against
# the value recorded in SOURCES.md (first 16 hex digits) before it is stored.
set -euo pipefail
MIRROR=${1:-${MIRROR:-/work/.mirror}}
OUT=${2:-$(cd "$(dirname "$0")/.." && pwd)}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# put FOLDER OUTNAME OWNER/REPO COMMIT PATH MODE SHA16 [nogps]
#  MODE copy    byte-identical copy
#       resize  convert SRC -resize '1600x1600>' [-quality 90 for JPEG | -define png:exclude-chunk=date,time for PNG] OUT (keeps format)
#       tojpg   convert SRC -background white -alpha remove -resize '1600x1600>' -quality 90 OUT.jpg
#  nogps: exiftool -overwrite_original -gps:all= OUT afterwards
put() {
  local folder=$1 out=$2 repo=$3 commit=$4 path=$5 mode=$6 sha=$7 gps=${8:-}
  local gd="$MIRROR/${repo/\//+}/repo" src="$tmp/src" dst="$OUT/$folder/$out"
  mkdir -p "$OUT/$folder"
  git --git-dir="$gd" show "$commit:$path" > "$src"
  local got; got=$(sha256sum "$src" | cut -c1-16)
  [[ "$got" == "$sha" ]] || { echo "sha mismatch for $repo $path: $got != $sha" >&2; return 1; }
  case $mode in
    copy) cp "$src" "$dst" ;;
    resize)
      case $out in
        *.jpg|*.jpeg) convert "$src" -resize '1600x1600>' -quality 90 "$dst" ;;
        *) convert "$src" -resize '1600x1600>' -define png:exclude-chunk=date,time "$dst" ;;
      esac ;;
    tojpg) convert "$src" -background white -alpha remove -resize '1600x1600>' -quality 90 "$dst" ;;
    *) echo "bad mode $mode" >&2; return 1 ;;
  esac
  if [[ "$gps" == nogps ]]; then exiftool -q -overwrite_original -gps:all= "$dst"; fi
}

while IFS='|' read -r folder out repo commit path mode sha gps; do
  [[ -z "$folder" || "$folder" == \#* ]] && continue
  put "$folder" "$out" "$repo" "$commit" "$path" "$mode" "$sha" "$gps"
done <<'LIST'
# ---------- paper: receipts photographed ----------
paper|az_receipt_contoso_white.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/receipt/contoso-receipt.png|tojpg|ef67fa28878a7615|
paper|azrest_receipt_contoso_tip_table.jpg|Azure-Samples/cognitive-services-REST-api-samples|4a3c5ca76318feb3f7cfb109e1f79c542eb14d01|curl/form-recognizer/contoso-allinone.jpg|resize|d3117b8f2ba1bb30|nogps
paper|az_receipt_contoso_closeup.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/receipt/receipt.png|tojpg|8e883c11930f921b|
paper|az_receipt_french_table.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/receipt/receipt-french.png|tojpg|0bfeda5aa2f0044d|
paper|az_receipt_japanese_table.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/receipt/receipt-japanese.png|tojpg|ef9cfe47e96204a6|
paper|az_receipt_spanish_table.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/receipt/receipt-spanish.png|tojpg|327d76fbb08cb69e|
paper|textractor_receipt_long.jpg|aws-samples/amazon-textract-textractor|f34c34a6c75dd4675642e52c1bad5a6c0eaf8ee4|tests/fixtures/receipt_no_summary.png|tojpg|665b61d6ce2a5345|
paper|openprices_receipt_partial.jpg|openfoodfacts/open-prices|242c331cf44a7f159a675f14cc9b11a58aeb07ee|docs/assets/img/proof-receipt-bad.jpg|resize|aeb74e97bca8362f|
# ---------- paper: receipts flat (scan / render) ----------
paper|textractor_receipt_bigbox_flat.jpg|aws-samples/amazon-textract-textractor|f34c34a6c75dd4675642e52c1bad5a6c0eaf8ee4|tests/fixtures/receipt.jpg|resize|74ffb5ba49762317|
paper|rpl_receipt_img0001_scan.jpg|ReceiptManager/receipt-parser-legacy|2d2bbece8919f5b40d32596e69211102bebb4bbd|img/IMG0001.jpg|resize|0a7721b900dbc3d0|
paper|rpl_receipt_img0003_scan.jpg|ReceiptManager/receipt-parser-legacy|2d2bbece8919f5b40d32596e69211102bebb4bbd|img/IMG0003.jpg|resize|f0c4c9d9d4cebbad|
paper|rpl_receipt_img0004_scan.jpg|ReceiptManager/receipt-parser-legacy|2d2bbece8919f5b40d32596e69211102bebb4bbd|img/IMG0004.jpg|resize|eb3d81bedbde54ad|
paper|rpl_receipt_img0006_scan.jpg|ReceiptManager/receipt-parser-legacy|2d2bbece8919f5b40d32596e69211102bebb4bbd|img/IMG0006.jpg|resize|4d145cc830ed9fc9|
paper|rpl_receipt_img0007_scan.jpg|ReceiptManager/receipt-parser-legacy|2d2bbece8919f5b40d32596e69211102bebb4bbd|img/IMG0007.jpg|resize|0b55fa8f1ac501cc|
paper|rpl_receipt_img0008_scan.jpg|ReceiptManager/receipt-parser-legacy|2d2bbece8919f5b40d32596e69211102bebb4bbd|img/IMG0008.jpg|resize|c3f303923d18b1b5|
paper|softmatic_receipt_lidl_a_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/B/lidl_02032020_02_00716_B.jpg|resize|1cfea82a2289c9be|
paper|softmatic_receipt_lidl_b_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/B/lidl_12052020_09_02351.jpg|resize|1333fdbe398838e0|
paper|softmatic_receipt_marktkauf_a_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/B/marktkauf_04052020_11_03620.jpg|resize|c5851ff565f7531c|
paper|softmatic_receipt_marktkauf_b_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/B/marktkauf_06052020_13_02008.jpg|resize|0ff5f5eee83c93ad|
paper|softmatic_receipt_mediamarkt_a_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/B/mediamarkt_14052020_03900.jpg|resize|9febfbde7a9c3782|
paper|softmatic_receipt_thalia_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/B/thalia_06052020_01_04990.jpg|resize|d3e70c9dfa41a52e|
paper|softmatic_receipt_toom_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/B/toom_02052020_01_01999.jpg|resize|57b41e067f170dbe|
paper|softmatic_receipt_aldi_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/C/aldi_16052020_15_01416.jpg|resize|e5ab7271fbe43397|
paper|softmatic_receipt_dm_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/C/dm_18052020_03_00355.jpg|resize|394cf4eb416688bb|
paper|softmatic_receipt_kaufland_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/C/kaufland_14052020_04_01378.jpg|resize|f5ac6652afd4ca64|
paper|softmatic_receipt_mediamarkt_b_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/C/mediamarkt_31012019_01_15500.jpg|resize|6f1282432959a715|
paper|softmatic_receipt_rossmann_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/C/rossmann_20052020_03_01733.jpg|resize|6a7745da233a5fb8|
paper|softmatic_receipt_saturn_a_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/C/saturn_08092017_112900.jpg|resize|678df71010f82449|
paper|softmatic_receipt_saturn_b_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/C/saturn_20052020_02_09986.jpg|resize|8663ee76d51b573c|
paper|softmatic_receipt_tanke_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/C/tanke_07092018_01_03400.jpg|resize|617c437285ed3c91|
paper|softmatic_receipt_marktkauf_c_scan.jpg|softmatic/vision-data|9062febd225986dc567777015f11d3db3a363086|2D/Receipts/C/marktkauf_18052020_12_02384.jpg|resize|f9a6b59d76c1e78d|
# ---------- paper: documents photographed ----------
paper|hwocr_page01_hello_table.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/page01.jpg|resize|02f85bca57b9f06d|
paper|hwocr_page02_hello_pink.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/page02.jpg|resize|b246073207ab441e|
paper|hwocr_page03_notebook.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/page03.jpg|copy|800efd7b5eceee2a|
paper|hwocr_page04_notebook_open.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/page04.jpg|copy|42a8959bb73de27c|
paper|hwocr_page05_notebook_crop.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/page05.jpg|resize|0d9a303865bc44ab|
paper|hwocr_page06_ledger_book.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/page06.jpg|resize|4ee14cc69ea96726|
paper|hwocr_page08_notes_folder.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/page08.jpg|resize|aa386626e3b21a88|
paper|hwocr_page09_text_written.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/page09.jpg|resize|ee5303d8357edc65|
paper|hwocr_page10_sheet_desk.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/page10.jpg|resize|67c83cf5221727fe|
paper|hwocr_test1.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/test1.jpg|resize|d4fc935cc7379668|
paper|hwocr_test2.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/test2.jpg|resize|b04c91b2898b9312|
paper|hwocr_test3.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/test3.jpg|resize|91a2e320acf7fab2|
paper|hwocr_test4.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/test4.jpg|resize|4f834f2531bbf0d7|
paper|hwocr_test5.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/test5.jpg|resize|a39d505f63705c33|
paper|hwocr_text1.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/text1.jpg|resize|3709a98af5f4da2e|
paper|hwocr_text2.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/text2.jpg|resize|64ad1ba17be85b2f|
paper|hwocr_text3.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/text3.jpg|resize|3804be262c79250c|
paper|hwocr_text4.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/text4.jpg|resize|34bdce2754aa1f67|
paper|hwocr_text5.jpg|Breta01/handwriting-ocr|64457fa24e8513d614111c554b8591943fc5c289|data/pages/text5.jpg|resize|31b3aa6494a26db1|
paper|hwocr_old_test1.jpg|Breta01/handwriting-ocr|87bc476e40915b6ef757761c6e5dfc3e8930f612|test/1.jpg|resize|f3928d3c57c9ac39|
paper|hwocr_old_test3.jpg|Breta01/handwriting-ocr|87bc476e40915b6ef757761c6e5dfc3e8930f612|test/3.jpg|resize|c63d8c338fac9d83|
paper|az_doc_checklist_form_photo.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/layout/layout-checklist.png|tojpg|f4fd13d66ac8a9f6|
paper|textractor_doc_intake_form_photo.jpg|aws-samples/amazon-textract-textractor|f34c34a6c75dd4675642e52c1bad5a6c0eaf8ee4|tpipelinegeofinder/tests/data/patient_intake_form_sample.jpg|resize|b0f73e4ff9f56777|nogps
paper|noteshrink_notes_a1.jpg|mzucker/noteshrink|7d876e5b43923c6bf8d64b7ef18f6855bfb30ce3|examples/notesA1.jpg|resize|b29000f96205483f|
paper|noteshrink_notes_a2.jpg|mzucker/noteshrink|7d876e5b43923c6bf8d64b7ef18f6855bfb30ce3|examples/notesA2.jpg|resize|8b16b40bf601f274|
paper|noteshrink_notes_b1.jpg|mzucker/noteshrink|7d876e5b43923c6bf8d64b7ef18f6855bfb30ce3|examples/notesB1.jpg|resize|6f854e47ae1d37a0|
paper|noteshrink_notes_b2.jpg|mzucker/noteshrink|7d876e5b43923c6bf8d64b7ef18f6855bfb30ce3|examples/notesB2.jpg|resize|2082bb75542d6ad0|
paper|noteshrink_graph_paper.jpg|mzucker/noteshrink|7d876e5b43923c6bf8d64b7ef18f6855bfb30ce3|examples/graph-paper-front.jpg|resize|52e131610f439be5|
paper|noteshrink_tree_diagram.jpg|mzucker/noteshrink|7d876e5b43923c6bf8d64b7ef18f6855bfb30ce3|examples/tree.jpg|resize|99eea119344b2f26|
paper|wbenh_whiteboard_1.jpg|santhalakshminarayana/whiteboard-image-enhance|508ff2d33460bf215ac79f6afad22332ee770079|images/1.jpeg|resize|3e89a0a1bb3dd436|
paper|wbenh_whiteboard_11.jpg|santhalakshminarayana/whiteboard-image-enhance|508ff2d33460bf215ac79f6afad22332ee770079|images/11.jpg|copy|434bf1e3805ea20c|
paper|wbenh_whiteboard_2.jpg|santhalakshminarayana/whiteboard-image-enhance|508ff2d33460bf215ac79f6afad22332ee770079|images/2.jpeg|resize|02dfea66bbc6e904|
paper|wbenh_whiteboard_22.jpg|santhalakshminarayana/whiteboard-image-enhance|508ff2d33460bf215ac79f6afad22332ee770079|images/22.jpg|resize|ccc0b5da5d766fe7|
# ---------- paper: documents flat ----------
paper|textractor_doc_vaccine_form_scan.jpg|aws-samples/amazon-textract-textractor|f34c34a6c75dd4675642e52c1bad5a6c0eaf8ee4|tests/fixtures/signature.jpg|resize|7e023f39db5c1495|
paper|az_doc_japanese_form_scan.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/layout/layout-page-001.jpg|copy|7d563c2b3fd07829|
paper|textractor_doc_application_form_scan.jpg|aws-samples/amazon-textract-textractor|f34c34a6c75dd4675642e52c1bad5a6c0eaf8ee4|tests/fixtures/form.png|tojpg|a166c87bf5c975cb|
paper|az_doc_contract_scan.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/contract/contract.png|tojpg|ebbc4f714f652aff|
paper|az_doc_invoice_flat.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/invoice/invoice_sample.jpg|resize|489f0c63b6a05e0a|
paper|az_doc_article_flat.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/read/read.png|tojpg|6f8115084e6f7ccb|
paper|az_doc_article_german_flat.jpg|Azure-Samples/document-intelligence-code-samples|8ac994c2712f3104d00ca4224b0ded6fd1ecbf70|Data/read/read-german.png|tojpg|fcb9631a4b0c11d1|
# screenshots are always stored at native size (mode copy, byte-identical): never resize them
# ---------- screenshots: android phone / tablet / watch ----------
screenshots|catima_wear_cards.png|CatimaLoyalty/Android|80ec71d9d9df8da45f7915ff10c1953aafbb0c0f|fastlane/metadata/android/en-US/images/wearScreenshots/screenshot-01.png|copy|f8fc21fa9454d484|
screenshots|catima_add_card.png|CatimaLoyalty/Android|80ec71d9d9df8da45f7915ff10c1953aafbb0c0f|fastlane/metadata/android/en-US/images/phoneScreenshots/screenshot-03.png|copy|642507975f49ad38|
screenshots|catima_card_grid.png|CatimaLoyalty/Android|80ec71d9d9df8da45f7915ff10c1953aafbb0c0f|fastlane/metadata/android/en-US/images/phoneScreenshots/screenshot-05.png|copy|d845028386ef02ec|
screenshots|trailsense_tools.png|kylecorry31/Trail-Sense|b838080f8443e96caa268ce536103c1fc3c0ad06|fastlane/metadata/android/en-US/images/phoneScreenshots/1.png|copy|6a8275a7376706f9|
screenshots|trailsense_trail.png|kylecorry31/Trail-Sense|b838080f8443e96caa268ce536103c1fc3c0ad06|fastlane/metadata/android/en-US/images/phoneScreenshots/2.png|copy|328a5e72ca8d1520|
screenshots|trailsense_ar_sky.jpg|kylecorry31/Trail-Sense|b838080f8443e96caa268ce536103c1fc3c0ad06|fastlane/metadata/android/en-US/images/phoneScreenshots/3.jpg|copy|765c9d41dec68bb9|
screenshots|trailsense_map.jpg|kylecorry31/Trail-Sense|b838080f8443e96caa268ce536103c1fc3c0ad06|fastlane/metadata/android/en-US/images/phoneScreenshots/6.jpg|copy|f6e8e1a7acfc243d|
screenshots|keepassdx_screen1.png|Kunzisoft/KeePassDX|e94bf93079687c4f0f23b562788178bff623cb94|fastlane/metadata/android/en-US/images/phoneScreenshots/screen1.png|copy|4352c219d21d3e91|
screenshots|keepassdx_screen3.png|Kunzisoft/KeePassDX|e94bf93079687c4f0f23b562788178bff623cb94|fastlane/metadata/android/en-US/images/phoneScreenshots/screen3.png|copy|008f8beec2f13bb3|
screenshots|keepassdx_screen5.png|Kunzisoft/KeePassDX|e94bf93079687c4f0f23b562788178bff623cb94|fastlane/metadata/android/en-US/images/phoneScreenshots/screen5.png|copy|ab2c1e398a95d2ac|
screenshots|keepassdx_screen7.png|Kunzisoft/KeePassDX|e94bf93079687c4f0f23b562788178bff623cb94|fastlane/metadata/android/en-US/images/phoneScreenshots/screen7.png|copy|4d805f0000a1df34|
screenshots|feeder_foldable_settings_light.png|spacecowboy/Feeder|091ca126272dfd6de4535bf508e4c73adec6e274|fastlane/metadata/android/en-US/images/sevenInchScreenshots/5_en-US_foldable_portrait_light_settings.png|copy|59a96543df86ba19|
screenshots|breezy_main_light.png|breezy-weather/breezy-weather|eda0d87e0db9084d3d9ab599e3f9dd2ca1d897fd|fastlane/metadata/android/en-US/images/phoneScreenshots/01-main-header-light.png|copy|916bc9002c1c97be|
screenshots|breezy_main_dark.png|breezy-weather/breezy-weather|eda0d87e0db9084d3d9ab599e3f9dd2ca1d897fd|fastlane/metadata/android/en-US/images/phoneScreenshots/02-main-header-dark.png|copy|a810c2d7a81bed70|
screenshots|breezy_settings.png|breezy-weather/breezy-weather|eda0d87e0db9084d3d9ab599e3f9dd2ca1d897fd|fastlane/metadata/android/en-US/images/phoneScreenshots/05-settings.png|copy|4218e12558a2f3ef|
screenshots|breezy_details.png|breezy-weather/breezy-weather|eda0d87e0db9084d3d9ab599e3f9dd2ca1d897fd|fastlane/metadata/android/en-US/images/phoneScreenshots/07-details.png|copy|ea25b4c1d63a13d6|
screenshots|kiss_amoled_dark.png|Neamar/KISS|3573249c6529d8742f98026ab4ec8611df5fd1d2|docs/screenshots/amoled-dark-theme.png|copy|e605fbb0294bdbe3|
screenshots|kiss_assist_app.png|Neamar/KISS|3573249c6529d8742f98026ab4ec8611df5fd1d2|docs/screenshots/assist-app.png|copy|4efdcdff3f7af6c9|
screenshots|kiss_search_provider_dialog.png|Neamar/KISS|3573249c6529d8742f98026ab4ec8611df5fd1d2|docs/screenshots/add-search-provider-2.png|copy|2b749e085e55d44a|
screenshots|antimine_game1.png|lucasnlm/antimine-android|86400370a7b7bd8e27ccc6520065c6b68d64b8f2|fastlane/metadata/android/en-US/images/phoneScreenshots/1.png|copy|6fabb927ff077391|
screenshots|antimine_controls.png|lucasnlm/antimine-android|86400370a7b7bd8e27ccc6520065c6b68d64b8f2|fastlane/metadata/android/en-US/images/phoneScreenshots/3.png|copy|6fc72562bf4ea399|
screenshots|antimine_themes.png|lucasnlm/antimine-android|86400370a7b7bd8e27ccc6520065c6b68d64b8f2|fastlane/metadata/android/en-US/images/phoneScreenshots/5.png|copy|e9e7bafa3258f264|
screenshots|antimine_stats.png|lucasnlm/antimine-android|86400370a7b7bd8e27ccc6520065c6b68d64b8f2|fastlane/metadata/android/en-US/images/phoneScreenshots/8.png|copy|49f4f180d366088a|
screenshots|markor_editor.jpg|gsantner/markor|e05521f798dfc8a4a8a2721d7eeeedc0d8a3197c|metadata/en-US/phoneScreenshots/02.jpg|copy|5ab8d78292fa883d|
screenshots|markor_preview.jpg|gsantner/markor|e05521f798dfc8a4a8a2721d7eeeedc0d8a3197c|metadata/en-US/phoneScreenshots/03.jpg|copy|4ff0adc11495cffd|
screenshots|markor_todo.jpg|gsantner/markor|e05521f798dfc8a4a8a2721d7eeeedc0d8a3197c|metadata/en-US/phoneScreenshots/05.jpg|copy|09e5ec816d3efacb|
screenshots|termux_shell1.jpg|termux/termux-app|30ebb2dee381d292ade0f2868cfde0f9f20b89fe|fastlane/metadata/android/en-US/images/phoneScreenshots/1.jpg|copy|251bfca35aeb9729|
screenshots|termux_shell2.jpg|termux/termux-app|30ebb2dee381d292ade0f2868cfde0f9f20b89fe|fastlane/metadata/android/en-US/images/phoneScreenshots/2.jpg|copy|3663867efe7da0c1|
screenshots|termux_shell3.jpg|termux/termux-app|30ebb2dee381d292ade0f2868cfde0f9f20b89fe|fastlane/metadata/android/en-US/images/phoneScreenshots/3.jpg|copy|74dc7fbc2d7ccdaa|
screenshots|termux_shell4.jpg|termux/termux-app|30ebb2dee381d292ade0f2868cfde0f9f20b89fe|fastlane/metadata/android/en-US/images/phoneScreenshots/4.jpg|copy|0176bc4168e49a52|
screenshots|wradar_radar_map.png|dh4/WeatherRadar|9c9b61a91e8e2163fed877c8d649ac9b7b2e33a8|fastlane/metadata/android/en-US/images/phoneScreenshots/1.png|copy|a643329bffb22a3c|
screenshots|wradar_menu_dark.png|dh4/WeatherRadar|9c9b61a91e8e2163fed877c8d649ac9b7b2e33a8|fastlane/metadata/android/en-US/images/phoneScreenshots/4.png|copy|feac9e2556f40a7e|
screenshots|mahjong_menu.png|edave64/ED-Mahjong|c74ba1ea9106b53564e1e3e2adb58e13bbebba1b|fastlane/metadata/android/en-US/images/phoneScreenshots/1.png|copy|7e3bf0c62cbe4d9b|
screenshots|mahjong_game_landscape.png|edave64/ED-Mahjong|c74ba1ea9106b53564e1e3e2adb58e13bbebba1b|fastlane/metadata/android/en-US/images/phoneScreenshots/3.png|copy|f1f6e321c697eb7d|
screenshots|mahjong_game_tablet.png|edave64/ED-Mahjong|c74ba1ea9106b53564e1e3e2adb58e13bbebba1b|fastlane/metadata/android/en-US/images/tenInchScreenshots/3.png|copy|130c63c2e30bebc2|
screenshots|convnow_currencies_phone.png|ferraridamiano/ConverterNOW|842a43e1b33b2db10eabf07b25195b4454b8d748|fastlane/metadata/android/en-US/images/phoneScreenshots/1.png|copy|01a94b29d055882e|
screenshots|convnow_currencies_tablet.jpg|ferraridamiano/ConverterNOW|842a43e1b33b2db10eabf07b25195b4454b8d748|fastlane/metadata/android/en-US/images/tenInchScreenshots/1.jpg|copy|ebfd788034c3a044|
screenshots|fahrplan_statistic.png|johnjohndoe/CampFahrplan|21d193db4f7a71c27dc5b2f8cca4c93d7de36cbd|docs/gfx/schedule-statistic-screen.png|copy|6bb5f4bf2cf7a0b2|
screenshots|fahrplan_interval_dialog.png|johnjohndoe/CampFahrplan|21d193db4f7a71c27dc5b2f8cca4c93d7de36cbd|docs/gfx/settings-choose-a-schedule-interval-dialog.png|copy|121a3c26127ead8c|
screenshots|atox_chat.jpg|evilcorpltd/aTox|3f34fead11da8ba80880665a98adb47ca6cb4027|fastlane/metadata/android/en-US/images/phoneScreenshots/1.jpg|copy|841b6250e2975414|
screenshots|atox_contacts.png|evilcorpltd/aTox|3f34fead11da8ba80880665a98adb47ca6cb4027|fastlane/metadata/android/en-US/images/phoneScreenshots/2.png|copy|68886c67b881a2b3|
# ---------- screenshots: iPhone / iPad ----------
screenshots|pgpro_iphone_encrypt.png|lucanaef/PGPro|febdf1fafd54d6022102026e0db6f0545fd85bdb|fastlane/screenshots/en-US/iPhone 11 Pro Max-1-EncryptionView.png|copy|e28b9f4f316e7dee|
screenshots|pgpro_iphone_keychain.png|lucanaef/PGPro|febdf1fafd54d6022102026e0db6f0545fd85bdb|fastlane/screenshots/en-US/iPhone 11 Pro Max-3-KeychainView.png|copy|ccf5690ec3d0ac03|
screenshots|pgpro_iphone8_settings.png|lucanaef/PGPro|febdf1fafd54d6022102026e0db6f0545fd85bdb|fastlane/screenshots/en-US/iPhone 8 Plus-5-SettingsView.png|copy|b64fec8b5fa51631|
screenshots|pgpro_ipad_keychain.png|lucanaef/PGPro|febdf1fafd54d6022102026e0db6f0545fd85bdb|fastlane/screenshots/en-US/iPad Pro (12.9-inch) (5th generation)-3-KeychainView.png|copy|d19f79a687bc629d|
# ---------- screenshots: desktop / web / terminal ----------
screenshots|flatseal_builder.png|tchx84/Flatseal|280c399bcd317a3e17810f3607266f5d03ca63f0|screenshots/en/1.png|copy|9476f88ddf39546f|
screenshots|flatseal_portfolio.png|tchx84/Flatseal|280c399bcd317a3e17810f3607266f5d03ca63f0|screenshots/en/2.png|copy|cc1323e86bfb375c|
screenshots|flatseal_all_apps.png|tchx84/Flatseal|280c399bcd317a3e17810f3607266f5d03ca63f0|screenshots/en/3.png|copy|fd6b707949e30932|
screenshots|foliate_dark.png|johnfactotum/foliate|8a8818e64921007ce7427252087dd7f74418fb0e|data/screenshots/dark.png|copy|942a765b576b788c|
screenshots|foliate_lookup.png|johnfactotum/foliate|8a8818e64921007ce7427252087dd7f74418fb0e|data/screenshots/lookup.png|copy|d401753f306f3cbb|
screenshots|foliate_vertical.png|johnfactotum/foliate|8a8818e64921007ce7427252087dd7f74418fb0e|data/screenshots/vertical.png|copy|3d1f6b291f451117|
screenshots|notepads_dark.png|JasonStein/Notepads|c27b94159ae4f4a058ed3af72cb4bc5ec30efb0c|ScreenShots/1.png|copy|03f7ef338ab48ea8|
screenshots|notepads_menu.png|JasonStein/Notepads|c27b94159ae4f4a058ed3af72cb4bc5ec30efb0c|ScreenShots/2.png|copy|d5bdf348145ff692|
screenshots|notepads_settings_light.png|JasonStein/Notepads|c27b94159ae4f4a058ed3af72cb4bc5ec30efb0c|ScreenShots/4.png|copy|138acf04e70d96ac|
screenshots|btop_normal.png|aristocratos/btop|cc59c7cfb0c55539bfc942279a4cbdc6e61e2000|Img/normal.png|copy|3a00dc3f54b60e7e|
screenshots|btop_options_menu.png|aristocratos/btop|cc59c7cfb0c55539bfc942279a4cbdc6e61e2000|Img/options-menu.png|copy|a8344914cb33be35|
screenshots|btop_tty.png|aristocratos/btop|cc59c7cfb0c55539bfc942279a4cbdc6e61e2000|Img/tty.png|copy|22c959eab13416a2|
screenshots|k9s_health.png|derailed/k9s|24cf4628541eca9e2979ae7294e0e91578e8357a|assets/k9s_health.png|copy|efb85c39ec51f266|
screenshots|k9s_popeye_report.png|derailed/k9s|24cf4628541eca9e2979ae7294e0e91578e8357a|assets/popeye/report.png|copy|33d9b35a876af7c5|
screenshots|papermod_web_home.png|adityatelange/hugo-PaperMod|d3768854d00ad003b0a8dbdba254ce9224377a01|images/screenshot.png|copy|dba5abb4e83f4d97|
screenshots|hugobook_web_docs.png|alex-shpak/hugo-book|162c806e991b63d8a8bbfcd1c8d41ad650ebd07e|images/screenshot.png|copy|7ce4dfa28ab3dbb6|
screenshots|voyager_web_desktop1.png|aeharding/voyager|27c074a9a94157833bbcf3e56ce355e15dbbda0f|public/screenshots/desktop/1.png|copy|c0a2585d07228c7b|
screenshots|voyager_web_desktop3.png|aeharding/voyager|27c074a9a94157833bbcf3e56ce355e15dbbda0f|public/screenshots/desktop/3.png|copy|b7e18af616917c32|
screenshots|kpxc_autotype_settings.png|keepassxreboot/keepassxc|95bae8377c88f46fda565e09fee25d7ba684fe9e|docs/images/autotype_settings.png|copy|151852ef99544a40|
screenshots|kpxc_browser_settings.png|keepassxreboot/keepassxc|95bae8377c88f46fda565e09fee25d7ba684fe9e|docs/images/browser_database_settings.png|copy|f9fba68df3cb61a6|
screenshots|qute_main.png|qutebrowser/qutebrowser|e688202adb6f99cf830e0917b62bdc899a61a973|doc/img/main.png|copy|9d12b3a849b6df8a|
screenshots|qute_hints.png|qutebrowser/qutebrowser|e688202adb6f99cf830e0917b62bdc899a61a973|doc/img/hints.png|copy|4aa5d32af948c793|
screenshots|qute_completion.png|qutebrowser/qutebrowser|e688202adb6f99cf830e0917b62bdc899a61a973|doc/img/completion.png|copy|58c4eb8848b12856|
screenshots|qute_downloads.png|qutebrowser/qutebrowser|e688202adb6f99cf830e0917b62bdc899a61a973|doc/img/downloads.png|copy|fa95c0ba8da987bb|
screenshots|copyq_main.png|hluk/CopyQ|96b8d81ce30f8ebe0dc3124e1f2a25c40a823cf9|docs/images/copyq-show.png|copy|7c183ab7c7f76f5d|
screenshots|copyq_tray_menu.png|hluk/CopyQ|96b8d81ce30f8ebe0dc3124e1f2a25c40a823cf9|docs/images/copyq-menu.png|copy|e970826fda629868|
screenshots|copyq_prefs.png|hluk/CopyQ|96b8d81ce30f8ebe0dc3124e1f2a25c40a823cf9|docs/images/image-editor.png|copy|bce0e14fc34cb44c|
screenshots|extmgr_browse_dark.png|mjakeman/extension-manager|1fc2789451e958dc571fd1f8f7c991d21c5d4d3e|data/screenshot-browse-dark.png|copy|1ccd26104127e201|
screenshots|extmgr_details_light.png|mjakeman/extension-manager|1fc2789451e958dc571fd1f8f7c991d21c5d4d3e|data/screenshot-details-light.png|copy|e26751b256b11659|
screenshots|extmgr_upgrade_dark.png|mjakeman/extension-manager|1fc2789451e958dc571fd1f8f7c991d21c5d4d3e|data/screenshot-upgrade-assistant-dark.png|copy|a40efc04992b772f|
screenshots|wike_article.png|hugolabe/Wike|b9ebebcefebdf04642415aba0fa4763e5a75b6d0|data/screenshots/wike-01.png|copy|9147a62d1e17447d|
screenshots|cartridges_library.png|kra-mo/cartridges|6c6d41375ae21eab38bda21be4044cdcd756e617|data/screenshots/1.png|copy|4e104477982b3a8e|
screenshots|cartridges_game_details.png|kra-mo/cartridges|6c6d41375ae21eab38bda21be4044cdcd756e617|data/screenshots/2.png|copy|a9185f04c8de39e7|
screenshots|cartridges_edit_dialog.png|kra-mo/cartridges|6c6d41375ae21eab38bda21be4044cdcd756e617|data/screenshots/3.png|copy|21b11fcd1c8504b0|
screenshots|cartridges_prefs.png|kra-mo/cartridges|6c6d41375ae21eab38bda21be4044cdcd756e617|data/screenshots/4.png|copy|852bcbeed1edfd4a|
# ---------- screenshots folder: graphic negatives ----------
screenshots|graphic_k9s_logo.png|derailed/k9s|24cf4628541eca9e2979ae7294e0e91578e8357a|assets/k9s.png|copy|876bb59ca1692645|
screenshots|graphic_k9s_xray_logo.png|derailed/k9s|24cf4628541eca9e2979ae7294e0e91578e8357a|assets/k9s_xray.png|copy|323b305bdfea0196|
screenshots|graphic_florisboard_icon.png|florisboard/florisboard|e4a640ba4cfcb329550895e3202ad8d2ef2783cb|fastlane/metadata/android/en-US/images/icon.png|copy|633c6aab7959a2d1|
screenshots|graphic_keepassdx_feature.png|Kunzisoft/KeePassDX|e94bf93079687c4f0f23b562788178bff623cb94|fastlane/metadata/android/en-US/images/featureGraphic.png|copy|26cbea1bb4cf21b4|
screenshots|graphic_wradar_icon.png|dh4/WeatherRadar|9c9b61a91e8e2163fed877c8d649ac9b7b2e33a8|fastlane/metadata/android/en-US/images/icon.png|copy|87dc5e1bf33eb1da|
screenshots|graphic_convnow_feature.png|ferraridamiano/ConverterNOW|842a43e1b33b2db10eabf07b25195b4454b8d748|fastlane/metadata/android/en-US/images/featureGraphic.png|copy|435bf5c6d2779b24|
screenshots|graphic_cairn_feature.png|MatthieuTinnes/CairnGPS|41914794307851d8ae76fb2bdb11278dd315326e|fastlane/metadata/android/en-US/images/featureGraphic.png|copy|ed732d7897c49bbb|
screenshots|graphic_mhabit_feature.png|FriesI23/mhabit|a8444d2d91debe944f90cd84e1dc4b8881e2dcdc|fastlane/metadata/android/en-US/images/featureGraphic.png|copy|c384bf9dec766f02|
screenshots|graphic_atox_feature.png|evilcorpltd/aTox|3f34fead11da8ba80880665a98adb47ca6cb4027|fastlane/metadata/android/en-US/images/featureGraphic.png|copy|82de329353a924ad|
screenshots|graphic_hugocoder_logo.png|luizdepra/hugo-coder|58d956f41c056a12e15d5b6ee27c54fc98cd6e49|images/logos/logotype-b.png|copy|ca89b778f4b02304|
screenshots|graphic_nheko_logo.png|Nheko-Reborn/nheko|90ff9c6f36dd9df9e0e23212c34b83ec61772bba|resources/nheko-1024.png|copy|17d0539f0601f4c7|
LIST
echo "done: $(ls "$OUT/paper" | grep -vc -e labels.csv -e SOURCES.md) paper files, $(ls "$OUT/screenshots" | grep -vc -e labels.csv -e SOURCES.md) screenshot files"
