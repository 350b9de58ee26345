using System.Xml;
using Camlab.Device.Media;
using Camlab.Onvif.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media2;

// Media2 5.3: metadata configurations (GetMetadataConfigurations, GetMetadataConfigurationOptions,
// SetMetadataConfiguration); a profile takes one through AddConfiguration Type=Metadata. Served only when the
// profiles' streams carry a metadata track.
public sealed partial class Media2Service
{
    private bool ServesMetadata => _uris?.StreamsMetadata == true;

    private IEnumerable<SoapOperation> MetadataOperations() =>
    [
        new("GetMetadataConfigurations", AccessClass.ReadMedia, GetMetadataConfigurations),
        new("GetMetadataConfigurationOptions", AccessClass.ReadMedia, GetMetadataConfigurationOptions),
        new("SetMetadataConfiguration", AccessClass.Actuate, SetMetadataConfiguration),
    ];

    private void WriteMetadataConfiguration(XmlWriter w, string name, MetadataConfiguration c) =>
        MetadataXml.WriteConfiguration(w, OnvifNamespaces.Media2, name, c, _profiles.UseCountOfMetadata(c.Token), _profiles.PtzStatusSupported);

    private void GetMetadataConfigurations(SoapRequest request, XmlWriter w) =>
        WriteConfigurations(request, w, "GetMetadataConfigurationsResponse", _profiles.MetadataConfigurations,
            _profiles.CompatibleMetadataConfigurations, _profiles.Metadata, c => c.Token, c => WriteMetadataConfiguration(w, "Configurations", c));

    private void GetMetadataConfigurationOptions(SoapRequest request, XmlWriter w) =>
        MetadataXml.WriteOptionsResponse(w, OnvifNamespaces.Media2, _profiles, request.Body.ChildToken("ConfigurationToken"), request.Body.ChildToken("ProfileToken"));

    private void SetMetadataConfiguration(SoapRequest request, XmlWriter w)
    {
        var element = request.Body.RequiredChild("Configuration");
        var token = element.AttrToken("token") ?? throw OnvifFaults.InvalidArgs("Configuration/@token is required");
        MediaFaults.Guard(() => _profiles.SetMetadataConfiguration(MetadataXml.ReadConfiguration(element, _profiles.Metadata(token))));
        w.WriteElementString("SetMetadataConfigurationResponse", OnvifNamespaces.Media2, "");
    }
}
