using System.Xml;
using Camlab.Device.Ptz;
using Camlab.Onvif.Media;

namespace Camlab.Onvif.Ptz;

/// <summary>
/// The Media↔PTZ seam implemented over the PTZ domain: Media lists, assigns and writes PTZ configurations
/// through it. UseCount counts the media profiles carrying a configuration once <see cref="Profiles"/> is attached
/// (MediaProfiles needs this catalog to be built, so the composition root attaches it afterwards; PtzService does).
/// </summary>
public sealed class PtzConfigurationCatalog(PtzDevice device) : IPtzConfigurationCatalog
{
    public PtzDevice Device { get; } = device;

    public MediaProfiles? Profiles { get; set; }

    public IReadOnlyList<string> ConfigurationTokens => Device.Nodes.Select(n => n.Configuration.Token).ToList();

    public string? VideoSourceTokenOf(string configurationToken) => Device.FindByConfiguration(configurationToken)?.Definition.VideoSourceToken;

    public int UseCountOf(string configurationToken) =>
        Profiles is { } p ? p.Profiles.Count(profile => p.PtzConfigurationOf(profile.Token) == configurationToken) : 0;

    public void WriteConfigurationContent(XmlWriter writer, string configurationToken)
    {
        var node = Device.FindByConfiguration(configurationToken)
            ?? throw new ArgumentException($"no PTZ configuration '{configurationToken}'", nameof(configurationToken));
        PtzXml.WriteConfigurationContent(writer, node.Configuration, UseCountOf(configurationToken), HasControlDirection(node));
    }

    /// <summary>Only the dome has e-flip and reverse (PTZ 5.9); the digital window writes no PTControlDirection.</summary>
    public static bool HasControlDirection(PtzNode node) => node.Definition.Kind == PtzNodeKind.MechanicalDome;
}
