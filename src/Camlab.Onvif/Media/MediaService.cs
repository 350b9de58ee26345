using System.Xml;
using Camlab.Device.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

/// <summary>
/// The ONVIF media service, ver10 (trt), over the camera's <see cref="MediaProfiles"/>: profiles (created, deleted,
/// configured), video sources, video source and encoder configurations with their options; the profile's PTZ
/// configuration (Add/RemovePTZConfiguration) when the camera has PTZ (GetCompatiblePTZConfigurations is not in the
/// 26.06 media.wsdl, the PTZ service's GetCompatibleConfigurations answers that question); GetStreamUri and
/// GetSnapshotUri when the server streams (<see cref="IStreamUris"/>); the metadata configurations only when those
/// streams carry a metadata track (<see cref="IStreamUris.StreamsMetadata"/>). Domain refusals become faults through <see cref="MediaFaults"/>.
/// </summary>
public sealed partial class MediaService : IOnvifService
{
    private readonly MediaProfiles _profiles;
    private readonly IPtzConfigurationWriter? _ptz;
    private readonly IStreamUris? _uris;

    /// <param name="ptz">Writes the profiles' tt:PTZConfiguration; null: profiles carry none and the PTZ operations are not offered.</param>
    /// <param name="uris">Where streams and snapshots are served; null: GetStreamUri and GetSnapshotUri are not offered.</param>
    /// <param name="osds">The operations of Media 5.x OSD (GetOSDs, CreateOSD, ...); null: OSDs are not offered.</param>
    public MediaService(MediaProfiles profiles, IPtzConfigurationWriter? ptz = null, IStreamUris? uris = null, IReadOnlyList<SoapOperation>? osds = null)
    {
        _profiles = profiles;
        _ptz = profiles.PtzConfigurationTokens.Count > 0 ? ptz : null;
        _uris = uris;
        var operations = new List<SoapOperation>
        {
            new("GetServiceCapabilities", AccessClass.PreAuth, GetServiceCapabilities),
            new("GetProfiles", AccessClass.ReadMedia, GetProfiles),
            new("GetProfile", AccessClass.ReadMedia, GetProfile),
            new("GetVideoSources", AccessClass.ReadMedia, GetVideoSources),
            new("GetVideoSourceConfigurations", AccessClass.ReadMedia, GetVideoSourceConfigurations),
            new("GetVideoEncoderConfigurations", AccessClass.ReadMedia, GetVideoEncoderConfigurations),
            new("CreateProfile", AccessClass.Actuate, CreateProfile),
            new("DeleteProfile", AccessClass.Actuate, DeleteProfile),
            new("AddVideoSourceConfiguration", AccessClass.Actuate, AddVideoSourceConfiguration),
            new("RemoveVideoSourceConfiguration", AccessClass.Actuate, RemoveVideoSourceConfiguration),
            new("AddVideoEncoderConfiguration", AccessClass.Actuate, AddVideoEncoderConfiguration),
            new("RemoveVideoEncoderConfiguration", AccessClass.Actuate, RemoveVideoEncoderConfiguration),
            new("GetVideoSourceConfiguration", AccessClass.ReadMedia, GetVideoSourceConfiguration),
            new("GetVideoEncoderConfiguration", AccessClass.ReadMedia, GetVideoEncoderConfiguration),
            new("SetVideoSourceConfiguration", AccessClass.Actuate, SetVideoSourceConfiguration),
            new("SetVideoEncoderConfiguration", AccessClass.Actuate, SetVideoEncoderConfiguration),
            new("GetVideoSourceConfigurationOptions", AccessClass.ReadMedia, GetVideoSourceConfigurationOptions),
            new("GetVideoEncoderConfigurationOptions", AccessClass.ReadMedia, GetVideoEncoderConfigurationOptions),
            new("GetCompatibleVideoSourceConfigurations", AccessClass.ReadMedia, GetCompatibleVideoSourceConfigurations),
            new("GetCompatibleVideoEncoderConfigurations", AccessClass.ReadMedia, GetCompatibleVideoEncoderConfigurations),
            new("GetGuaranteedNumberOfVideoEncoderInstances", AccessClass.ReadMedia, GetGuaranteedNumberOfVideoEncoderInstances),
            new("SetSynchronizationPoint", AccessClass.ReadMedia, SetSynchronizationPoint),
        };
        if (_ptz is not null)
        {
            operations.Add(new("AddPTZConfiguration", AccessClass.Actuate, AddPtzConfiguration));
            operations.Add(new("RemovePTZConfiguration", AccessClass.Actuate, RemovePtzConfiguration));
        }
        if (_uris is not null)
        {
            operations.Add(new("GetStreamUri", AccessClass.ReadMedia, GetStreamUri));
            operations.Add(new("GetSnapshotUri", AccessClass.ReadMedia, GetSnapshotUri));
        }
        if (_uris?.StreamsMetadata == true) operations.AddRange(MetadataOperations());
        if (osds is not null) operations.AddRange(osds);
        Operations = operations;
    }

