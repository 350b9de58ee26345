#!/usr/bin/env bash
# Camlab's render + JPEG against ffmpeg's v360 (equirectangular → flat) + MJPEG on the same panorama and view,
# plus TurboJPEG's encode alone (the floor), in one run. Usage: bench/render-vs-ffmpeg.sh [frames]
#
# 1. BenchmarkDotNet (ShortRun: 1 launch, 3 warm-up, 3 measured iterations) runs RenderingBenchmarks and
#    FfmpegV360Benchmarks in one run; the first GlobalSetup writes the generated panorama to
#    $CAMLAB_BENCH_DIR/panorama-4096.jpg (quality 95, 4:4:4), which ffmpeg reads.
# 2. Then, as a cross-check outside BenchmarkDotNet, ffmpeg decodes that JPEG once, repeats the frame with
#    the loop filter and renders the same view (yaw 0, pitch 0, 60° horizontal FOV, bilinear) at 1280×720
#    and 1920×1080 into MJPEG on all threads:
#    fps = (frames − 1) / (time for N frames − time for 1 frame): start-up and panorama decode cancel out.
set -euo pipefail
cd "$(dirname "$0")/.."
FRAMES="${1:-200}"
export CAMLAB_BENCH_DIR="${CAMLAB_BENCH_DIR:-/tmp/camlab-bench}"
mkdir -p "$CAMLAB_BENCH_DIR"
command -v ffmpeg >/dev/null || { echo "ffmpeg is not installed (apt-get install -y ffmpeg)" >&2; exit 1; }

dotnet run -c Release --project bench/Camlab.Benchmarks -- --filter '*RenderingBenchmarks*' '*FfmpegV360Benchmarks*' --job short \
  --exporters csv --artifacts "$CAMLAB_BENCH_DIR/bdn" | tee "$CAMLAB_BENCH_DIR/bdn.log" | grep -E '^\|' || true
PANORAMA="$CAMLAB_BENCH_DIR/panorama-4096.jpg"
[ -f "$PANORAMA" ] || { echo "the benchmark did not write $PANORAMA" >&2; exit 1; }

ffmpeg_seconds() { # width height frames
  local w=$1 h=$2 n=$3
  local vfov
  vfov=$(python3 -c "import math; print(2*math.degrees(math.atan(math.tan(math.radians(30))*$h/$w)))")
  local start end
  start=$(date +%s.%N)
  ffmpeg -hide_banner -loglevel error -i "$PANORAMA" \
    -vf "loop=loop=$((n - 1)):size=1:start=0,v360=input=e:output=flat:yaw=0:pitch=0:h_fov=60:v_fov=$vfov:w=$w:h=$h:interp=linear" \
    -frames:v "$n" -q:v 4 -f mjpeg -y /dev/null
  end=$(date +%s.%N)
  python3 -c "print($end - $start)"
}

echo
echo "ffmpeg $(ffmpeg -version | head -1 | cut -d' ' -f3) v360 → MJPEG, $FRAMES frames:"
for size in 1280x720 1920x1080; do
  w=${size%x*}; h=${size#*x}
  one=$(ffmpeg_seconds "$w" "$h" 1)
  many=$(ffmpeg_seconds "$w" "$h" "$FRAMES")
  python3 -c "
one, many, n = $one, $many, $FRAMES
fps = (n - 1) / (many - one)
print(f'  {\"$size\":>9}: {fps:7.1f} fps  ({1000 / fps:6.2f} ms/frame; 1 frame {one:.2f} s, {n} frames {many:.2f} s)')
" | tee -a "$CAMLAB_BENCH_DIR/ffmpeg.txt"
done
