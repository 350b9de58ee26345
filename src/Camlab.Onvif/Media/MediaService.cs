using System.Xml;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

/// <summary>
/// The ONVIF media service, ver10 (trt): profiles, video sources, video source and encoder configurations, and
/// — only when a PTZ catalog is plugged in — the profile's PTZ configuration (Add/RemovePTZConfiguration;
/// GetCompatiblePTZConfigurations is not in the 26.06 media.wsdl, the PTZ service's GetCompatibleConfigurations
/// answers that question). GetStreamUri and GetSnapshotUri
/// belong to the video issue and are not offered until it registers them.
/// </summary>
public sealed class MediaService : IOnvifService
{
    private readonly MediaProfiles _profiles;
    private readonly IReadOnlyList<SoapOperation> _extra;

    /// <param name="extra">Operations other parts add (the video part's GetStreamUri and GetSnapshotUri).</param>
    /// <param name="streaming">What GetServiceCapabilities says of RTP/RTSP streaming (default: none).</param>
    public MediaService(MediaProfiles profiles, IReadOnlyList<SoapOperation>? extra = null, StreamingCapabilities? streaming = null)
    {
        _profiles = profiles;
        _extra = extra ?? [];
        Streaming = streaming ?? StreamingCapabilities.None;
        var operations = new List<SoapOperation>
        {
            new("GetServiceCapabilities", AccessClass.PreAuth, GetServiceCapabilities),
            new("GetProfiles", AccessClass.ReadMedia, GetProfiles),
            new("GetProfile", AccessClass.ReadMedia, GetProfile),
            new("GetVideoSources", AccessClass.ReadMedia, GetVideoSources),
            new("GetVideoSourceConfigurations", AccessClass.ReadMedia, GetVideoSourceConfigurations),
            new("GetVideoEncoderConfigurations", AccessClass.ReadMedia, GetVideoEncoderConfigurations),
        };
        if (profiles.PtzCatalog is not null)
        {
            operations.Add(new("AddPTZConfiguration", AccessClass.Actuate, AddPtzConfiguration));
            operations.Add(new("RemovePTZConfiguration", AccessClass.Actuate, RemovePtzConfiguration));
        }
        operations.AddRange(_extra);
        Operations = operations;
    }

    public string Namespace => OnvifNamespaces.Media;

    public string PathSegment => "media_service";

    public (int Major, int Minor) Version => (23, 6);

    public IReadOnlyList<SoapOperation> Operations { get; }

    /// <summary>A media service with more operations (GetStreamUri, GetSnapshotUri) that the video issue registers.</summary>
    public MediaService With(params SoapOperation[] extra) => new(_profiles, [.. _extra, .. extra], Streaming);

    public StreamingCapabilities Streaming { get; }

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
        var profile = _profiles.Profile(request.Body.RequiredToken("ProfileToken"));
        w.Start(OnvifNamespaces.Media, "GetProfileResponse");
        WriteProfile(w, "Profile", profile);
        w.End();
    }

    private void WriteProfile(XmlWriter w, string elementName, MediaProfile profile)
    {
        w.Start(OnvifNamespaces.Media, elementName);
        w.Attr("token", profile.Token);
        w.Attr("fixed", "true");
        w.Tt("Name", profile.Name);
        WriteSourceConfiguration(w, "VideoSourceConfiguration", OnvifNamespaces.Schema, _profiles.SourceConfiguration(profile.VideoSourceConfigurationToken));
        WriteEncoderConfiguration(w, "VideoEncoderConfiguration", OnvifNamespaces.Schema, _profiles.EncoderConfiguration(profile.VideoEncoderConfigurationToken));
        if (_profiles.PtzConfigurationOf(profile.Token) is { } ptz && _profiles.PtzCatalog is { } catalog)
        {
            w.Start(OnvifNamespaces.Schema, "PTZConfiguration");
            catalog.WriteConfigurationContent(w, ptz);
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
        w.Tt("Encoding", "JPEG");
        w.Start(OnvifNamespaces.Schema, "Resolution");
        w.Tt("Width", c.Width);
        w.Tt("Height", c.Height);
        w.End();
        w.Tt("Quality", OnvifXml.Float(c.Quality));
        w.Start(OnvifNamespaces.Schema, "RateControl");
        w.Tt("FrameRateLimit", c.FrameRateLimit);
        w.Tt("EncodingInterval", 1);
        w.Tt("BitrateLimit", c.BitrateLimit);
        w.End();
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
        _profiles.AddPtzConfiguration(request.Body.RequiredToken("ProfileToken"), request.Body.RequiredToken("ConfigurationToken"));
        w.WriteElementString("AddPTZConfigurationResponse", OnvifNamespaces.Media, "");
    }

    private void RemovePtzConfiguration(SoapRequest request, XmlWriter w)
    {
        _profiles.RemovePtzConfiguration(request.Body.RequiredToken("ProfileToken"));
        w.WriteElementString("RemovePTZConfigurationResponse", OnvifNamespaces.Media, "");
    }
}
