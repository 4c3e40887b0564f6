#!/usr/bin/env bash
# Rebuilds tests/validation/{good,hard-sharp,animals}/*.jpg from public GitHub repositories.
#
# Usage: photos.sh [OUT_ROOT]
#   OUT_ROOT defaults to the folder above this script (tests/validation).
#   Mirrors: each repository owner/name is read from the bare git directory
#   "$MIRROR_ROOT/owner+name/repo" (MIRROR_ROOT defaults to /work/.mirror, the layout the
#   fetch tool creates). A single repository can be redirected with an environment variable
#   named GITDIR_<owner>_<name> (non-alphanumerics replaced by _), e.g.
#   GITDIR_IBM_MAX_ResNet_50=/path/to/MAX-ResNet-50.git
#
# Steps per file (the column "mode"):
#   copy   : git show COMMIT:PATH > OUT                     (byte-identical)
#   q90    : convert SRC -quality 90 OUT.jpg                (PNG source, or a JPEG re-encoded to save space)
#   resize : convert SRC -resize '1600x1600>' -quality 90 OUT.jpg
#   q85    : convert SRC -quality 85 OUT.jpg                (re-encoded at quality 85 to keep tests/validation within 150 MB)
#   resize85: convert SRC -resize '1600x1600>' -quality 85 OUT.jpg (same, for sources larger than 1600 px)
#   gps    : afterwards exiftool -overwrite_original -gps:all= '-xmp-exif:gps*=' OUT
# ImageMagick keeps EXIF; nothing is auto-oriented.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
OUT_ROOT=${1:-$here}
MIRROR_ROOT=${MIRROR_ROOT:-/work/.mirror}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

gitdir() {
  local repo=$1 var
  var="GITDIR_$(printf '%s' "$repo" | tr -c 'A-Za-z0-9' '_')"
  if [ -n "${!var:-}" ]; then printf '%s' "${!var}"; else printf '%s/%s/repo' "$MIRROR_ROOT" "${repo/\//+}"; fi
}

while IFS=$'\t' read -r folder out repo commit mode gps path; do
  [ -z "$folder" ] && continue
  mkdir -p "$OUT_ROOT/$folder"
  dst="$OUT_ROOT/$folder/$out"
  ext="${path##*.}"; src="$tmp/src.${ext,,}"
  git --git-dir="$(gitdir "$repo")" show "$commit:$path" > "$src"
  case "$mode" in
    copy)   cp "$src" "$dst" ;;
    q90)    convert "$src" -quality 90 "$dst" ;;
    resize) convert "$src" -resize '1600x1600>' -quality 90 "$dst" ;;
    q85)    convert "$src" -quality 85 "$dst" ;;
    resize85) convert "$src" -resize '1600x1600>' -quality 85 "$dst" ;;
    *) echo "unknown mode $mode" >&2; exit 1 ;;
  esac
  if [ "$gps" = gps ]; then exiftool -q -q -overwrite_original -gps:all= '-xmp-exif:gps*=' "$dst"; fi
  echo "$folder/$out"
