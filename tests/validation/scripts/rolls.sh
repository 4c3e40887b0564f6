#!/usr/bin/env bash
# Rebuilds the image files of tests/validation/rolls/, copies/ and bursts/
# from snapshots (bare git directories) of the public source repositories.
#
# Usage:
#   MIRROR=/work/.mirror bash tests/validation/scripts/rolls.sh [rolls|copies|bursts ...]
# Each repository is expected at $MIRROR/<owner>+<name>/repo (the layout the
# `fetch` tool produces); override single ones with the R_* variables below.
# Files are always read with `git show COMMIT:PATH`, so a newer snapshot works
# as long as it still contains the recorded commit.
# Needs ImageMagick 6 (`convert`, `identify`) and exiftool. labels.csv and
# SOURCES.md are hand-made and are not written by this script.
set -euo pipefail

MIRROR=${MIRROR:-/work/.mirror}
VAL=${VAL:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
CONVERT=${CONVERT:-convert}
IDENTIFY=${IDENTIFY:-identify}
EXIFTOOL=${EXIFTOOL:-exiftool}

# repository snapshots and the commits the files were taken from
R_PIG=${R_PIG:-$MIRROR/bpatrik+pigallery2/repo};                  C_PIG=cd42146424917b68243825e83b6d9823f4e85b18   # MIT
R_LYC=${R_LYC:-$MIRROR/LycheeOrg+Lychee/repo};                    C_LYC=b8e4d1e832ca4eed9432a7acfaf9a36f69e68472   # MIT
R_BUN=${R_BUN:-$MIRROR/snavely+bundler_sfm/repo};                 C_BUN=a35a8f589b7b8419f43f9e41553a84522faa6f9e   # GPL
R_BRI=${R_BRI:-$MIRROR/pierotofy+drone_dataset_brighton_beach/repo}; C_BRI=9506a9bf09c9678b7d0b80b014af5b606c8a7255 # BSD-2-Clause
R_SEN=${R_SEN:-$MIRROR/OpenDroneMap+odm_data_seneca/repo};        C_SEN=9220acfdca75cc5e2dd6d27fe48550c5ae0877f2   # CC0-1.0
R_OSF=${R_OSF:-$MIRROR/mapillary+OpenSfM/repo};                   C_OSF=238744cdf3b5d50149c50d136a87f7fea25ad5cd   # BSD-2-Clause

PIG_LONGDIR='demo/images/its  a along directory name. with special caracters(_.-.,-.,) 1234 56789 űáéú őóüö'

TMPD=$(mktemp -d); trap 'rm -rf "$TMPD"' EXIT

# put KEY PATH OUT MAXPX : extract, then byte-identical copy when the long side
# is already <= MAXPX, else `convert -resize MAXxMAX> -quality 90` (EXIF kept,
# no auto-orient).
put() {
  local key=$1 path=$2 out=$3 max=$4 repo commit tmp w h
  eval "repo=\$R_$key; commit=\$C_$key"
  tmp="$TMPD/src.jpg"
  git --git-dir="$repo" show "$commit:$path" > "$tmp"
  read -r w h < <($IDENTIFY -format '%w %h\n' "$tmp" | head -1)
  if (( w <= max && h <= max )); then
    cp "$tmp" "$out"
  else
    $CONVERT "$tmp" -resize "${max}x${max}>" -quality 90 "$out"
  fi
}
nogps() { $EXIFTOOL -q -overwrite_original -gps:all= -XMP-exif:all= "$1"; }

# ---------------------------------------------------------------- rolls ----
# Real camera rolls with EXIF DateTimeOriginal. Long side capped at 1024 px
# (not 1600; 800 px for the two aerial drone sets) to stay inside the 40 MB
# budget of the three folders.
build_rolls() {
  local D=$VAL/rolls f; mkdir -p "$D"
  # pigallery2 demo photos (Canon EOS 600D, artist "Patrik", US trip 2015)
  for f in IMG_5910 IMG_6220 IMG_6253 IMG_6263 IMG_6296 IMG_6297 IMG_6368 IMG_6455 \
           IMG_8751 IMG_8808 IMG_8824 IMG_8943 IMG_8994 IMG_9037 IMG_9398-2 IMG_9516 \
           wild-1 wild-2 wild-3 IMG_1252 IMG_1401; do
    put PIG "demo/images/$f.jpg" "$D/pig_$(echo "$f" | tr 'A-Z' 'a-z').jpg" 1024
  done
  put PIG "$PIG_LONGDIR/IMG_9697.jpg" "$D/pig_img_9697.jpg" 1024
  # Lychee test samples (single photos of separate outings)
  put LYC tests/Samples/aarhus.jpg            "$D/lychee_aarhus.jpg" 1024;      nogps "$D/lychee_aarhus.jpg"
  put LYC tests/Samples/hochuferweg.jpg       "$D/lychee_hochuferweg.jpg" 1024
  put LYC tests/Samples/train.jpg             "$D/lychee_train.jpg" 1024;       nogps "$D/lychee_train.jpg"
  put LYC tests/Samples/mongolia.jpeg         "$D/lychee_mongolia.jpg" 1024;    nogps "$D/lychee_mongolia.jpg"
  put LYC tests/Samples/undefined-exif-tag.jpg "$D/lychee_bw_landscape.jpg" 1024
  # Bundler examples (Canon PowerShot A10, 640x480, copied byte-identical)
  for f in et000 et001 et002 et003 et004 et005 et006 et007 et008; do
    put BUN "examples/ET/$f.jpg" "$D/bundler_$f.jpg" 1024
  done
  for f in kermit000 kermit001 kermit002 kermit003 kermit004 kermit005 kermit006 \
           kermit007 kermit008 kermit009 kermit010; do
    put BUN "examples/kermit/$f.jpg" "$D/bundler_$f.jpg" 1024
  done
  # Brighton Beach (Duluth MN) drone flight, DJI FC300S; public park, GPS kept
  for f in $(seq 18 35); do
    put BRI "images/DJI_00$f.JPG" "$D/brighton_dji_00$f.jpg" 800
  done
  # Seneca aerial (Ohio farmland, NIR Canon ELPH 300 HS); GPS removed
  for n in $(seq 446 8 566); do
    put SEN "images/IMG_0$n.jpg" "$D/seneca_img_0$n.jpg" 800; nogps "$D/seneca_img_0$n.jpg"
  done
}

# --------------------------------------------------------------- copies ----
# variant VAR ORIG OUT  (ORIG is the stored original of the group)
variant() {
  local v=$1 o=$2 out=$3 date=${4:-} sw=${5:-}
  case $v in
    q60)    $CONVERT "$o" -quality 60 "$out" ;;
    half)   $CONVERT "$o" -resize 50% -quality 90 "$out" ;;
    rot90)  $CONVERT "$o" -rotate 90 -quality 90 "$out"
            $EXIFTOOL -q -overwrite_original -n -Orientation=1 "$out" ;;
    crop)   $CONVERT "$o" -gravity center -crop 90%x90%+0+0 +repage -quality 90 "$out" ;;   # 5 % off each edge
    crop6)  $CONVERT "$o" -gravity center -crop 94%x94%+0+0 +repage -quality 90 "$out" ;;   # 3 % off each edge
    bright) $CONVERT "$o" -modulate 115 -quality 90 "$out" ;;
    strip)  $CONVERT "$o" -strip -quality 90 "$out" ;;
    editor) $CONVERT "$o" -quality 90 "$out"
            $EXIFTOOL -q -overwrite_original -AllDates= '-SubSecTime*=' '-OffsetTime*=' \
              -XMP:all= -IPTC:all= -GPSDateStamp= -GPSTimeStamp= \
              "-ModifyDate=$date" "-Software=$sw" "$out" ;;
    msg)    $CONVERT "$o" -resize '1280x1280>' -quality 70 -strip "$out" ;;
    *) echo "unknown variant $v" >&2; exit 1 ;;
  esac
}

