#!/usr/bin/env bash
# The container's runtime stage (Dockerfile, stage "runtime"), as root: installs what ./camlab installs on a
# machine (scripts/prerequisites.sh: TurboJPEG, OpenH264, the OSD font) plus curl for the HEALTHCHECK, and makes the
# state directory STATE_DIR owned by OWNER_UID (the image's non-root user). Usage: runtime-setup.sh STATE_DIR OWNER_UID.
# Run as it is on a machine that already has everything, it installs nothing and only checks.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${1:?usage: runtime-setup.sh STATE_DIR OWNER_UID}"
owner="${2:?usage: runtime-setup.sh STATE_DIR OWNER_UID}"
# In the image the script sits beside a copy of scripts/; in the repository it is two levels below.
prerequisites="$here/scripts/prerequisites.sh"
[ -f "$prerequisites" ] || prerequisites="$here/../../scripts/prerequisites.sh"
# shellcheck source=../../scripts/prerequisites.sh
source "$prerequisites"

camlab_ensure_turbojpeg
camlab_ensure_openh264
camlab_ensure_osd_font
command -v curl >/dev/null 2>&1 || camlab_apt_install curl

# An image bakes them in: a missing one fails the build here, not the first stream.
camlab_has_lib 'libturbojpeg.so.0' || { echo "runtime-setup: libturbojpeg.so.0 is missing" >&2; exit 1; }
camlab_has_lib 'libopenh264.so.7' || { echo "runtime-setup: libopenh264.so.7 is missing" >&2; exit 1; }
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || { echo "runtime-setup: the DejaVu Sans Mono font is missing" >&2; exit 1; }

# Only a run that installed something cleans apt's lists (it was the one that fetched them).
if [ "$camlab_apt_updated" = 1 ]; then
  apt-get clean
  rm -rf /var/lib/apt/lists/*
fi

mkdir -p "$state"
chown "$owner" "$state"
chmod 700 "$state"
