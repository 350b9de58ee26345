using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Media;
using Camlab.Onvif.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media2;

/// <summary>
/// The ONVIF Media2 service (ver20/media, tr2) over the same <see cref="MediaProfiles"/> as Media ver10: profiles
/// with their configuration sets (video source, video encoder, PTZ), video source and encoder configurations with
/// their options (JPEG and H264; H265 is not produced, so not offered), encoder instances, stream and snapshot URIs,
/// synchronization points; metadata configurations when the streams carry a metadata track. Audio and analytics
/// configurations do not exist and are not offered.
/// Further operation sets (OSD, masks) plug in through the constructor with the capability flags they earn.
/// </summary>
public sealed partial class Media2Service : IOnvifService
{
    private readonly MediaProfiles _profiles;
    private readonly IPtzConfigurationWriter? _ptz;
    private readonly IStreamUris? _uris;
    private readonly Media2Extras _extras;

    /// <param name="ptz">Writes tt:PTZConfiguration; null: profiles carry none and Type=PTZ is not accepted.</param>
    /// <param name="uris">Where streams and snapshots are served; null: GetStreamUri and GetSnapshotUri are not offered.</param>
    /// <param name="extras">Operation sets served besides these (OSD, masks) and the capabilities they state.</param>
    public Media2Service(MediaProfiles profiles, IPtzConfigurationWriter? ptz = null, IStreamUris? uris = null, Media2Extras? extras = null)
    {
        _profiles = profiles;
        _ptz = profiles.PtzConfigurationTokens.Count > 0 ? ptz : null;
        _uris = uris;
        _extras = extras ?? Media2Extras.None;
        var operations = new List<SoapOperation>
        {
            new("GetServiceCapabilities", AccessClass.PreAuth, GetServiceCapabilities),
            new("GetProfiles", AccessClass.ReadMedia, GetProfiles),
            new("CreateProfile", AccessClass.Actuate, CreateProfile),
            new("DeleteProfile", AccessClass.Actuate, DeleteProfile),
            new("AddConfiguration", AccessClass.Actuate, AddConfiguration),
            new("RemoveConfiguration", AccessClass.Actuate, RemoveConfiguration),
            new("GetVideoSourceConfigurations", AccessClass.ReadMedia, GetVideoSourceConfigurations),
            new("GetVideoSourceConfigurationOptions", AccessClass.ReadMedia, GetVideoSourceConfigurationOptions),
            new("SetVideoSourceConfiguration", AccessClass.Actuate, SetVideoSourceConfiguration),
            new("GetVideoEncoderConfigurations", AccessClass.ReadMedia, GetVideoEncoderConfigurations),
            new("GetVideoEncoderConfigurationOptions", AccessClass.ReadMedia, GetVideoEncoderConfigurationOptions),
            new("SetVideoEncoderConfiguration", AccessClass.Actuate, SetVideoEncoderConfiguration),
            new("GetVideoEncoderInstances", AccessClass.ReadMedia, GetVideoEncoderInstances),
            new("SetSynchronizationPoint", AccessClass.ReadMedia, SetSynchronizationPoint),
        };
        if (_uris is not null)
        {
            operations.Add(new("GetStreamUri", AccessClass.ReadMedia, GetStreamUri));
            operations.Add(new("GetSnapshotUri", AccessClass.ReadMedia, GetSnapshotUri));
        }
        if (ServesMetadata) operations.AddRange(MetadataOperations());
        foreach (var extra in _extras.Operations)
        {
            if (operations.Any(o => o.Name == extra.Name)) throw new ArgumentException($"Media2 operation {extra.Name} is served twice", nameof(extras));
            operations.Add(extra);
        }
        Operations = operations;
    }

    public string Namespace => OnvifNamespaces.Media2;

    public string PathSegment => "media2_service";

    public (int Major, int Minor) Version => (23, 6);

    public IReadOnlyList<SoapOperation> Operations { get; }

    /// <summary>The configuration types a profile takes here (tr2:ConfigurationEnumeration values).</summary>
    public IReadOnlyList<string> ConfigurationsSupported => Served().Select(TypeName).ToList();

    public void WriteCapabilities(XmlWriter w)
    {
        var streaming = _uris?.Streaming ?? StreamingCapabilities.None;
        w.Start(OnvifNamespaces.Media2, "Capabilities");
        w.Attr("SnapshotUri", OnvifXml.Bool(_uris is not null));
        w.Attr("Rotation", "false");
        w.Attr("VideoSourceMode", "false");
        w.Attr("OSD", OnvifXml.Bool(_extras.Osd));
        w.Attr("TemporaryOSDText", "false");
        w.Attr("Mask", OnvifXml.Bool(_extras.Mask));
        w.Attr("SourceMask", OnvifXml.Bool(_extras.SourceMask));
        w.Start(OnvifNamespaces.Media2, "ProfileCapabilities");
        w.Attr("MaximumNumberOfProfiles", OnvifXml.Int(MediaProfiles.MaximumNumberOfProfiles));
        w.Attr("ConfigurationsSupported", string.Join(' ', ConfigurationsSupported));
        w.End();
        w.Start(OnvifNamespaces.Media2, "StreamingCapabilities");
        w.Attr("RTSPStreaming", OnvifXml.Bool(_uris is not null && !streaming.NoRtspStreaming));
        w.Attr("RTPMulticast", OnvifXml.Bool(streaming.RtpMulticast));
        w.Attr("RTP_RTSP_TCP", OnvifXml.Bool(streaming.RtpRtspTcp));
        w.Attr("NonAggregateControl", "false");
        w.Attr("AutoStartMulticast", "false");
        w.End();
        w.End();
    }

    private void GetServiceCapabilities(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Media2, "GetServiceCapabilitiesResponse");
        WriteCapabilities(w);
        w.End();
    }
}

/// <summary>
/// What a Media2 service serves besides profiles, configurations and streams: further operation sets (OSD:
/// GetOSDs, CreateOSD...; masks: GetMasks, CreateMask...) and the Capabilities2 flags that announce them.
/// </summary>
public sealed record Media2Extras(IReadOnlyList<SoapOperation> Operations, bool Osd = false, bool Mask = false, bool SourceMask = false)
{
    public static Media2Extras None { get; } = new([]);
}
