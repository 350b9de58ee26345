#!/usr/bin/env bash
# Regenerates the shared test frames from the committed specs with the C# codec:
#   NAME.jsonl --camlab frames write--> NAME.bin --camlab frames dump--> NAME.expected.jsonl
# and a few malformed inputs (malformed/*.bin, cut or patched from the good ones) whose dump
# error line goes to malformed/NAME.expected-error.txt. The JS reader (tests/console) must agree
# with every file. Run after changing a spec or the codec; commit the outputs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
camlab="$here/../../camlab"
cd "$here"
for spec in *.jsonl; do
  case "$spec" in *.expected.jsonl) continue ;; esac
  name="${spec%.jsonl}"
  "$camlab" frames write "$spec" -o "$name.bin"
  "$camlab" frames dump "$name.bin" > "$name.expected.jsonl"
done

mkdir -p malformed
patch_bytes() { # file offset hex-bytes...
  local file="$1" offset="$2"; shift 2
  printf "$(printf '\\x%s' "$@")" | dd of="$file" bs=1 seek="$offset" conv=notrunc status=none
}
head -c 30 main-header.bin > malformed/truncated-main.bin
head -c 60 extensions.bin > malformed/truncated-extension.bin
cp main-header.bin malformed/header-size-below-main.bin && patch_bytes malformed/header-size-below-main.bin 32 14 00
size=$(stat -c %s main-header.bin); head -c $((size - 1)) main-header.bin > malformed/payload-past-end.bin
# Frame 1 of live-and-all: 0x01 (48) + 0x02 (8) after the main header puts NativeDataHeaderSize at 92.
cp live-and-all.bin malformed/native-size-past-header.bin && patch_bytes malformed/native-size-past-header.bin 92 ff 00 00 00
cp live-and-all.bin malformed/header-ext-below-main.bin
third=$(( $(sed -n 3p live-and-all.expected.jsonl | sed -E 's/.*"offset":([0-9]+).*/\1/') ))
patch_bytes malformed/header-ext-below-main.bin $((third + 36)) 27 00 00 00
# A frame of another stream in the middle (the Video ID is the frame separator, notes "Transport").
cat main-header.bin zero-video-id.bin > malformed/video-id-mismatch.bin
for bin in malformed/*.bin; do
  name="${bin%.bin}"
  if "$camlab" frames dump "$bin" > "$name.expected.jsonl" 2> "$name.expected-error.txt"; then
    echo "generate.sh: $bin was expected to be malformed" >&2; exit 1
  fi
done
echo "generate.sh: frames regenerated in $here"
