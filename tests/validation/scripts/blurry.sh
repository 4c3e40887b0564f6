#!/usr/bin/env bash
# Rebuilds tests/validation/blurry/ from public GitHub snapshots.
#
# Usage: blurry.sh [OUTDIR]
#   Mirror (bare git) directories come from env vars, defaulting to the paths the
#   `fetch` tool produced:
#     MEI_GIT   drewnoakes/metadata-extractor-images  @ 4beba640487802442bc9931fb01274e908102d3a
#     FS_GIT    PetteriAimonen/focus-stack            @ d8532c82b33ed2123c655c4d2482db55e2e0fc9e
#     VL_GIT    vladiant/ImageDeblurring              @ 31d7d23080c33886de8d19802a8c60cb39d9886e
#     SD_GIT    Y-Vladimir/SmartDeblur                @ 5af573c7048ac49ef68e638f3405d3a571b96a8b
#     DC_GIT    drewnoakes/digicam_corpus             @ 6385e5eacf2dd242ff71e5828ff56ed691bfdc77
#
# Needs: git, ImageMagick 6 (convert), exiftool, sha256sum.
#
# Two kinds of files:
#  1. REAL photos (blurry ones, plus one sharp frame of the focus stack): extracted with
#     `git show COMMIT:PATH`, then copied byte-identical when the long side is
#     <= 1600 px, else `convert -resize 1600x1600> -quality 90` (EXIF kept, no
#     auto-orient).
#  2. COMPOSED pairs: a sharp camera photo stored as <name>.jpg (same rule as
#     above) plus two blurred copies made FROM THE STORED 1600-px FILE:
#       <name>_motion.jpg   convert SRC -motion-blur 0xS+A -quality Q
#                           (S = 16..48 px = 1%..3% of the 1600-px long side)
#       <name>_defocus.jpg  convert SRC -blur 0xR -quality Q              (method "blur")
#                       or  convert SRC -define convolve:scale='!' \
#                              -morphology Convolve Disk:R -quality Q     (method "disk")
#                           (R = 8..24 px = 0.5%..1.5% of the long side)
#     EXIF is kept by convert; afterwards the stale embedded EXIF thumbnail
#     (which still shows the sharp picture) is removed from the blurred copies
#     with `exiftool -overwrite_original -ThumbnailImage= FILE`.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../blurry}
mkdir -p "$OUT"

MEI_GIT=${MEI_GIT:-/work/.mirror/drewnoakes+metadata-extractor-images/repo}
MEI_COMMIT=4beba640487802442bc9931fb01274e908102d3a

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# store GITDIR COMMIT PATH NAME MODE   (MODE: copy | resize)
store() {
  local gitdir=$1 commit=$2 path=$3 name=$4 mode=$5
  git --git-dir="$gitdir" show "$commit:$path" > "$TMP/src"
  case "$mode" in
    copy)   cp "$TMP/src" "$OUT/$name.jpg" ;;
    resize) convert "$TMP/src" -resize '1600x1600>' -quality 90 "$OUT/$name.jpg" ;;
    *) echo "bad mode $mode" >&2; exit 1 ;;
  esac
}

# compose NAME S A METHOD R Q
compose() {
  local name=$1 s=$2 a=$3 method=$4 r=$5 q=$6
  local src="$OUT/$name.jpg"
  convert "$src" -motion-blur "0x${s}+${a}" -quality "$q" "$OUT/${name}_motion.jpg"
  if [ "$method" = disk ]; then
    convert "$src" -define convolve:scale='!' -morphology Convolve "Disk:$r" -quality "$q" "$OUT/${name}_defocus.jpg"
  else
    convert "$src" -blur "0x$r" -quality "$q" "$OUT/${name}_defocus.jpg"
  fi
  exiftool -q -overwrite_original -ThumbnailImage= "$OUT/${name}_motion.jpg" "$OUT/${name}_defocus.jpg" || true
}

