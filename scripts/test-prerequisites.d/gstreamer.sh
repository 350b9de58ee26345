# Sourced by ./test.sh: GStreamer's rtspsrc/rtpjpegdepay/jpegdec and rtph264depay/avdec_h264 (gst-libav) decode the RTSP streams in
# tests/Camlab.Server.Tests/Streaming/RtspClientTests.cs. Installed when running as root with apt-get; otherwise that test
# prints SKIP and does nothing.
if ! command -v gst-launch-1.0 >/dev/null 2>&1 || ! gst-inspect-1.0 rtpjpegdepay >/dev/null 2>&1 || ! gst-inspect-1.0 avdec_h264 >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing GStreamer (gst-launch-1.0, plugins-good/base) for the RTSP client test…" >&2
    pkgs="gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-plugins-base gstreamer1.0-libav"
    # shellcheck disable=SC2086
    (apt-get install -y -q $pkgs >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $pkgs >/dev/null 2>&1)) ||
      echo "test.sh: could not install GStreamer; the GStreamer RTSP test will skip" >&2
  else
    echo "test.sh: GStreamer is not installed; the GStreamer RTSP test will skip. Install gstreamer1.0-tools gstreamer1.0-plugins-good gstreamer1.0-plugins-base gstreamer1.0-libav." >&2
  fi
fi
