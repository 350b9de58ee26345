using Camlab.Server.Streaming;

namespace Camlab.Server.Tests;

/// <summary>
/// A fact about the picture: skips, saying why, where libturbojpeg is missing (video is then off, as the
/// startup message says). ./test.sh installs it when run as root.
/// </summary>
public sealed class RequiresVideoFactAttribute : FactAttribute
{
    public RequiresVideoFactAttribute()
    {
        if (!CameraVideo.Available)
            Skip = "libturbojpeg.so.0 is not installed (apt-get install -y libturbojpeg0): video is off";
    }
}
