#!/usr/bin/env bash
# Camlab's H.264 encode (OpenH264 through P/Invoke, one thread) against ffmpeg's libx264 -preset ultrafast
# -tune zerolatency on the same rendered frames, in one run. Usage: bench/h264-vs-x264.sh
#
# 1. BenchmarkDotNet (short job, in process) runs H264EncodeBenchmarks at 1280×720 and 1920×1080; its GlobalSetup
#    renders 50 frames of the default scene while the dome pans 0.4° a frame and writes them as raw RGB24 to
#    $CAMLAB_BENCH_DIR/h264-frames-WxH.rgb.
# 2. ffmpeg reads those frames (rawvideo rgb24, 25 fps), converts to yuv420p and encodes them with libx264
#    (GOP 25, 4 Mbit/s), once on one thread and once on all threads, looping the file ten times (500 frames);
#    ms/frame = (time for 500 frames − time for 1 frame) / 499: start-up cancels out.
set -euo pipefail
cd "$(dirname "$0")/.."
export CAMLAB_BENCH_DIR="${CAMLAB_BENCH_DIR:-/tmp/camlab-bench}"
mkdir -p "$CAMLAB_BENCH_DIR"
command -v ffmpeg >/dev/null || { echo "ffmpeg is not installed (apt-get install -y ffmpeg)" >&2; exit 1; }

dotnet run -c Release --project bench/Camlab.Benchmarks -- --filter '*H264EncodeBenchmarks*' --job short --inProcess \
  --artifacts "$CAMLAB_BENCH_DIR/bdn-h264" | tee "$CAMLAB_BENCH_DIR/bdn-h264.log" | grep -E '^\|' || true

x264_seconds() { # width height frames threads
  local w=$1 h=$2 n=$3 t=$4 start end
  start=$(date +%s.%N)
  ffmpeg -hide_banner -loglevel error -stream_loop 9 -f rawvideo -pix_fmt rgb24 -s "${w}x${h}" -r 25 \
    -i "$CAMLAB_BENCH_DIR/h264-frames-${w}x${h}.rgb" -frames:v "$n" -pix_fmt yuv420p \
    -c:v libx264 -preset ultrafast -tune zerolatency -g 25 -b:v 4M -threads "$t" -f h264 -y /dev/null
  end=$(date +%s.%N)
  python3 -c "print($end - $start)"
}

echo
echo "ffmpeg $(ffmpeg -version | head -1 | cut -d' ' -f3) libx264 -preset ultrafast -tune zerolatency, 500 frames:"
for size in 1280x720 1920x1080; do
  w=${size%x*}; h=${size#*x}
  [ -f "$CAMLAB_BENCH_DIR/h264-frames-${w}x${h}.rgb" ] || { echo "the benchmark did not write the $size frames" >&2; exit 1; }
  for threads in 1 0; do
    one=$(x264_seconds "$w" "$h" 1 "$threads")
    many=$(x264_seconds "$w" "$h" 500 "$threads")
    python3 -c "
one, many, n = $one, $many, 500
ms = (many - one) * 1000 / (n - 1)
print(f'  {\"$size\":>9} threads={\"auto\" if $threads == 0 else $threads}: {ms:6.2f} ms/frame (1 frame {one:.2f} s, {n} frames {many:.2f} s)')
"
  done
done