############################################################################
# COMPOSED: sharp sources from drewnoakes/metadata-extractor-images
# name | original path | store mode | motion S | motion angle | defocus method | R | quality
############################################################################
while IFS='|' read -r name path mode s a method r q; do
  [ -z "$name" ] && continue
  store "$MEI_GIT" "$MEI_COMMIT" "$path" "$name" "$mode"
  compose "$name" "$s" "$a" "$method" "$r" "$q"
done <<'TABLE'
mei_canon_eos_30d_4|jpg/Canon EOS 30D (4).jpg|resize|48|39|blur|12|88
mei_canon_eos_350d|jpg/Canon EOS 350D.jpg|resize|27|76|blur|11|92
mei_canon_eos_450d|jpg/Canon EOS 450D.jpg|resize|16|151|blur|18|92
mei_canon_eos_5d|jpg/Canon EOS 5D.jpg|resize|46|162|disk|10|86
mei_canon_eos_1d_mk3|jpg/Canon EOS-1D Mark III (via Adobe Lightroom).jpg|resize|30|111|blur|8|86
mei_canon_eos_1ds|jpg/Canon EOS-1DS (after Noise Ninja).jpg|resize|25|135|blur|14|90
mei_canon_ixus_300|jpg/Canon IXUS 300.jpg|copy|22|60|blur|20|88
mei_canon_ixus_430|jpg/Canon IXUS 430.jpg|resize|38|13|disk|10|86
mei_canon_ixus_750|jpg/Canon IXUS 750.jpg|resize|21|45|blur|11|92
mei_canon_powershot_a20|jpg/Canon PowerShot A20.jpg|copy|40|120|blur|20|85
mei_canon_powershot_a560|jpg/Canon PowerShot A560.jpg|resize|23|160|blur|20|86
mei_canon_powershot_a70|jpg/Canon PowerShot A70.jpg|resize|18|135|blur|16|92
mei_canon_powershot_g2|jpg/Canon PowerShot G2.jpg|resize|22|0|disk|10|92
mei_canon_powershot_sd600|jpg/Canon PowerShot SD600.jpg|resize|45|62|blur|12|88
mei_casio_ex_z3|jpg/Casio EX-Z3.jpg|resize|39|120|blur|22|86
mei_casio_qv_3000ex|jpg/Casio QV-3000EX.jpg|resize|22|157|blur|8|90
mei_hp_photosmart_c812|jpg/HP PhotoSmart C812.jpg|resize|19|30|blur|23|92
mei_kodak_dx4330|jpg/Kodak DX4330.jpg|resize|16|141|blur|20|86
mei_kyocera_fc_s3|jpg/Kyocera FC-S3.jpg|resize|22|179|disk|10|90
mei_minolta_dimage_7|jpg/Minolta DiMAGE 7.jpg|resize|22|152|blur|18|88
mei_minolta_dimage_7hi|jpg/Minolta DiMAGE 7Hi.jpg|resize|34|85|blur|19|88
mei_minolta_dimage_s304|jpg/Minolta DiMAGE S304.jpg|resize|41|94|blur|20|90
mei_nikon_coolpix_775|jpg/Nikon Coolpix 775.jpg|copy|32|151|blur|24|88
mei_nikon_d100|jpg/Nikon D100.jpg|resize|23|9|blur|8|88
mei_nikon_d40|jpg/Nikon D40.jpg|resize|35|60|disk|9|90
mei_nikon_d60|jpg/Nikon D60.jpg|resize|40|30|blur|20|85
mei_nikon_e5700|jpg/Nikon E5700.jpg|resize|16|120|blur|19|85
mei_olympus_c40z|jpg/Olympus C40Z.jpg|resize|45|155|blur|10|90
mei_olympus_e_10|jpg/Olympus E-10.jpg|resize|34|45|blur|8|88
mei_olympus_s760|jpg/Olympus S760.jpg|resize|46|15|disk|8|88
mei_panasonic_dmc_lx3_lumix|jpg/Panasonic DMC-LX3 (Lumix).jpg|resize|26|90|blur|21|88
mei_panasonic_fz5|jpg/Panasonic FZ5.jpg|resize|16|15|blur|16|85
mei_pentax_optio_330|jpg/Pentax Optio 330.jpg|resize|44|13|blur|24|88
mei_pentax_optio_430|jpg/Pentax Optio 430.jpg|resize|38|15|blur|21|85
TABLE

