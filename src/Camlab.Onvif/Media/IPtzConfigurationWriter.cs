using System.Xml;

namespace Camlab.Onvif.Media;

/// <summary>
/// Writes a tt:PTZConfiguration as the PTZ service does, for the profiles the Media service returns (the PTZ
/// service owns that serialisation).
/// </summary>
public interface IPtzConfigurationWriter
{
    /// <summary>
    /// Writes the attributes and children of a tt:PTZConfiguration (token, Name, UseCount, NodeToken, ...).
    /// The caller has already written the start element (its name differs per message) and writes the end.
    /// </summary>
    void WriteConfigurationContent(XmlWriter writer, string configurationToken);
}
