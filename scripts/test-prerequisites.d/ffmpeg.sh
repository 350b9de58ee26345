# Sourced by ./test.sh: ffprobe decodes the MJPEG stream in tests/Camlab.Server.Tests/Streaming/MjpegTests.cs.
# Installed when running as root with apt-get; otherwise that test prints SKIP and does nothing.
if ! command -v ffprobe >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ffmpeg (ffprobe) for the MJPEG decode test…" >&2
    (apt-get install -y -q ffmpeg >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q ffmpeg >/dev/null 2>&1)) ||
      echo "test.sh: could not install ffmpeg; the ffprobe test will skip" >&2
  else
    echo "test.sh: ffprobe is not installed; the MJPEG ffprobe test will skip. Install ffmpeg (apt-get install ffmpeg)." >&2
  fi
fi
