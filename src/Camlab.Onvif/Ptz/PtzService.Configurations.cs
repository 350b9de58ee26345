using System.Xml;
using Camlab.Device.Ptz;
using Camlab.Onvif.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz;

// PTZ 5.2: GetConfigurations, GetConfiguration, GetConfigurationOptions, SetConfiguration, GetCompatibleConfigurations.
public sealed partial class PtzService
{
    private void GetConfigurations(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Ptz, "GetConfigurationsResponse");
        foreach (var node in _device.Nodes) WriteConfiguration(w, "PTZConfiguration", node);
        w.End();
    }

    private void GetConfiguration(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfConfiguration(request.Body.RequiredToken("PTZConfigurationToken"));
        w.Start(OnvifNamespaces.Ptz, "GetConfigurationResponse");
        WriteConfiguration(w, "PTZConfiguration", node);
        w.End();
    }

    private void GetConfigurationOptions(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfConfiguration(request.Body.RequiredToken("ConfigurationToken"));
        w.Start(OnvifNamespaces.Ptz, "GetConfigurationOptionsResponse");
        PtzXml.WriteConfigurationOptions(w, OnvifNamespaces.Ptz, "PTZConfigurationOptions", node.ConfigurationOptions);
        w.End();
    }

    private void SetConfiguration(SoapRequest request, XmlWriter w)
    {
        var element = request.Body.RequiredChild("PTZConfiguration");
        var token = element.AttrToken("token") ?? throw OnvifFaults.InvalidArgs("PTZConfiguration/@token is required");
        var node = NodeOfConfiguration(token);
        var configuration = PtzXml.ReadConfiguration(element, node.Configuration);
        Domain(() => node.SetConfiguration(configuration));
        Empty(w, "SetConfigurationResponse");
    }

    private void GetCompatibleConfigurations(SoapRequest request, XmlWriter w)
    {
        var profileToken = request.Body.RequiredToken("ProfileToken");
        var tokens = MediaFaults.Guard(() => _profiles.CompatiblePtzConfigurations(profileToken));
        w.Start(OnvifNamespaces.Ptz, "GetCompatibleConfigurationsResponse");
        foreach (var token in tokens)
            if (_device.FindByConfiguration(token) is { } node) WriteConfiguration(w, "PTZConfiguration", node);
        w.End();
    }

    private PtzNode NodeOfConfiguration(string token) =>
        _device.FindByConfiguration(token) ?? throw OnvifFaults.InvalidArgVal("NoConfig", $"no PTZ configuration '{token}'");

    private void WriteConfiguration(XmlWriter w, string name, PtzNode node) =>
        PtzXml.WriteConfiguration(w, OnvifNamespaces.Ptz, name, node.Configuration, _catalog.UseCountOf(node.Configuration.Token),
            PtzConfigurationCatalog.HasControlDirection(node));
}
