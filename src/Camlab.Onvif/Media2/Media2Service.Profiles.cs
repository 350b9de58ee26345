using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Media;
using Camlab.Onvif.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media2;

// Media2 5.2: GetProfiles, CreateProfile, DeleteProfile, AddConfiguration, RemoveConfiguration.
public sealed partial class Media2Service
{
    // Media2 5.2.2: without Type the profiles carry no configurations; "All" selects every type.
    private void GetProfiles(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.ChildToken("Token");
        var types = request.Body.Children("Type").Select(t => t.Value.Trim()).ToHashSet(StringComparer.Ordinal);
        var all = types.Contains("All");
        bool Wants(string type) => all || types.Contains(type);
        var profiles = token is null ? _profiles.Profiles : [MediaFaults.Guard(() => _profiles.Profile(token))];
        w.Start(OnvifNamespaces.Media2, "GetProfilesResponse");
        foreach (var profile in profiles)
        {
            w.Start(OnvifNamespaces.Media2, "Profiles");
            w.Attr("token", profile.Token);
            w.Attr("fixed", OnvifXml.Bool(profile.Fixed));
            w.Element(OnvifNamespaces.Media2, "Name", profile.Name);
            if (types.Count > 0)
            {
                w.Start(OnvifNamespaces.Media2, "Configurations");
                if (Wants("VideoSource") && profile.VideoSourceConfigurationToken is { } source)
                    MediaXml.WriteSourceConfiguration(w, OnvifNamespaces.Media2, "VideoSource", _profiles.SourceConfiguration(source), _profiles.UseCountOfSource(source));
                if (Wants("VideoEncoder") && profile.VideoEncoderConfigurationToken is { } encoder)
                    MediaXml.WriteEncoder2Configuration(w, OnvifNamespaces.Media2, "VideoEncoder", _profiles.EncoderConfiguration(encoder), _profiles.UseCountOfEncoder(encoder));
                if (Wants("PTZ") && profile.PtzConfigurationToken is { } ptz && _ptz is not null)
                {
                    w.Start(OnvifNamespaces.Media2, "PTZ");
                    _ptz.WriteConfigurationContent(w, ptz);
                    w.End();
                }
                if (Wants("Metadata") && profile.MetadataConfigurationToken is { } metadata && ServesMetadata)
                    WriteMetadataConfiguration(w, "Metadata", _profiles.Metadata(metadata));
                w.End();
            }
            w.End();
        }
        w.End();
    }

    private void CreateProfile(SoapRequest request, XmlWriter w)
    {
        var name = MediaService.ProfileName(request.Body.RequiredText("Name"));
        var configurations = References(request.Body, tokenRequired: true);
        var profile = MediaFaults.Guard(() => _profiles.CreateProfile(name, null, configurations));
        w.Start(OnvifNamespaces.Media2, "CreateProfileResponse");
        w.Element(OnvifNamespaces.Media2, "Token", profile.Token);
        w.End();
    }

    private void DeleteProfile(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("Token");
        MediaFaults.Guard(() => _profiles.DeleteProfile(token));
        w.WriteElementString("DeleteProfileResponse", OnvifNamespaces.Media2, "");
    }

    // Media2 5.2.3: a configuration replaces the profile's one of the same type; Name renames the profile.
    private void AddConfiguration(SoapRequest request, XmlWriter w)
    {
        var profile = request.Body.RequiredToken("ProfileToken");
        var name = request.Body.ChildText("Name") is { } n ? MediaService.ProfileName(n) : null;
        var configurations = References(request.Body, tokenRequired: true);
        MediaFaults.Guard(() => _profiles.AddConfigurations(profile, name, configurations));
        w.WriteElementString("AddConfigurationResponse", OnvifNamespaces.Media2, "");
    }

    // Media2 5.2.4: without a token, the profile's configuration of that type goes; "All" removes every one.
    private void RemoveConfiguration(SoapRequest request, XmlWriter w)
    {
        var profile = request.Body.RequiredToken("ProfileToken");
        if (!request.Body.Children("Configuration").Any()) throw OnvifFaults.InvalidArgs("RemoveConfiguration/Configuration is required");
        var configurations = References(request.Body, tokenRequired: false);
        MediaFaults.Guard(() => _profiles.RemoveConfigurations(profile, configurations));
        w.WriteElementString("RemoveConfigurationResponse", OnvifNamespaces.Media2, "");
    }

    /// <summary>
    /// tr2:ConfigurationRef list. A type Camlab has no configuration of (audio, metadata, analytics, receiver; PTZ
    /// without a PTZ node) names no configuration: ter:NoConfig when a token is given, nothing to remove otherwise.
    /// </summary>
    private List<ConfigurationRef> References(XElement body, bool tokenRequired)
    {
        var references = new List<ConfigurationRef>();
        foreach (var element in body.Children("Configuration"))
        {
            var type = element.RequiredText("Type");
            var token = element.ChildToken("Token");
            if (tokenRequired && token is null) throw OnvifFaults.InvalidArgs($"Configuration/Token is required for type {EchoedText.Quote(type)}");
            if (type == "All" && !tokenRequired)
            {
                references.AddRange(Served().Select(t => new ConfigurationRef(t, null)));
                continue;
            }
            MediaConfigurationType? known = type switch
            {
                "VideoSource" => MediaConfigurationType.VideoSource,
                "VideoEncoder" => MediaConfigurationType.VideoEncoder,
                "PTZ" when _ptz is not null => MediaConfigurationType.Ptz,
                "Metadata" when ServesMetadata => MediaConfigurationType.Metadata,
                _ => null,
            };
            if (known is { } t) references.Add(new ConfigurationRef(t, token));
            else if (token is not null) throw OnvifFaults.InvalidArgVal("NoConfig", $"no {EchoedText.Quote(type)} configuration '{token}'");
        }
        return references.DistinctBy(r => r.Type).Count() == references.Count ? references
            : throw MediaFaults.Fault(new MediaException(MediaError.ConfigurationConflict, "a configuration type is named more than once"));
    }

    private IEnumerable<MediaConfigurationType> Served()
    {
        yield return MediaConfigurationType.VideoSource;
        yield return MediaConfigurationType.VideoEncoder;
        if (_ptz is not null) yield return MediaConfigurationType.Ptz;
        if (ServesMetadata) yield return MediaConfigurationType.Metadata;
    }

    private static string TypeName(MediaConfigurationType type) => type switch
    {
        MediaConfigurationType.VideoSource => "VideoSource",
        MediaConfigurationType.VideoEncoder => "VideoEncoder",
        MediaConfigurationType.Ptz => "PTZ",
        _ => "Metadata",
    };
}
