using System.Text.Json;
using Camlab.Device;

namespace Camlab.Server.Site;

/// <summary>
/// The camera models a site file names with <c>model</c> (docs/site.md): layouts of the camera definition
/// (docs/configuration.md, "Camera definition"), not a second description of a camera. A <c>dome</c> is the embedded
/// default camera — the PTZ dome and its wide overview sensor; a <c>fixed</c> camera is the wide sensor alone with its
/// digital window, so it has no mechanical PTZ node.
/// </summary>
public static class SiteModels
{
    public const string Dome = "dome";
    public const string Fixed = "fixed";

    public static IReadOnlyList<string> Names { get; } = [Dome, Fixed];

    /// <summary>The definition document of a model (a fresh copy the caller may change); null for a name that is none.</summary>
    public static CameraDefinitionDocument? Find(string name) => name switch
    {
        Dome => CameraDefinition.DefaultDocument(),
        Fixed => JsonSerializer.Deserialize<CameraDefinitionDocument>(FixedDocument, CameraDefinition.ConfigurationJson)!,
        _ => null,
    };

    // The embedded default layout without its dome: the wide sensor and its digital window.
    private const string FixedDocument = """
        {
          "videoSources": [
            { "token": "VideoSource_1", "width": 3840, "height": 2160, "framerate": 25, "kind": "Wide", "imaging": true,
              "configuration": { "token": "VideoSourceConfig_1", "name": "Wide fixed" },
              "ptz": { "node": "PtzNode_1", "nodeName": "Digital window", "configuration": "PtzConfig_1", "configurationName": "Digital PTZ" } }
          ],
          "encoders": [
            { "token": "VideoEncoderConfig_1", "name": "Main H.264", "encoding": "H264", "width": 1920, "height": 1080, "quality": 80, "frameRateLimit": 25, "bitrateLimit": 4096, "govLength": 25, "h264Profile": "Main", "constantBitRate": false },
            { "token": "VideoEncoderConfig_2", "name": "Sub JPEG", "width": 640, "height": 360, "quality": 70, "frameRateLimit": 15, "bitrateLimit": 1500 }
          ],
          "metadata": [
            { "token": "MetadataConfig_1", "name": "PTZ and events", "ptzStatus": true, "ptzPosition": true, "events": true, "sessionTimeoutSeconds": 60 }
          ],
          "profiles": [
            { "token": "Profile_1", "name": "Main", "videoSource": "VideoSource_1", "encoder": "VideoEncoderConfig_1", "ptz": true },
            { "token": "Profile_2", "name": "Sub", "videoSource": "VideoSource_1", "encoder": "VideoEncoderConfig_2", "ptz": false }
          ]
        }
        """;
}
