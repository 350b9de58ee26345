using System.Xml;

namespace Camlab.Onvif.Media;

/// <summary>
/// The PTZ configurations as the Media service sees them: a profile carries one (tt:Profile/PTZConfiguration),
/// AddPTZConfiguration / RemovePTZConfiguration pick one by token, GetCompatiblePTZConfigurations lists those
/// whose node drives the profile's video source. Implemented by the PTZ service adapter, which owns the
/// tt:PTZConfiguration serialisation.
/// </summary>
public interface IPtzConfigurationCatalog
{
    IReadOnlyList<string> ConfigurationTokens { get; }

    /// <summary>The video source token driven by the configuration's node, or null for an unknown token.</summary>
    string? VideoSourceTokenOf(string configurationToken);

    /// <summary>
    /// Writes the attributes and children of a tt:PTZConfiguration (token, Name, UseCount, NodeToken, ...).
    /// The caller has already written the start element (its name differs per message) and writes the end.
    /// </summary>
    void WriteConfigurationContent(XmlWriter writer, string configurationToken);
}
