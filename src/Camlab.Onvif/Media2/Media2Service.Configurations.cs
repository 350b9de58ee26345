using System.Xml;
using Camlab.Device.Media;
using Camlab.Onvif.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media2;

// Media2 5.3: video source and encoder configurations, their options, GetVideoEncoderInstances.
public sealed partial class Media2Service
{
    private void GetVideoSourceConfigurations(SoapRequest request, XmlWriter w) =>
        WriteConfigurations(request, w, "GetVideoSourceConfigurationsResponse", _profiles.VideoSourceConfigurations,
            _profiles.CompatibleSourceConfigurations, _profiles.SourceConfiguration, c => c.Token,
            c => MediaXml.WriteSourceConfiguration(w, OnvifNamespaces.Media2, "Configurations", c, _profiles.UseCountOfSource(c.Token)));

    private void GetVideoEncoderConfigurations(SoapRequest request, XmlWriter w) =>
        WriteConfigurations(request, w, "GetVideoEncoderConfigurationsResponse", _profiles.VideoEncoderConfigurations,
            _profiles.CompatibleEncoderConfigurations, _profiles.EncoderConfiguration, c => c.Token,
            c => MediaXml.WriteEncoder2Configuration(w, OnvifNamespaces.Media2, "Configurations", c, _profiles.UseCountOfEncoder(c.Token)));

    /// <summary>
    /// tr2:GetConfiguration for every configuration type: a token selects one configuration (an unknown one is
    /// ter:NoConfig through <paramref name="find"/>), a profile token those compatible with the profile, both together
    /// the one if it is compatible.
    /// </summary>
    private static void WriteConfigurations<T>(SoapRequest request, XmlWriter w, string response, IReadOnlyList<T> all,
        Func<string, IEnumerable<T>> compatible, Func<string, T> find, Func<T, string> tokenOf, Action<T> write)
    {
        var (token, profile) = (request.Body.ChildToken("ConfigurationToken"), request.Body.ChildToken("ProfileToken"));
        var configurations = MediaFaults.Guard(() =>
        {
            IEnumerable<T> selected = profile is null ? all : compatible(profile);
            if (token is not null) { find(token); selected = selected.Where(c => tokenOf(c) == token); }
            return selected.ToList();
        });
        w.Start(OnvifNamespaces.Media2, response);
        foreach (var c in configurations) write(c);
        w.End();
    }

    private void GetVideoSourceConfigurationOptions(SoapRequest request, XmlWriter w)
    {
        var sources = MediaFaults.Guard(() => MediaService.OptionSources(_profiles, request.Body.ChildToken("ConfigurationToken"), request.Body.ChildToken("ProfileToken")));
        w.Start(OnvifNamespaces.Media2, "GetVideoSourceConfigurationOptionsResponse");
        MediaXml.WriteSourceOptions(w, OnvifNamespaces.Media2, sources, MediaProfiles.MaximumNumberOfProfiles);
        w.End();
    }

    private void GetVideoEncoderConfigurationOptions(SoapRequest request, XmlWriter w)
    {
        var limit = MediaFaults.Guard(() => _profiles.EncoderLimit(request.Body.ChildToken("ConfigurationToken"), request.Body.ChildToken("ProfileToken")));
        w.Start(OnvifNamespaces.Media2, "GetVideoEncoderConfigurationOptionsResponse");
        MediaXml.WriteEncoder2Options(w, OnvifNamespaces.Media2, _profiles, limit);
        w.End();
    }

    private void SetVideoSourceConfiguration(SoapRequest request, XmlWriter w)
    {
        var configuration = MediaXml.ReadSourceConfiguration(request.Body.RequiredChild("Configuration"));
        MediaFaults.Guard(() => _profiles.SetVideoSourceConfiguration(configuration));
        w.WriteElementString("SetVideoSourceConfigurationResponse", OnvifNamespaces.Media2, "");
    }

    private void SetVideoEncoderConfiguration(SoapRequest request, XmlWriter w)
    {
        var element = request.Body.RequiredChild("Configuration");
        var token = element.AttrToken("token") ?? throw OnvifFaults.InvalidArgs("Configuration/@token is required");
        MediaFaults.Guard(() => _profiles.SetVideoEncoderConfiguration(MediaXml.ReadEncoder2Configuration(element, _profiles.EncoderConfiguration(token))));
        w.WriteElementString("SetVideoEncoderConfigurationResponse", OnvifNamespaces.Media2, "");
    }

    // Media2 5.3.x GetVideoEncoderInstances: the guaranteed encodings of the configuration's video source, per coding.
    private void GetVideoEncoderInstances(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ConfigurationToken");
        MediaFaults.Guard(() => _profiles.SourceConfiguration(token));
        var offer = _profiles.Offer;
        w.Start(OnvifNamespaces.Media2, "GetVideoEncoderInstancesResponse");
        w.Start(OnvifNamespaces.Media2, "Info");
        foreach (var encoding in offer.Encodings)
        {
            w.Start(OnvifNamespaces.Media2, "Codec");
            w.Element(OnvifNamespaces.Media2, "Encoding", MediaXml.MimeName(encoding));
            w.Element(OnvifNamespaces.Media2, "Number", OnvifXml.Int(offer.GuaranteedInstancesPerSource));
            w.End();
        }
        w.Element(OnvifNamespaces.Media2, "Total", OnvifXml.Int(offer.GuaranteedInstancesPerSource));
        w.End();
        w.End();
    }
}