############################################################################
# REAL blurry photos
############################################################################
# drewnoakes/metadata-extractor-images
store "$MEI_GIT" "$MEI_COMMIT" "jpg/Sigma DP1.jpg"                     mei_real_sigma_dp1            resize
store "$MEI_GIT" "$MEI_COMMIT" "jpg/Samsung GT-I9100 (Galaxy SII).jpg" mei_real_samsung_gt_i9100     resize
store "$MEI_GIT" "$MEI_COMMIT" "jpg/Canon PowerShot S40 (2).jpg"       mei_real_canon_powershot_s40_2 resize
store "$MEI_GIT" "$MEI_COMMIT" "jpg/Canon IXUS v3.jpg"                           mei_real_canon_ixus_v3         copy
store "$MEI_GIT" "$MEI_COMMIT" "jpg/Kodak CLAS Digital Film Scanner HR200 (1).jpg" mei_real_kodak_film_scan_1   copy
store "$MEI_GIT" "$MEI_COMMIT" "jpg/Trust PowerCam Zoom LCD 710.JPG"              mei_real_trust_powercam_710    copy

# PetteriAimonen/focus-stack (MIT): frames of a real macro focus stack of a PCB push switch.
# pcb_004 is the frame focused on the switch body (sharp reference); the others miss focus.
FS_GIT=${FS_GIT:-/work/.mirror/PetteriAimonen+focus-stack/repo}
FS_COMMIT=d8532c82b33ed2123c655c4d2482db55e2e0fc9e
for i in 000 001 004 008 009; do
  store "$FS_GIT" "$FS_COMMIT" "examples/depthmap/pcb_$i.JPG" "focusstack_pcb_$i" resize
done

# vladiant/ImageDeblurring (MIT): own compact-camera shots of a printed page,
# "no artificial distortion" per Resources/README.md
VL_GIT=${VL_GIT:-/work/.mirror/vladiant+ImageDeblurring/repo}
VL_COMMIT=31d7d23080c33886de8d19802a8c60cb39d9886e
store "$VL_GIT" "$VL_COMMIT" "Resources/text_defocus.jpg" vladiant_text_defocus copy
store "$VL_GIT" "$VL_COMMIT" "Resources/text_motion.jpg"  vladiant_text_motion  copy

# Y-Vladimir/SmartDeblur (GPL-3.0): example defocused photo bundled with the app
SD_GIT=${SD_GIT:-/work/.mirror/Y-Vladimir+SmartDeblur/repo}
SD_COMMIT=5af573c7048ac49ef68e638f3405d3a571b96a8b
store "$SD_GIT" "$SD_COMMIT" "src/Icons/BlurExample1.jpg" smartdeblur_blurexample1 copy

# drewnoakes/digicam_corpus (CC0-1.0): colour-chart test shots from many cameras; two
# shots that missed focus, plus a sharp shot of the same chart from the same camera.
DC_GIT=${DC_GIT:-/work/.mirror/drewnoakes+digicam_corpus/repo}
DC_COMMIT=6385e5eacf2dd242ff71e5828ff56ed691bfdc77
store "$DC_GIT" "$DC_COMMIT" "Epson/PhotoPC 3100Z/100EPSON/EPSN0013.JPG" digicam_epson_3100z_epsn0013 resize
store "$DC_GIT" "$DC_COMMIT" "Epson/PhotoPC 3100Z/100EPSON/EPSN0009.JPG" digicam_epson_3100z_epsn0009 resize
store "$DC_GIT" "$DC_COMMIT" "Sony/DSC-P5/100MSDCF/DSC00009.JPG"        digicam_sony_dsc_p5_dsc00009 resize

echo "done: $(ls "$OUT" | grep -c '\.jpg$') jpg files in $OUT"
