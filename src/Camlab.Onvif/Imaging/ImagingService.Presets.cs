using System.Xml;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Imaging;

// Imaging 5.2: GetPresets, GetCurrentPreset, SetCurrentPreset.
public sealed partial class ImagingService
{
    private void GetPresets(SoapRequest request, XmlWriter response)
    {
        var presets = Source(request).Presets;
        response.WriteStartElement("timg", "GetPresetsResponse", OnvifNamespaces.Imaging);
        foreach (var preset in presets) ImagingXmlWriter.WritePreset(response, "Preset", preset);
        response.WriteEndElement();
    }

    private void GetCurrentPreset(SoapRequest request, XmlWriter response)
    {
        var current = Source(request).CurrentPreset;
        response.WriteStartElement("timg", "GetCurrentPresetResponse", OnvifNamespaces.Imaging);
        if (current is not null) ImagingXmlWriter.WritePreset(response, "Preset", current);
        response.WriteEndElement();
    }

    private void SetCurrentPreset(SoapRequest request, XmlWriter response)
    {
        var source = Source(request);
        var token = request.Body.RequiredToken("PresetToken");
        ImagingFaults.Guard(() => source.SetCurrentPreset(token));
        Empty(response, "SetCurrentPresetResponse");
    }
}