done <<'TABLE'
animals	exifr_door-knocker.jpg	MikeKovarik/exifr	6cbf6e921688faf7723e1f2e0b9e672d1f0aa21c	copy	-	test/fixtures/door-knocker.jpg
animals	exifr_img_5910.jpg	MikeKovarik/exifr	6cbf6e921688faf7723e1f2e0b9e672d1f0aa21c	q90	-	test/fixtures/sidecar/IMG_5910.jpg
animals	maxcapw_art-board-close-up-1018484.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/art-board-close-up-1018484.jpg
animals	maxinc_cat.jpg	IBM/MAX-Inception-ResNet-v2	a23c1f6ee543feefc0df1959c02f07cc44fd0999	copy	-	samples/cat.jpg
animals	maxinc_shuttle.jpg	IBM/MAX-Inception-ResNet-v2	a23c1f6ee543feefc0df1959c02f07cc44fd0999	copy	-	samples/shuttle.jpg
animals	maxod_baby-bear.jpg	IBM/MAX-Object-Detector	7302bae74d4fdc33da24cd5e180b308d364bfd75	copy	-	samples/baby-bear.jpg
animals	maxres_elephant.jpg	IBM/MAX-Image-Resolution-Enhancer	8485fabcf16a8877a267eb3f4575da16832ce867	q90	-	samples/test_examples/original/elephant.png
animals	maxrn_taxis.jpg	IBM/MAX-ResNet-50	643dbe4064870461c20fb35da49e86ec6734d37c	copy	-	samples/taxis.jpg
animals	maxrn_toy_trained.jpg	IBM/MAX-ResNet-50	643dbe4064870461c20fb35da49e86ec6734d37c	resize	-	samples/toy_trained.jpg
animals	maxsegw_cow.jpg	IBM/MAX-Image-Segmenter-Web-App	21b9def7796a37b55b769ee212c0196b8aa1df4a	copy	-	assets/cow.jpg
animals	maxsegw_sportscar.jpg	IBM/MAX-Image-Segmenter-Web-App	21b9def7796a37b55b769ee212c0196b8aa1df4a	copy	-	assets/sportscar.jpg
animals	maxsegw_train.jpg	IBM/MAX-Image-Segmenter-Web-App	21b9def7796a37b55b769ee212c0196b8aa1df4a	copy	-	assets/train.jpg
animals	maxst_columns.jpg	IBM/MAX-Fast-Neural-Style-Transfer	be6db0596d96c43bf971226e66479ef3fb55ec54	copy	-	samples/columns.jpg
animals	skimage_chelsea.jpg	scikit-image/scikit-image	cd0a3d22b9f359f05618d75d5c7a29b91b4951ca	q90	-	src/_skimage2/data/chelsea.png
animals	wmanim_beaver.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/beaver.jpg
animals	wmanim_chameleon.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize	-	assets/animal/chameleon.jpg
animals	wmanim_cheetah.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/cheetah.jpg
animals	wmanim_chimpanzee.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize	-	assets/animal/chimpanzee.jpg
animals	wmanim_crow.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize	-	assets/animal/crow.jpg
animals	wmanim_giraffe.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/giraffe.jpg
animals	wmanim_iguana.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize	-	assets/animal/iguana.jpg
animals	wmanim_leopard.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize	-	assets/animal/leopard.jpg
animals	wmanim_lion.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/lion.jpg
animals	wmanim_macaque.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/macaque.jpg
animals	wmanim_octopus.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/octopus.jpg
animals	wmanim_orangutan.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	q90	-	assets/animal/orangutan.jpg
animals	wmanim_panda.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/panda.jpg
animals	wmanim_pheasant.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/pheasant.jpg
animals	wmanim_porcupine.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/porcupine.jpg
animals	wmanim_raccoon.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize	-	assets/animal/raccoon.jpg
animals	wmanim_sloth.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize	-	assets/animal/sloth.jpg
animals	wmanim_wombat.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize	-	assets/animal/wombat.jpg
good	exifr_img_20180725_163423.jpg	MikeKovarik/exifr	6cbf6e921688faf7723e1f2e0b9e672d1f0aa21c	resize85	gps	test/fixtures/IMG_20180725_163423.jpg
good	exifr_issue-fast-exif-2.jpg	MikeKovarik/exifr	6cbf6e921688faf7723e1f2e0b9e672d1f0aa21c	copy	-	test/fixtures/issue-fast-exif-2.jpg
good	exifr_issue-metadata-extractor-152.jpg	MikeKovarik/exifr	6cbf6e921688faf7723e1f2e0b9e672d1f0aa21c	resize85	gps	test/fixtures/issue-metadata-extractor-152.jpg
good	lychee_google_motion_photo_broken.jpg	LycheeOrg/Lychee	b8e4d1e832ca4eed9432a7acfaf9a36f69e68472	resize85	-	tests/Samples/google_motion_photo_broken.jpg
good	lychee_without_exif.jpg	LycheeOrg/Lychee	b8e4d1e832ca4eed9432a7acfaf9a36f69e68472	q85	-	tests/Samples/without_exif.jpg
good	maxcap_soccer.jpg	IBM/MAX-Image-Caption-Generator	a2286854a6d8bc2d3de8d698f44fdf835e24d110	copy	-	samples/soccer.jpg
good	maxcap_surfing.jpg	IBM/MAX-Image-Caption-Generator	a2286854a6d8bc2d3de8d698f44fdf835e24d110	copy	-	samples/surfing.jpg
good	maxcapw_7-action-athlete-896567.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/7-action-athlete-896567.jpg
good	maxcapw_action-activity-athlete-163487.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-activity-athlete-163487.jpg
good	maxcapw_action-adult-athlete-341003.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-adult-athlete-341003.jpg
good	maxcapw_action-adults-adventure-248547.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-adults-adventure-248547.jpg
good	maxcapw_action-adventure-beach-390051.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-adventure-beach-390051.jpg
good	maxcapw_action-american-athlete-209774.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-american-athlete-209774.jpg
good	maxcapw_action-australia-beach-533509.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-australia-beach-533509.jpg
good	maxcapw_action-balance-casual-428314.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-balance-casual-428314.jpg
good	maxcapw_action-balance-fun-305250.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-balance-fun-305250.jpg
good	maxcapw_action-beach-carribean-240513.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-beach-carribean-240513.jpg
good	maxcapw_action-cold-daylight-926687.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-cold-daylight-926687.jpg
good	maxcapw_athlete-ball-baseball-160533.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/athlete-ball-baseball-160533.jpg
good	maxcapw_athlete-ball-competition-2342.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/athlete-ball-competition-2342.jpg
good	maxcapw_athletes-audience-ball-39593.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/athletes-audience-ball-39593.jpg
good	maxcapw_athletes-audience-competition-171568.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/athletes-audience-competition-171568.jpg
good	maxcapw_athletes-baseball-celebration-163534.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/athletes-baseball-celebration-163534.jpg
good	maxcol_bw-city.jpg	IBM/MAX-Image-Colorizer	8a14212e8dbc445c20a1608d3e6a394644b2840c	copy	-	samples/bw-city.jpg
good	maxinc_dog.jpg	IBM/MAX-Inception-ResNet-v2	a23c1f6ee543feefc0df1959c02f07cc44fd0999	copy	-	samples/dog.jpg
good	maxinc_pizza.jpg	IBM/MAX-Inception-ResNet-v2	a23c1f6ee543feefc0df1959c02f07cc44fd0999	copy	-	samples/pizza.jpg
good	maxod_dog-human.jpg	IBM/MAX-Object-Detector	7302bae74d4fdc33da24cd5e180b308d364bfd75	copy	-	samples/dog-human.jpg
good	maxod_jockey.jpg	IBM/MAX-Object-Detector	7302bae74d4fdc33da24cd5e180b308d364bfd75	copy	-	samples/jockey.jpg
good	maxpose_pilots.jpg	IBM/MAX-Human-Pose-Estimator	7e1205e5edf04d258dc1d655aea02fc7c0b26ac6	copy	-	samples/Pilots.jpg
good	maxres_face.jpg	IBM/MAX-Image-Resolution-Enhancer	8485fabcf16a8877a267eb3f4575da16832ce867	q90	-	samples/test_examples/original/face.png
good	maxres_face_paint.jpg	IBM/MAX-Image-Resolution-Enhancer	8485fabcf16a8877a267eb3f4575da16832ce867	q90	-	samples/test_examples/original/face_paint.png
good	maxres_food.jpg	IBM/MAX-Image-Resolution-Enhancer	8485fabcf16a8877a267eb3f4575da16832ce867	q90	-	samples/test_examples/original/food.png
good	maxres_palm_tree.jpg	IBM/MAX-Image-Resolution-Enhancer	8485fabcf16a8877a267eb3f4575da16832ce867	q85	-	samples/test_examples/original/palm_tree.png
good	maxres_woman.jpg	IBM/MAX-Image-Resolution-Enhancer	8485fabcf16a8877a267eb3f4575da16832ce867	q90	-	samples/test_examples/original/woman.png
good	maxrn_burger.jpg	IBM/MAX-ResNet-50	643dbe4064870461c20fb35da49e86ec6734d37c	copy	-	samples/burger.jpg
good	maxscene_bakery.jpg	IBM/MAX-Scene-Classifier	7c5d12a0834787909fdbab16f13ebe5eb69ccb31	copy	-	samples/bakery.jpg
good	maxscene_city.jpg	IBM/MAX-Scene-Classifier	7c5d12a0834787909fdbab16f13ebe5eb69ccb31	copy	-	samples/city.jpg
good	maxscene_paris.jpg	IBM/MAX-Scene-Classifier	7c5d12a0834787909fdbab16f13ebe5eb69ccb31	copy	-	samples/paris.jpg
good	maxscene_ruins.jpg	IBM/MAX-Scene-Classifier	7c5d12a0834787909fdbab16f13ebe5eb69ccb31	copy	-	samples/ruins.jpg
good	maxsegw_bike_riders.jpg	IBM/MAX-Image-Segmenter-Web-App	21b9def7796a37b55b769ee212c0196b8aa1df4a	q85	-	assets/bike riders.jpg
good	maxsegw_milky_way.jpg	IBM/MAX-Image-Segmenter-Web-App	21b9def7796a37b55b769ee212c0196b8aa1df4a	q85	-	assets/milky way.jpg
good	maxsegw_sheep.jpg	IBM/MAX-Image-Segmenter-Web-App	21b9def7796a37b55b769ee212c0196b8aa1df4a	resize	-	assets/sheep.jpg
good	maxsegw_terrace.jpg	IBM/MAX-Image-Segmenter-Web-App	21b9def7796a37b55b769ee212c0196b8aa1df4a	q85	-	assets/terrace.jpg
good	maxst_beach-city.jpg	IBM/MAX-Fast-Neural-Style-Transfer	be6db0596d96c43bf971226e66479ef3fb55ec54	copy	-	samples/beach-city.jpg
good	maxst_bridge.jpg	IBM/MAX-Fast-Neural-Style-Transfer	be6db0596d96c43bf971226e66479ef3fb55ec54	copy	-	samples/bridge.jpg
good	opensfm_lund_01.jpg	mapillary/OpenSfM	238744cdf3b5d50149c50d136a87f7fea25ad5cd	copy	-	data/lund/images/01.jpg
good	opensfm_lund_08.jpg	mapillary/OpenSfM	238744cdf3b5d50149c50d136a87f7fea25ad5cd	copy	-	data/lund/images/08.jpg
good	opensfm_lund_12.jpg	mapillary/OpenSfM	238744cdf3b5d50149c50d136a87f7fea25ad5cd	copy	-	data/lund/images/12.jpg
good	opensfm_lund_17.jpg	mapillary/OpenSfM	238744cdf3b5d50149c50d136a87f7fea25ad5cd	copy	-	data/lund/images/17.jpg
good	opensfm_lund_24.jpg	mapillary/OpenSfM	238744cdf3b5d50149c50d136a87f7fea25ad5cd	copy	-	data/lund/images/24.jpg
good	photonix_tree.jpg	photonixapp/photonix	64c8f73c89d655f3581e7fcad2619e88ca7dd98c	copy	-	tests/photos/tree.jpg
good	photoview_boy1.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	copy	-	api/scanner/test_media/library/faces/boy1.jpg
good	photoview_boy2.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	copy	-	api/scanner/test_media/library/faces/boy2.jpg
good	photoview_correctgps.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	resize	-	api/scanner/externaltools/exif/test_data/CorrectGPS.jpg
good	photoview_girl_black_hair2.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	copy	-	api/scanner/test_media/library/faces/girl_black_hair2.jpg
good	photoview_girl_blond1.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	copy	-	api/scanner/test_media/library/faces/girl_blond1.jpg
good	photoview_girl_blond2.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	copy	-	api/scanner/test_media/library/faces/girl_blond2.jpg
good	photoview_girl_blond3.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	copy	-	api/scanner/test_media/library/faces/girl_blond3.jpg
good	photoview_lilac_lilac_bush_lilac.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	copy	-	api/scanner/test_media/library/lilac_lilac_bush_lilac.jpg
good	photoview_mount_merapi_volcano_indonesia.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	copy	-	api/scanner/test_media/library/mount_merapi_volcano_indonesia.jpg
good	recog_106_0867.jpg	nextcloud/recognize	ee3731726bd4717ae86f905af50b71ff70d97791	resize85	-	test/res/106_0867.JPG
good	recog_106_0874.jpg	nextcloud/recognize	ee3731726bd4717ae86f905af50b71ff70d97791	resize85	-	test/res/106_0874.JPG
good	recog_106_0883.jpg	nextcloud/recognize	ee3731726bd4717ae86f905af50b71ff70d97791	resize85	-	test/res/106_0883.JPG
good	recog_106_0884.jpg	nextcloud/recognize	ee3731726bd4717ae86f905af50b71ff70d97791	resize85	-	test/res/106_0884.JPG
good	recog_107_0668.jpg	nextcloud/recognize	ee3731726bd4717ae86f905af50b71ff70d97791	resize85	-	test/res/107_0668.JPG
good	recog_109_0379.jpg	nextcloud/recognize	ee3731726bd4717ae86f905af50b71ff70d97791	q85	-	test/res/109_0379.JPG
good	recog_109_0383.jpg	nextcloud/recognize	ee3731726bd4717ae86f905af50b71ff70d97791	q90	-	test/res/109_0383.JPG
good	recog_110_0126.jpg	nextcloud/recognize	ee3731726bd4717ae86f905af50b71ff70d97791	resize85	-	test/res/110_0126.JPG
good	recog_alpine.jpg	nextcloud/recognize	e955222e2c4d71f0ea0d9d987dc796cb75616f55	resize	-	test/res/alpine.JPG
good	recog_eiffeltower.jpg	nextcloud/recognize	438522d4efbeaa5414f6fc76c1197d169e81ab4e	resize	-	test/res/eiffeltower.jpg
good	recog_geotagged.jpg	nextcloud/recognize	4a1049a5118fdadeaf40a7fe3441789d55b9fe78	q85	gps	test/res/geotagged.jpg
good	recog_geotagged2.jpg	nextcloud/recognize	4a1049a5118fdadeaf40a7fe3441789d55b9fe78	copy	gps	test/res/geotagged2.jpg
good	sigal_1.jpg	saimn/sigal	21ddc7cccd9a4a64b91f8fe04c7693f44e3fdb7a	copy	-	tests/sample/pictures/iptcTest/1.jpg
good	sigal_21.jpg	saimn/sigal	21ddc7cccd9a4a64b91f8fe04c7693f44e3fdb7a	copy	-	tests/sample/pictures/exifTest/21.jpg
good	sigal_22.jpg	saimn/sigal	21ddc7cccd9a4a64b91f8fe04c7693f44e3fdb7a	copy	-	tests/sample/pictures/exifTest/22.jpg
good	skimage_astronaut.jpg	scikit-image/scikit-image	cd0a3d22b9f359f05618d75d5c7a29b91b4951ca	q90	-	src/_skimage2/data/astronaut.png
good	skimage_camera.jpg	scikit-image/scikit-image	cd0a3d22b9f359f05618d75d5c7a29b91b4951ca	q90	-	src/_skimage2/data/camera.png
good	skimage_coffee.jpg	scikit-image/scikit-image	cd0a3d22b9f359f05618d75d5c7a29b91b4951ca	q90	-	src/_skimage2/data/coffee.png
good	thumbor_christophe_henner_-_june_2016.jpg	thumbor/thumbor	f686b58225456f95f49e272a43094105abf929a5	copy	-	thumbor/fixtures/filters/800px-Christophe_Henner_-_June_2016.jpg
good	thumbor_giunchedi_2c_filippo_january_2015_01.jpg	thumbor/thumbor	f686b58225456f95f49e272a43094105abf929a5	copy	-	thumbor/fixtures/filters/Giunchedi%2C_Filippo_January_2015_01.jpg
good	thumbor_guido-portrait-2014.jpg	thumbor/thumbor	f686b58225456f95f49e272a43094105abf929a5	copy	-	thumbor/fixtures/filters/800px-Guido-portrait-2014.jpg
good	thumbor_katherine_maher.jpg	thumbor/thumbor	f686b58225456f95f49e272a43094105abf929a5	copy	-	thumbor/fixtures/filters/800px-Katherine_Maher.jpg
good	wmanim_bison.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/bison.jpg
good	wmanim_camel.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	q85	-	assets/animal/camel.jpg
good	wmanim_clownfish.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/clownfish.jpg
good	wmanim_komodo.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/komodo.jpg
good	wmanim_penguin.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/penguin.jpg
good	wmanim_reindeer.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/reindeer.jpg
good	wmanim_rhinoceros.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/rhinoceros.jpg
good	wmanim_sea_turtle.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/sea_turtle.jpg
good	wmanim_shark.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	q85	-	assets/animal/shark.jpg
good	wmanim_stingray.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/stingray.jpg
good	wmanim_stork.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/stork.jpg
hard-sharp	exifr_xmp_depth_map.jpg	MikeKovarik/exifr	6cbf6e921688faf7723e1f2e0b9e672d1f0aa21c	resize	-	test/fixtures/xmp depth map.jpg
hard-sharp	lychee_fin_de_journ_e.jpg	LycheeOrg/Lychee	b8e4d1e832ca4eed9432a7acfaf9a36f69e68472	resize	-	tests/Samples/fin de journée.jpg
hard-sharp	maxcap_plane.jpg	IBM/MAX-Image-Caption-Generator	a2286854a6d8bc2d3de8d698f44fdf835e24d110	copy	-	samples/plane.jpg
hard-sharp	maxcapw_action-adult-adventure-298007.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-adult-adventure-298007.jpg
hard-sharp	maxcapw_action-adventure-bicycle-71104.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-adventure-bicycle-71104.jpg
hard-sharp	maxcapw_action-adventure-cold-298008.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-adventure-cold-298008.jpg
hard-sharp	maxcapw_action-asphalt-balancing-340991.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-asphalt-balancing-340991.jpg
hard-sharp	maxcapw_action-beach-birds-305268.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/action-beach-birds-305268.jpg
hard-sharp	maxcapw_ball-court-design-209977.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	q85	-	static/img/images/ball-court-design-209977.jpg
hard-sharp	maxcapw_biker-circuit-competition-63249.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/biker-circuit-competition-63249.jpg
hard-sharp	maxcapw_cold-cool-man-47356.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/cold-cool-man-47356.jpg
hard-sharp	maxcapw_cold-daylight-daytime-944657.jpg	IBM/MAX-Image-Caption-Generator-Web-App	a25fb301bfd041e622e97d98a77ece0770ef0316	copy	-	static/img/images/cold-daylight-daytime-944657.jpg
hard-sharp	maxcol_bw-cherry-blossoms.jpg	IBM/MAX-Image-Colorizer	8a14212e8dbc445c20a1608d3e6a394644b2840c	copy	-	samples/bw-cherry-blossoms.jpg
hard-sharp	maxod_a-pen-i-am.jpg	IBM/MAX-Object-Detector	7302bae74d4fdc33da24cd5e180b308d364bfd75	resize	-	samples/a-pen-i-am.jpg
hard-sharp	maxres_airplane.jpg	IBM/MAX-Image-Resolution-Enhancer	8485fabcf16a8877a267eb3f4575da16832ce867	resize85	-	samples/test_examples/original/airplane.png
hard-sharp	maxres_penguin.jpg	IBM/MAX-Image-Resolution-Enhancer	8485fabcf16a8877a267eb3f4575da16832ce867	q90	-	samples/test_examples/original/penguin.png
hard-sharp	maxrn_cat.jpg	IBM/MAX-ResNet-50	643dbe4064870461c20fb35da49e86ec6734d37c	resize85	-	samples/cat.jpg
hard-sharp	maxrn_coffee.jpg	IBM/MAX-ResNet-50	643dbe4064870461c20fb35da49e86ec6734d37c	copy	-	samples/coffee.jpg
hard-sharp	maxsegw_airplane.jpg	IBM/MAX-Image-Segmenter-Web-App	21b9def7796a37b55b769ee212c0196b8aa1df4a	copy	-	assets/airplane.jpg
hard-sharp	maxsegw_aurora_borealis.jpg	IBM/MAX-Image-Segmenter-Web-App	21b9def7796a37b55b769ee212c0196b8aa1df4a	copy	-	assets/aurora borealis.jpg
hard-sharp	maxst_flowers.jpg	IBM/MAX-Fast-Neural-Style-Transfer	be6db0596d96c43bf971226e66479ef3fb55ec54	copy	-	samples/flowers.jpg
hard-sharp	photonix_snow.jpg	photonixapp/photonix	64c8f73c89d655f3581e7fcad2619e88ca7dd98c	copy	-	tests/photos/snow.jpg
hard-sharp	photoview_bird.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	copy	gps	api/scanner/externaltools/exif/test_data/bird.jpg
hard-sharp	photoview_buttercup_close_summer_yellow.jpg	photoview/photoview	91cbeb410c32a0dde7bc1f02554c87e0b38b32f5	copy	-	api/scanner/test_media/library/buttercup_close_summer_yellow.jpg
hard-sharp	sigal_should_be_created.jpg	saimn/sigal	21ddc7cccd9a4a64b91f8fe04c7693f44e3fdb7a	copy	-	tests/sample/pictures/nomedia/created/should_be_created.jpg
hard-sharp	skimage_rocket.jpg	scikit-image/scikit-image	cd0a3d22b9f359f05618d75d5c7a29b91b4951ca	copy	-	src/_skimage2/data/rocket.jpg
hard-sharp	wmanim_ant.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/ant.jpg
hard-sharp	wmanim_bee.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/bee.jpg
hard-sharp	wmanim_beetle.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/beetle.jpg
hard-sharp	wmanim_dragonfly.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/dragonfly.jpg
hard-sharp	wmanim_duck.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/duck.jpg
hard-sharp	wmanim_eagle.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/eagle.jpg
hard-sharp	wmanim_frog.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/frog.jpg
hard-sharp	wmanim_gecko.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize	-	assets/animal/gecko.jpg
hard-sharp	wmanim_goose.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize	-	assets/animal/goose.jpg
hard-sharp	wmanim_hedgehog.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/hedgehog.jpg
hard-sharp	wmanim_heron.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/heron.jpg
hard-sharp	wmanim_lemur.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/lemur.jpg
hard-sharp	wmanim_mantis.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	q85	-	assets/animal/mantis.jpg
hard-sharp	wmanim_newt.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/newt.jpg
hard-sharp	wmanim_otter.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/otter.jpg
hard-sharp	wmanim_parrot.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/parrot.jpg
hard-sharp	wmanim_peacock.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/peacock.jpg
hard-sharp	wmanim_pigeon.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	copy	-	assets/animal/pigeon.jpg
hard-sharp	wmanim_seahorse.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/seahorse.jpg
hard-sharp	wmanim_seal.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/seal.jpg
hard-sharp	wmanim_sparrow.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/sparrow.jpg
hard-sharp	wmanim_squirrel.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/squirrel.jpg
hard-sharp	wmanim_swan.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/swan.jpg
hard-sharp	wmanim_turkey.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	resize85	-	assets/animal/turkey.jpg
hard-sharp	wmanim_walrus.jpg	410630486/114_web_midterm_project	54fef83eb63ab22d00e43919391d6faa9a036908	q90	-	assets/animal/walrus.jpg
TABLE