# group table: KEY|PATH|BASENAME|GPS(keep/drop)|VARIANTS|EDITOR-DATE|EDITOR-SOFTWARE
COPIES_GROUPS='
BUN|examples/ET/et000.jpg|bundler_et000|keep|q60 rot90||
BUN|examples/ET/et002.jpg|bundler_et002|keep|half strip editor|2019:03:02 10:15:00|Snapseed 2.0
BUN|examples/ET/et004.jpg|bundler_et004|keep|crop bright msg||
BUN|examples/ET/et006.jpg|bundler_et006|keep|q60 editor|2021:07:14 21:40:12|Adobe Photoshop Lightroom Classic 10.3 (Windows)
BUN|examples/ET/et008.jpg|bundler_et008|keep|rot90 strip msg half||
BUN|examples/kermit/kermit000.jpg|bundler_kermit000|keep|bright half||
BUN|examples/kermit/kermit002.jpg|bundler_kermit002|keep|q60 crop6 strip||
BUN|examples/kermit/kermit004.jpg|bundler_kermit004|keep|editor msg|2020:12:24 09:05:44|Snapseed 2.19
BUN|examples/kermit/kermit006.jpg|bundler_kermit006|keep|rot90 bright q60||
BUN|examples/kermit/kermit008.jpg|bundler_kermit008|keep|half crop editor strip|2018:06:30 16:20:00|Google Photos
BUN|examples/kermit/kermit010.jpg|bundler_kermit010|keep|msg q60||
PIG|demo/images/IMG_6220.jpg|pig_img_6220|keep|rot90 editor half|2016:01:10 20:31:09|Snapseed 2.0
PIG|demo/images/IMG_6263.jpg|pig_img_6263|keep|crop strip||
PIG|demo/images/IMG_6368.jpg|pig_img_6368|keep|bright msg q60||
PIG|demo/images/IMG_8751.jpg|pig_img_8751|keep|half editor|2017:05:05 12:00:30|Adobe Photoshop Lightroom 6.0 (Macintosh)
PIG|demo/images/IMG_6455.jpg|pig_img_6455|keep|rot90 crop6 bright||
PIG|demo/images/IMG_8808.jpg|pig_img_8808|keep|strip q60 msg editor|2016:11:19 22:47:51|Snapseed 2.17
PIG|demo/images/IMG_9398-2.jpg|pig_img_9398-2|keep|half bright||
PIG|demo/images/IMG_9516.jpg|pig_img_9516|keep|crop rot90 msg||
PIG|demo/images/IMG_1252.jpg|pig_img_1252|keep|editor strip|2015:12:31 23:59:00|GIMP 2.8.14
PIG|@LONG/IMG_9697.jpg|pig_img_9697|keep|q60 half crop||
LYC|tests/Samples/aarhus.jpg|lychee_aarhus|drop|rot90 msg||
LYC|tests/Samples/hochuferweg.jpg|lychee_hochuferweg|keep|bright editor strip|2019:02:11 08:30:00|Snapseed 2.19
LYC|tests/Samples/train.jpg|lychee_train|drop|half q60||
LYC|tests/Samples/mongolia.jpeg|lychee_mongolia|drop|crop msg rot90||
BRI|images/DJI_0019.JPG|brighton_dji_0019|keep|q60 strip||
BRI|images/DJI_0022.JPG|brighton_dji_0022|keep|editor half bright|2017:02:02 14:14:14|Snapseed 2.0
BRI|images/DJI_0025.JPG|brighton_dji_0025|keep|rot90 crop6||
BRI|images/DJI_0028.JPG|brighton_dji_0028|keep|msg bright q60 editor|2016:07:01 19:03:27|Adobe Photoshop Express
BRI|images/DJI_0033.JPG|brighton_dji_0033|keep|strip half||
'
# near-miss negatives: KEY|PATH|BASENAME|GPS  (no dup_group)
COPIES_NEARMISS='
BUN|examples/ET/et001.jpg|bundler_et001|keep
BUN|examples/ET/et003.jpg|bundler_et003|keep
BUN|examples/ET/et005.jpg|bundler_et005|keep
BUN|examples/ET/et007.jpg|bundler_et007|keep
BUN|examples/kermit/kermit001.jpg|bundler_kermit001|keep
BUN|examples/kermit/kermit003.jpg|bundler_kermit003|keep
BUN|examples/kermit/kermit005.jpg|bundler_kermit005|keep
BUN|examples/kermit/kermit007.jpg|bundler_kermit007|keep
BUN|examples/kermit/kermit009.jpg|bundler_kermit009|keep
PIG|demo/images/wild-2.jpg|pig_wild-2|keep
BRI|images/DJI_0020.JPG|brighton_dji_0020|keep
BRI|images/DJI_0023.JPG|brighton_dji_0023|keep
BRI|images/DJI_0026.JPG|brighton_dji_0026|keep
BRI|images/DJI_0029.JPG|brighton_dji_0029|keep
BRI|images/DJI_0034.JPG|brighton_dji_0034|keep
OSF|data/lund/images/10.jpg|opensfm_lund_10|keep
OSF|data/lund/images/11.jpg|opensfm_lund_11|keep
OSF|data/lund/images/20.jpg|opensfm_lund_20|keep
OSF|data/lund/images/21.jpg|opensfm_lund_21|keep
OSF|data/lund/images/25.jpg|opensfm_lund_25|keep
OSF|data/lund/images/26.jpg|opensfm_lund_26|keep
'
build_copies() {
  local D=$VAL/copies key path base gps vars date sw v; mkdir -p "$D"
  while IFS='|' read -r key path base gps vars date sw; do
    [[ -z $key ]] && continue
    path=${path/@LONG/$PIG_LONGDIR}
    put "$key" "$path" "$D/$base.jpg" 640          # the group's original
    [[ $gps == drop ]] && nogps "$D/$base.jpg"
    for v in $vars; do variant "$v" "$D/$base.jpg" "$D/${base}_$v.jpg" "$date" "$sw"; done
  done <<< "$COPIES_GROUPS"
  while IFS='|' read -r key path base gps; do
    [[ -z $key ]] && continue
    put "$key" "$path" "$D/$base.jpg" 640
    [[ $gps == drop ]] && nogps "$D/$base.jpg"
  done <<< "$COPIES_NEARMISS"
}

