using System.Xml;
using Camlab.Device.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

// Media 5.4 and 5.5: single video source and encoder configurations, Set, their options, the compatible ones and the
// guaranteed number of encoder instances. ForcePersistence is obsolete (Media 5.4.5): every change persists.
public sealed partial class MediaService
{
    private void GetVideoSourceConfiguration(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ConfigurationToken");
        var configuration = MediaFaults.Guard(() => _profiles.SourceConfiguration(token));
        w.Start(OnvifNamespaces.Media, "GetVideoSourceConfigurationResponse");
        WriteSourceConfiguration(w, "Configuration", OnvifNamespaces.Media, configuration);
        w.End();
    }

    private void GetVideoEncoderConfiguration(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ConfigurationToken");
        var configuration = MediaFaults.Guard(() => _profiles.EncoderConfiguration(token));
        w.Start(OnvifNamespaces.Media, "GetVideoEncoderConfigurationResponse");
        WriteEncoderConfiguration(w, "Configuration", OnvifNamespaces.Media, configuration);
        w.End();
    }

    private void SetVideoSourceConfiguration(SoapRequest request, XmlWriter w)
    {
        var configuration = MediaXml.ReadSourceConfiguration(request.Body.RequiredChild("Configuration"));
        ForcePersistence(request);
        MediaFaults.Guard(() => _profiles.SetVideoSourceConfiguration(configuration));
        w.WriteElementString("SetVideoSourceConfigurationResponse", OnvifNamespaces.Media, "");
    }

    private void SetVideoEncoderConfiguration(SoapRequest request, XmlWriter w)
    {
        var element = request.Body.RequiredChild("Configuration");
        var token = element.AttrToken("token") ?? throw OnvifFaults.InvalidArgs("Configuration/@token is required");
        ForcePersistence(request);
        MediaFaults.Guard(() => _profiles.SetVideoEncoderConfiguration(MediaXml.ReadEncoderConfiguration(element, _profiles.EncoderConfiguration(token))));
        w.WriteElementString("SetVideoEncoderConfigurationResponse", OnvifNamespaces.Media, "");
    }

    // Required by the schema, obsolete by the spec ("shall be assumed to be true"): read for its form only.
    private static void ForcePersistence(SoapRequest request) =>
        _ = request.Body.ChildBool("ForcePersistence") ?? throw OnvifFaults.InvalidArgs("ForcePersistence is required");

    private void GetVideoSourceConfigurationOptions(SoapRequest request, XmlWriter w)
    {
        var sources = MediaFaults.Guard(() => OptionSources(_profiles, request.Body.ChildToken("ConfigurationToken"), request.Body.ChildToken("ProfileToken")));
        w.Start(OnvifNamespaces.Media, "GetVideoSourceConfigurationOptionsResponse");
        MediaXml.WriteSourceOptions(w, OnvifNamespaces.Media, sources, MediaProfiles.MaximumNumberOfProfiles);
        w.End();
    }

    /// <summary>The sources a configuration's options cover: its own; the profile's; else every source.</summary>
    internal static IReadOnlyList<VideoSource> OptionSources(MediaProfiles profiles, string? configurationToken, string? profileToken)
    {
        if (profileToken is not null) profiles.Profile(profileToken);
        if (configurationToken is not null) return [profiles.Source(profiles.SourceConfiguration(configurationToken).SourceToken)];
        if (profileToken is not null && profiles.SourceOf(profiles.Profile(profileToken)) is { } own) return [own];
        return profiles.VideoSources;
    }

    private void GetVideoEncoderConfigurationOptions(SoapRequest request, XmlWriter w)
    {
        var limit = MediaFaults.Guard(() => _profiles.EncoderLimit(request.Body.ChildToken("ConfigurationToken"), request.Body.ChildToken("ProfileToken")));
        w.Start(OnvifNamespaces.Media, "GetVideoEncoderConfigurationOptionsResponse");
        MediaXml.WriteEncoderOptions(w, OnvifNamespaces.Media, _profiles, limit);
        w.End();
    }

    private void GetCompatibleVideoSourceConfigurations(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ProfileToken");
        var configurations = MediaFaults.Guard(() => _profiles.CompatibleSourceConfigurations(token));
        w.Start(OnvifNamespaces.Media, "GetCompatibleVideoSourceConfigurationsResponse");
        foreach (var c in configurations) WriteSourceConfiguration(w, "Configurations", OnvifNamespaces.Media, c);
        w.End();
    }

    private void GetCompatibleVideoEncoderConfigurations(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ProfileToken");
        var configurations = MediaFaults.Guard(() => _profiles.CompatibleEncoderConfigurations(token));
        w.Start(OnvifNamespaces.Media, "GetCompatibleVideoEncoderConfigurationsResponse");
        foreach (var c in configurations) WriteEncoderConfiguration(w, "Configurations", OnvifNamespaces.Media, c);
        w.End();
    }

    // Media 5.5.8: how many encodings the video source of a configuration guarantees at once, per coding.
    private void GetGuaranteedNumberOfVideoEncoderInstances(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ConfigurationToken");
        MediaFaults.Guard(() => _profiles.SourceConfiguration(token));
        var offer = _profiles.Offer;
        w.Start(OnvifNamespaces.Media, "GetGuaranteedNumberOfVideoEncoderInstancesResponse");
        w.Element(OnvifNamespaces.Media, "TotalNumber", OnvifXml.Int(offer.GuaranteedInstancesPerSource));
        if (offer.Encodings.Contains(VideoEncoding.Jpeg)) w.Element(OnvifNamespaces.Media, "JPEG", OnvifXml.Int(offer.GuaranteedInstancesPerSource));
        if (offer.Encodings.Contains(VideoEncoding.H264)) w.Element(OnvifNamespaces.Media, "H264", OnvifXml.Int(offer.GuaranteedInstancesPerSource));
        w.End();
    }
}
