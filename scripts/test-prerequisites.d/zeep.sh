# Sourced by ./test.sh: Debian's python3-zeep (the SOAP library behind Home Assistant's ONVIF integration), which
# tests/Camlab.Server.Tests/ZeepClientTests.cs drives through tests/interop/zeep_client.py. From Debian only (no
# PyPI). Without it that test skips and says so.
if ! /usr/bin/python3 -c 'import zeep' >/dev/null 2>&1; then
  camlab_apt_install python3-zeep || echo "test.sh: python3-zeep is missing; the zeep client test will skip" >&2
fi
