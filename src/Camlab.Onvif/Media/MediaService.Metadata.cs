using System.Xml;
using Camlab.Device.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

// Media 5.9 and 5.10: metadata configurations — listed, one by token, the compatible ones of a profile, added to and
// removed from a profile, set, and their options. Served only when the profiles' streams carry a metadata track.
public sealed partial class MediaService
{
    private static readonly string[] MetadataOperationNames =
    [
        "GetMetadataConfigurations", "GetMetadataConfiguration", "GetCompatibleMetadataConfigurations", "AddMetadataConfiguration",
        "RemoveMetadataConfiguration", "SetMetadataConfiguration", "GetMetadataConfigurationOptions",
    ];

    private IEnumerable<SoapOperation> MetadataOperations() =>
    [
        new("GetMetadataConfigurations", AccessClass.ReadMedia, GetMetadataConfigurations),
        new("GetMetadataConfiguration", AccessClass.ReadMedia, GetMetadataConfiguration),
        new("GetCompatibleMetadataConfigurations", AccessClass.ReadMedia, GetCompatibleMetadataConfigurations),
        new("AddMetadataConfiguration", AccessClass.Actuate, AddMetadataConfiguration),
        new("RemoveMetadataConfiguration", AccessClass.Actuate, RemoveMetadataConfiguration),
        new("SetMetadataConfiguration", AccessClass.Actuate, SetMetadataConfiguration),
        new("GetMetadataConfigurationOptions", AccessClass.ReadMedia, GetMetadataConfigurationOptions),
    ];

    private bool ServesMetadata => Operations.Any(o => o.Name == "GetMetadataConfigurations");

    private void WriteMetadataConfiguration(XmlWriter w, string name, string ns, MetadataConfiguration c) =>
        MetadataXml.WriteConfiguration(w, ns, name, c, _profiles.UseCountOfMetadata(c.Token), _profiles.PtzStatusSupported);

    private void GetMetadataConfigurations(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Media, "GetMetadataConfigurationsResponse");
        foreach (var c in _profiles.MetadataConfigurations) WriteMetadataConfiguration(w, "Configurations", OnvifNamespaces.Media, c);
        w.End();
    }

    private void GetMetadataConfiguration(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ConfigurationToken");
        var configuration = MediaFaults.Guard(() => _profiles.Metadata(token));
        w.Start(OnvifNamespaces.Media, "GetMetadataConfigurationResponse");
        WriteMetadataConfiguration(w, "Configuration", OnvifNamespaces.Media, configuration);
        w.End();
    }

    private void GetCompatibleMetadataConfigurations(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ProfileToken");
        var configurations = MediaFaults.Guard(() => _profiles.CompatibleMetadataConfigurations(token));
        w.Start(OnvifNamespaces.Media, "GetCompatibleMetadataConfigurationsResponse");
        foreach (var c in configurations) WriteMetadataConfiguration(w, "Configurations", OnvifNamespaces.Media, c);
        w.End();
    }

    private void AddMetadataConfiguration(SoapRequest request, XmlWriter w) =>
        Add(request, w, "AddMetadataConfigurationResponse", _profiles.AddMetadataConfiguration);

    private void RemoveMetadataConfiguration(SoapRequest request, XmlWriter w) =>
        Remove(request, w, "RemoveMetadataConfigurationResponse", _profiles.RemoveMetadataConfiguration);

    private void SetMetadataConfiguration(SoapRequest request, XmlWriter w)
    {
        var element = request.Body.RequiredChild("Configuration");
        var token = element.AttrToken("token") ?? throw OnvifFaults.InvalidArgs("Configuration/@token is required");
        ForcePersistence(request);
        MediaFaults.Guard(() => _profiles.SetMetadataConfiguration(MetadataXml.ReadConfiguration(element, _profiles.Metadata(token))));
        w.WriteElementString("SetMetadataConfigurationResponse", OnvifNamespaces.Media, "");
    }

    private void GetMetadataConfigurationOptions(SoapRequest request, XmlWriter w) =>
        MetadataXml.WriteOptionsResponse(w, OnvifNamespaces.Media, _profiles, request.Body.ChildToken("ConfigurationToken"), request.Body.ChildToken("ProfileToken"));
}
