using System.Xml;
using Camlab.Device.Media;
using Camlab.Device.Ptz;
using Camlab.Onvif.Media;

namespace Camlab.Onvif.Ptz;

/// <summary>
/// The PTZ configurations as tt:PTZConfiguration, for the PTZ service and the profiles of the Media service;
/// UseCount counts the media profiles carrying each.
/// </summary>
public sealed class PtzConfigurationCatalog(PtzDevice device, MediaProfiles profiles) : IPtzConfigurationWriter
{
    public PtzDevice Device { get; } = device;

    public MediaProfiles Profiles { get; } = profiles;

    public IReadOnlyList<string> ConfigurationTokens => Device.Nodes.Select(n => n.Configuration.Token).ToList();

    public int UseCountOf(string configurationToken) => Profiles.UseCountOfPtz(configurationToken);

    public void WriteConfigurationContent(XmlWriter writer, string configurationToken)
    {
        var node = Device.FindByConfiguration(configurationToken)
            ?? throw new ArgumentException($"no PTZ configuration '{configurationToken}'", nameof(configurationToken));
        PtzXml.WriteConfigurationContent(writer, node.Configuration, UseCountOf(configurationToken), HasControlDirection(node));
    }

    /// <summary>Only the dome has e-flip and reverse (PTZ 5.9); the digital window writes no PTControlDirection.</summary>
    public static bool HasControlDirection(PtzNode node) => node.Definition.Kind == PtzNodeKind.MechanicalDome;
}