# --------------------------------------------------------------- bursts ----
# composed burst: one sharp frame (frame 1, stored as extracted at <= 640 px)
# plus degraded frames: shifted a few px (crop offset), slight motion blur or a
# tighter framing; DateTimeOriginal/CreateDate moved +k seconds per frame.
compose_burst() {
  local key=$1 path=$2 base=$3 gps=$4 nfr=${5:-4} D=$VAL/bursts b w h k
  b="$D/${base}_1.jpg"
  put "$key" "$path" "$b" 640
  [[ $gps == drop ]] && nogps "$b"
  read -r w h < <($IDENTIFY -format '%w %h\n' "$b" | head -1)
  # frame 2: shifted 6,4 px right/down + motion blur sigma 3 along 10 deg
  $CONVERT "$b" -define distort:viewport=%wx%h+0+0 -virtual-pixel edge \
    -distort SRT '0,0 1 0 6,4' -motion-blur 0x3+10 -quality 90 "$D/${base}_2.jpg"
  # frame 3: shifted -5,3 px + motion blur sigma 5 along 100 deg (vertical shake)
  $CONVERT "$b" -define distort:viewport=%wx%h+0+0 -virtual-pixel edge \
    -distort SRT '0,0 1 0 -5,3' -motion-blur 0x5+100 -quality 90 "$D/${base}_3.jpg"
  if (( nfr >= 4 )); then
    # frame 4: tighter framing (94 % crop, off-centre, scaled back) + motion blur sigma 3
    $CONVERT "$b" -gravity center -crop 94%x94%+8+5 +repage -resize "${w}x${h}!" \
      -motion-blur 0x3+45 -quality 90 "$D/${base}_4.jpg"
  fi
  if (( nfr >= 5 )); then
    # frame 5: shifted 3,-6 px + motion blur sigma 4 along 170 deg
    $CONVERT "$b" -define distort:viewport=%wx%h+0+0 -virtual-pixel edge \
      -distort SRT '0,0 1 0 3,-6' -motion-blur 0x4+170 -quality 90 "$D/${base}_5.jpg"
  fi
  for (( k=2; k<=nfr; k++ )); do
    $EXIFTOOL -q -overwrite_original "-DateTimeOriginal+=0:0:$((k-1))" "-CreateDate+=0:0:$((k-1))" "$D/${base}_$k.jpg"
  done
}
build_bursts() {
  local D=$VAL/bursts f; mkdir -p "$D"
  # real bursts: consecutive frames of one scene, seconds apart (EXIF times)
  for f in kermit000 kermit001 kermit003 kermit007 kermit008 kermit009 kermit010; do
    put BUN "examples/kermit/$f.jpg" "$D/bundler_$f.jpg" 640
  done
  # composed bursts (frame 1 = the undegraded frame)
  compose_burst PIG demo/images/IMG_6253.jpg      pig_squirrel      keep 4
  compose_burst PIG demo/images/wild-3.jpg        pig_bear_tree     keep 4
  compose_burst PIG demo/images/IMG_9516.jpg      pig_fox           keep 4
  compose_burst LYC tests/Samples/hochuferweg.jpg lychee_cliffs     keep 4
  compose_burst LYC tests/Samples/train.jpg       lychee_train      drop 4
  compose_burst PIG demo/images/IMG_6297.jpg      pig_squirrel_rock keep 4
  compose_burst PIG demo/images/wild-2.jpg        pig_bears         keep 3
  compose_burst PIG demo/images/IMG_5910.jpg      pig_squirrel_leaves keep 5
  compose_burst PIG demo/images/IMG_8808.jpg      pig_arch          keep 3
  compose_burst LYC tests/Samples/mongolia.jpeg   lychee_building   drop 5
  compose_burst PIG demo/images/IMG_6368.jpg      pig_waterfall     keep 3
}

targets=("$@"); (( ${#targets[@]} )) || targets=(rolls copies bursts)
for t in "${targets[@]}"; do "build_$t"; done
echo "done: ${targets[*]}"
