# Shared by ./camlab and ./test.sh: find or install what Camlab needs on a machine that has only the
# .NET SDK. Installs with apt-get when running as root; otherwise prints the exact command to run.

camlab_require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "camlab: the .NET SDK 10 is required (https://dot.net); 'dotnet' is not on PATH." >&2
    exit 1
  fi
}

camlab_apt_updated=0
camlab_apt_install() {
  # $@: Debian packages. Returns 0 when they are installed afterwards.
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "camlab: missing $*; install it with: sudo apt-get install -y $*" >&2
    return 1
  fi
  if [ "$camlab_apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
    camlab_apt_updated=1
  fi
  echo "camlab: installing $* (apt-get)…" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

# True when the dynamic linker's cache lists a library whose name contains $1. The cache is read in full
# into a variable before it is searched: a pipe into 'grep -q' races under 'set -o pipefail' (grep exits at
# the first match, ldconfig dies of SIGPIPE and the pipeline reports failure for a library that is there).
camlab_has_lib() {
  local ldconfig cache
  ldconfig="$(command -v ldconfig 2>/dev/null || echo /sbin/ldconfig)"
  cache="$("$ldconfig" -p 2>/dev/null)" || return 1
  [[ "$cache" == *"$1"* ]]
}

# Cisco's OpenH264 (BSD), P/Invoked by Camlab.Rendering for the H.264 profiles (docs/streaming.md, "H.264").
camlab_ensure_openh264() {
  camlab_has_lib 'libopenh264.so.7' && return 0
  camlab_apt_install libopenh264-7
}

# libjpeg-turbo's TurboJPEG API, P/Invoked by Camlab.Rendering for JPEG.
camlab_ensure_turbojpeg() {
  camlab_has_lib 'libturbojpeg.so.0' && return 0
  # Debian names the package libturbojpeg0; Ubuntu (the .NET 10 container images) names it libturbojpeg.
  if [ -r /etc/os-release ] && grep -q '^ID=ubuntu' /etc/os-release; then
    camlab_apt_install libturbojpeg
  else
    camlab_apt_install libturbojpeg0
  fi
}

# DejaVu Sans Mono, the font Camlab.Rendering draws OSD text with (Skia rasterises it).
camlab_ensure_osd_font() {
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] && return 0
  camlab_apt_install fonts-dejavu-core
}