    public string Namespace => OnvifNamespaces.Media;

    public string PathSegment => "media_service";

    public (int Major, int Minor) Version => (23, 6);

    public IReadOnlyList<SoapOperation> Operations { get; }

    /// <summary>What the capabilities say of RTP/RTSP streaming: none without stream URIs.</summary>
    public StreamingCapabilities Streaming => _uris?.Streaming ?? StreamingCapabilities.None;

    public void WriteCapabilities(XmlWriter w)
    {
        w.Start(OnvifNamespaces.Media, "Capabilities");
        w.Attr("SnapshotUri", OnvifXml.Bool(Operations.Any(o => o.Name == "GetSnapshotUri")));
        w.Attr("Rotation", "false");
        w.Attr("VideoSourceMode", "false");
        w.Attr("OSD", OnvifXml.Bool(Operations.Any(o => o.Name == "CreateOSD")));
        w.Start(OnvifNamespaces.Media, "ProfileCapabilities");
        w.Attr("MaximumNumberOfProfiles", OnvifXml.Int(MediaProfiles.MaximumNumberOfProfiles));
        w.End();
        w.Start(OnvifNamespaces.Media, "StreamingCapabilities");
        w.Attr("RTPMulticast", OnvifXml.Bool(Streaming.RtpMulticast));
        w.Attr("RTP_TCP", OnvifXml.Bool(Streaming.RtpTcp));
        w.Attr("RTP_RTSP_TCP", OnvifXml.Bool(Streaming.RtpRtspTcp));
        w.Attr("NonAggregateControl", "false");
        w.Attr("NoRTSPStreaming", OnvifXml.Bool(Streaming.NoRtspStreaming));
        w.End();
        w.End();
    }

