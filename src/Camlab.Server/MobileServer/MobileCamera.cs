using System.Security.Cryptography;
using System.Text;
using Camlab.Device.Ptz;
using Camlab.Server.Hosting;
using Camlab.Server.Streaming;

namespace Camlab.Server.MobileServer;

/// <summary>
/// A camera as the command channel lists it: one per video source of each Camlab camera, named after the source's configuration. It streams through the
/// source's first media profile with a video encoder (a profile with PTZ first), moves that profile's PTZ node, and
/// plays back the recording of any of the source's profiles.
/// </summary>
public sealed record MobileCamera(Guid Id, string Name, SimulatedCamera Camera, CameraVideo Video, string SourceToken, int SourceWidth, int SourceHeight,
    string ProfileToken, PtzNode? Ptz)
{
    /// <summary>The profile whose recording playback reads: the streaming profile's when it is recorded, else another of the source's.</summary>
    public string? PlaybackProfile
    {
        get
        {
            if (Video.Recordings is not { } recordings) return null;
            var recorded = recordings.RecordedProfiles();
            if (recorded.Contains(ProfileToken)) return ProfileToken;
            return Camera.Media.Profiles.Where(p => Camera.Media.SourceOf(p)?.Token == SourceToken)
                .Select(p => p.Token).FirstOrDefault(recorded.Contains);
        }
    }

    public bool HasPresets => Ptz is { } node && node.Definition.MaximumNumberOfPresets > 0;

    /// <summary>Every camera of the host, in camera then source order. Ids are stable: derived from the camera number and source token.</summary>
    public static IReadOnlyList<MobileCamera> All(IReadOnlyList<SimulatedCamera> cameras)
    {
        var list = new List<MobileCamera>();
        foreach (var camera in cameras)
        {
            if (camera.Video is not { } video) continue;
            var media = camera.Media;
            foreach (var source in media.VideoSources)
            {
                var profiles = media.Profiles.Where(p => media.SourceOf(p)?.Token == source.Token && p.VideoEncoderConfigurationToken is not null).ToList();
                var profile = profiles.FirstOrDefault(p => p.PtzConfigurationToken is not null) ?? profiles.FirstOrDefault();
                if (profile is null) continue;
                var node = camera.Ptz is { } ptz ? media.PtzNodeOf(ptz.Device, profile.Token) : null;
                // The source configuration's name ("PTZ dome"), prefixed with the camera number when the host runs several.
                var sourceName = media.VideoSourceConfigurations.FirstOrDefault(c => c.SourceToken == source.Token)?.Name ?? source.Token;
                var name = cameras.Count == 1 ? sourceName : $"Camera {camera.Number} {sourceName}";
                list.Add(new MobileCamera(IdOf(camera.Number, source.Token), name, camera, video, source.Token, source.Width, source.Height, profile.Token, node));
            }
        }
        return list;
    }

    /// <summary>A name-based id (SHA-256 of the camera number and source token, RFC 9562 version 8 bits).</summary>
    public static Guid IdOf(int cameraNumber, string sourceToken)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"camlab-mobile-camera/{cameraNumber}/{sourceToken}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
