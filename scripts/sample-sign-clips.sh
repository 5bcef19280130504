#!/usr/bin/env bash
# Makes the SAMPLE sign-language clips shipped in assets/sign/ksl/ and their manifest.
#
# They are not sign language: a drawn figure moving its arms, labelled "수어 예시 · SAMPLE", so the
# kiosk, the mirror and the tests have clips to play until a district office supplies recorded ones.
# Animated WebP (ImageMagick, libwebp), 240x320, ten frames of 250 ms. Clips that exist are kept
# as they are (their bytes, so their hashes, do not change); missing ones are made; the manifest
# is written again for all. Ids: the kiosk's screens, the passport and lost-item forms' steps, and
# every guidance topic of the mirror (assets/topics/).
#   scripts/sample-sign-clips.sh        writes assets/sign/ksl/*.webp and manifest.toml
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/sign/ksl
font=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
mkdir -p "$out"
ids=(screen-welcome screen-service screen-identify screen-document-key screen-document-can
  screen-reading screen-review screen-submitting screen-receipt screen-warning screen-cancel screen-help)
for form in assets/forms/10-passport-reissue.toml assets/forms/20-lost-item-report.toml; do
  while read -r id; do ids+=("$id"); done < <(sed -n 's/^ *sign = "\(.*\)"/\1/p' "$form")
done
for topic in assets/topics/*.toml; do
  while read -r id; do ids+=("$id"); done < <(sed -n 's/^ *sign = "\(.*\)"/\1/p' "$topic")
done
mapfile -t ids < <(printf '%s\n' "${ids[@]}" | awk '!seen[$0]++')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "# Korean Sign Language (한국수어) clips for the kiosk's guidance, by clip id."
  echo "# SAMPLES: made by scripts/sample-sign-clips.sh, not sign language. Replace with recorded clips."
  echo 'language = "ksl"'
  echo 'name = "한국수어"'
} > "$work/manifest.toml"
# Appends a clip's manifest entry, with the SHA-256 of its file.
listed() {
  {
    echo
    echo '[[clip]]'
    echo "id = \"$1\""
    echo "file = \"$1.webp\""
    echo "sha256 = \"$(sha256sum "$out/$1.webp" | cut -d' ' -f1)\""
    echo 'sample = true'
  } >> "$work/manifest.toml"
}
for id in "${ids[@]}"; do
  if [[ -f "$out/$id.webp" ]]; then
    listed "$id"
    continue
  fi
  seed=$(printf '%s' "$id" | cksum | cut -d' ' -f1)
  frames=()
  for i in 0 1 2 3 4 5 4 3 2 1; do
    l=$(( (seed >> 3) % 5 )); r=$(( (seed >> 7) % 5 ))
    lx=$(( 60 - i * (3 + l) )); ly=$(( 150 - i * (6 + l) ))
    rx=$(( 180 + (5 - i) * (3 + r) )); ry=$(( 150 - (5 - i) * (6 + r) ))
    f="$work/$id-$i.png"
    if [[ ! -f "$f" ]]; then
      convert -size 240x320 xc:'#e8ecf0' \
        -fill '#3a4a6a' -draw "roundrectangle 70,170 170,320 30,30" \
        -fill '#ecc4a4' -draw "circle 120,110 120,62" \
        -stroke '#ecc4a4' -strokewidth 16 -draw "line 85,190 $lx,$ly" -draw "line 155,190 $rx,$ry" \
        -stroke none -fill '#b00020' -draw "roundrectangle 6,6 234,40 8,8" \
        -font "$font" -fill white -pointsize 16 -gravity north -annotate +0+13 '수어 예시 · SAMPLE' \
        -fill '#1b1b1b' -pointsize 12 -gravity south -annotate +0+8 "$id" "$f"
    fi
    frames+=("$f")
  done
  convert -delay 25 -loop 0 "${frames[@]}" -quality 55 "$out/$id.webp"
  listed "$id"
done
mv "$work/manifest.toml" "$out/manifest.toml"
echo "sample-sign-clips: ${#ids[@]} sample clips in $out ($(du -sh "$out" | cut -f1))"
