using System.Xml;
using Camlab.Device.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

/// <summary>
/// The ONVIF media service, ver10 (trt), over the camera's <see cref="MediaProfiles"/>: profiles, video sources,
/// video source and encoder configurations; the profile's PTZ configuration (Add/RemovePTZConfiguration) when the
/// camera has PTZ (GetCompatiblePTZConfigurations is not in the 26.06 media.wsdl, the PTZ service's
/// GetCompatibleConfigurations answers that question); GetStreamUri and GetSnapshotUri when the server streams
/// (<see cref="IStreamUris"/>). Domain refusals become faults through <see cref="MediaFaults"/>.
/// </summary>
public sealed class MediaService : IOnvifService
{
    private readonly MediaProfiles _profiles;
    private readonly IPtzConfigurationWriter? _ptz;
    private readonly IStreamUris? _uris;

    /// <param name="ptz">Writes the profiles' tt:PTZConfiguration; null: profiles carry none and the PTZ operations are not offered.</param>
    /// <param name="uris">Where streams and snapshots are served; null: GetStreamUri and GetSnapshotUri are not offered.</param>
    public MediaService(MediaProfiles profiles, IPtzConfigurationWriter? ptz = null, IStreamUris? uris = null)
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
        w.Attr("OSD", "false");
        w.Start(OnvifNamespaces.Media, "ProfileCapabilities");
        w.Attr("MaximumNumberOfProfiles", OnvifXml.Int(_profiles.Profiles.Count));
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

    private void WriteSourceConfiguration(XmlWriter w, string name, string ns, VideoSourceConfiguration c)
    {
        w.Start(ns, name);
        w.Attr("token", c.Token);
        w.Tt("Name", c.Name);
        w.Tt("UseCount", _profiles.UseCountOfSource(c.Token));
        w.Tt("SourceToken", c.SourceToken);
        w.Start(OnvifNamespaces.Schema, "Bounds");
        w.Attr("x", OnvifXml.Int(c.X));
        w.Attr("y", OnvifXml.Int(c.Y));
        w.Attr("width", OnvifXml.Int(c.Width));
        w.Attr("height", OnvifXml.Int(c.Height));
        w.End();
        w.End();
    }

    private void WriteEncoderConfiguration(XmlWriter w, string name, string ns, VideoEncoderConfiguration c)
    {
        w.Start(ns, name);
        w.Attr("token", c.Token);
        w.Tt("Name", c.Name);
        w.Tt("UseCount", _profiles.UseCountOfEncoder(c.Token));
        bool h264 = c.Encoding == VideoEncoding.H264;
        w.Tt("Encoding", h264 ? "H264" : "JPEG");
        w.Start(OnvifNamespaces.Schema, "Resolution");
        w.Tt("Width", c.Width);
        w.Tt("Height", c.Height);
        w.End();
        w.Tt("Quality", OnvifXml.Float(c.Quality));
        w.Start(OnvifNamespaces.Schema, "RateControl");
        w.Tt("FrameRateLimit", c.FrameRateLimit);
        w.Tt("EncodingInterval", c.EncodingInterval);
        w.Tt("BitrateLimit", c.BitrateLimit);
        w.End();
        if (h264)
        {
            w.Start(OnvifNamespaces.Schema, "H264");
            w.Tt("GovLength", c.GovLength);
            w.Tt("H264Profile", c.H264Profile.ToString());
            w.End();
        }
        // Multicast and SessionTimeout are mandatory in tt:VideoEncoderConfiguration; no multicast is served.
        w.Start(OnvifNamespaces.Schema, "Multicast");
        w.Start(OnvifNamespaces.Schema, "Address");
        w.Tt("Type", "IPv4");
        w.Tt("IPv4Address", "0.0.0.0");
        w.End();
        w.Tt("Port", 0);
        w.Tt("TTL", 1);
        w.Tt("AutoStart", false);
        w.End();
        w.Tt("SessionTimeout", "PT60S");
        w.End();
    }

    private void AddPtzConfiguration(SoapRequest request, XmlWriter w)
    {
        var profile = request.Body.RequiredToken("ProfileToken");
        var configuration = request.Body.RequiredToken("ConfigurationToken");
        MediaFaults.Guard(() => _profiles.AddPtzConfiguration(profile, configuration));
        w.WriteElementString("AddPTZConfigurationResponse", OnvifNamespaces.Media, "");
    }

    private void RemovePtzConfiguration(SoapRequest request, XmlWriter w)
    {
        var profile = request.Body.RequiredToken("ProfileToken");
        MediaFaults.Guard(() => _profiles.RemovePtzConfiguration(profile));
        w.WriteElementString("RemovePTZConfigurationResponse", OnvifNamespaces.Media, "");
    }

    // Media 5.15.1: an unknown profile is ter:NoProfile, a stream type or protocol not served ter:InvalidStreamSetup.
    private void GetStreamUri(SoapRequest request, XmlWriter w)
    {
        var setup = request.Body.RequiredChild("StreamSetup");
        var stream = setup.RequiredText("Stream");
        var protocol = setup.RequiredChild("Transport").RequiredText("Protocol");
        var profile = Profile(request);
        if (stream is not ("RTP-Unicast" or "RTP-Multicast"))
            throw OnvifFaults.InvalidArgVal("InvalidStreamSetup", $"StreamSetup/Stream '{stream}' is not a tt:StreamType (RTP-Unicast, RTP-Multicast)");
        var uri = _uris!.StreamUri(CameraBase(request), profile, stream, protocol)
            ?? throw OnvifFaults.InvalidArgVal("InvalidStreamSetup", $"Transport/Protocol {protocol} is not served: {_uris.ProtocolsServed}");
        WriteUri(w, "GetStreamUriResponse", uri);
    }

    private void GetSnapshotUri(SoapRequest request, XmlWriter w) =>
        WriteUri(w, "GetSnapshotUriResponse", _uris!.SnapshotUri(CameraBase(request), Profile(request)));

    private MediaProfile Profile(SoapRequest request)
    {
        var token = request.Body.RequiredToken("ProfileToken");
        return MediaFaults.Guard(() => _profiles.Profile(token));
    }

    private static string CameraBase(SoapRequest request) =>
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