    private void GetServiceCapabilities(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Media, "GetServiceCapabilitiesResponse");
        WriteCapabilities(w);
        w.End();
    }

    private void GetProfiles(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Media, "GetProfilesResponse");
        foreach (var profile in _profiles.Profiles) WriteProfile(w, "Profiles", profile);
        w.End();
    }

    private void GetProfile(SoapRequest request, XmlWriter w)
    {
        var profile = Profile(request);
        w.Start(OnvifNamespaces.Media, "GetProfileResponse");
        WriteProfile(w, "Profile", profile);
        w.End();
    }

    private void WriteProfile(XmlWriter w, string elementName, MediaProfile profile)
    {
        w.Start(OnvifNamespaces.Media, elementName);
        w.Attr("token", profile.Token);
        w.Attr("fixed", OnvifXml.Bool(profile.Fixed));
        w.Tt("Name", profile.Name);
        if (profile.VideoSourceConfigurationToken is { } source)
            WriteSourceConfiguration(w, "VideoSourceConfiguration", OnvifNamespaces.Schema, _profiles.SourceConfiguration(source));
        if (profile.VideoEncoderConfigurationToken is { } encoder)
            WriteEncoderConfiguration(w, "VideoEncoderConfiguration", OnvifNamespaces.Schema, _profiles.EncoderConfiguration(encoder));
        if (profile.PtzConfigurationToken is { } ptz && _ptz is not null)
        {
            w.Start(OnvifNamespaces.Schema, "PTZConfiguration");
            _ptz.WriteConfigurationContent(w, ptz);
            w.End();
        }
        if (profile.MetadataConfigurationToken is { } metadata && ServesMetadata)
            WriteMetadataConfiguration(w, "MetadataConfiguration", OnvifNamespaces.Schema, _profiles.Metadata(metadata));
        w.End();
    }

    private void GetVideoSources(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Media, "GetVideoSourcesResponse");
        foreach (var source in _profiles.VideoSources)
        {
            w.Start(OnvifNamespaces.Media, "VideoSources");
            w.Attr("token", source.Token);
            w.Tt("Framerate", OnvifXml.Float(source.Framerate));
            w.Start(OnvifNamespaces.Schema, "Resolution");
            w.Tt("Width", source.Width);
            w.Tt("Height", source.Height);
            w.End();
            w.End();
        }
        w.End();
    }

    private void GetVideoSourceConfigurations(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Media, "GetVideoSourceConfigurationsResponse");
        foreach (var configuration in _profiles.VideoSourceConfigurations)
            WriteSourceConfiguration(w, "Configurations", OnvifNamespaces.Media, configuration);
        w.End();
    }

    private void GetVideoEncoderConfigurations(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Media, "GetVideoEncoderConfigurationsResponse");
        foreach (var configuration in _profiles.VideoEncoderConfigurations)
            WriteEncoderConfiguration(w, "Configurations", OnvifNamespaces.Media, configuration);
        w.End();
    }

    private void WriteSourceConfiguration(XmlWriter w, string name, string ns, VideoSourceConfiguration c) =>
        MediaXml.WriteSourceConfiguration(w, ns, name, c, _profiles.UseCountOfSource(c.Token));

    private void WriteEncoderConfiguration(XmlWriter w, string name, string ns, VideoEncoderConfiguration c) =>
        MediaXml.WriteEncoderConfiguration(w, ns, name, c, _profiles.UseCountOfEncoder(c.Token));

    // Media 5.15.1: an unknown profile is ter:NoProfile, a stream type or protocol not served ter:InvalidStreamSetup.
    private void GetStreamUri(SoapRequest request, XmlWriter w)
    {
        var setup = request.Body.RequiredChild("StreamSetup");
        var stream = setup.RequiredText("Stream");
        var protocol = setup.RequiredChild("Transport").RequiredText("Protocol");
        var profile = Profile(request);
        RequireComplete(profile);
        if (stream is not ("RTP-Unicast" or "RTP-Multicast"))
            throw OnvifFaults.InvalidArgVal("InvalidStreamSetup", $"StreamSetup/Stream '{stream}' is not a tt:StreamType (RTP-Unicast, RTP-Multicast)");
        var uri = _uris!.StreamUri(CameraBase(request), profile, stream, protocol)
            ?? throw OnvifFaults.InvalidArgVal("InvalidStreamSetup", $"Transport/Protocol {protocol} is not served: {_uris.ProtocolsServed}");
        WriteUri(w, "GetStreamUriResponse", uri);
    }

    private void GetSnapshotUri(SoapRequest request, XmlWriter w)
    {
        var profile = Profile(request);
        RequireComplete(profile);
        WriteUri(w, "GetSnapshotUriResponse", _uris!.SnapshotUri(CameraBase(request), profile));
    }

    /// <summary>Media 5.15.1 / Media2 5.6: a profile without a video source and encoder has nothing to stream (ter:IncompleteConfiguration).</summary>
    internal static void RequireComplete(MediaProfile profile)
    {
        if (profile.VideoSourceConfigurationToken is null || profile.VideoEncoderConfigurationToken is null)
            throw MediaFaults.Fault(new MediaException(MediaError.IncompleteConfiguration,
                $"media profile '{profile.Token}' needs a video source and a video encoder configuration to stream"));
    }

    private MediaProfile Profile(SoapRequest request)
    {
        var token = request.Body.RequiredToken("ProfileToken");
        return MediaFaults.Guard(() => _profiles.Profile(token));
    }

    internal static string CameraBase(SoapRequest request) =>
        request.EndpointUri is { } uri ? uri.GetLeftPart(UriPartial.Authority) + request.CameraBasePath
            : throw new InvalidOperationException("the request has no endpoint URI");

    private static void WriteUri(XmlWriter w, string response, string uri)
    {
        w.Start(OnvifNamespaces.Media, response);
        w.Start(OnvifNamespaces.Media, "MediaUri");
        w.Tt("Uri", uri);
        w.Tt("InvalidAfterConnect", false);
        w.Tt("InvalidAfterReboot", false);
        w.Tt("Timeout", "PT0S");
        w.End();
        w.End();
    }
}
