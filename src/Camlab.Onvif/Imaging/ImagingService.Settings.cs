using System.Xml;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Imaging;

// Imaging 5.1: GetImagingSettings, SetImagingSettings, GetOptions.
public sealed partial class ImagingService
{
    private void GetImagingSettings(SoapRequest request, XmlWriter response)
    {
        var settings = Source(request).Settings;
        response.WriteStartElement("timg", "GetImagingSettingsResponse", OnvifNamespaces.Imaging);
        ImagingXmlWriter.WriteSettings(response, "ImagingSettings", OnvifNamespaces.Imaging, settings);
        response.WriteEndElement();
    }

    private void SetImagingSettings(SoapRequest request, XmlWriter response)
    {
        var source = Source(request);
        var settings = request.Body.RequiredChild("ImagingSettings");
        // ForcePersistence is deprecated (5.1.3); settings always persist. It is still read so a bad value is reported.
        _ = request.Body.ChildBool("ForcePersistence");
        ImagingFaults.Guard(() => source.SetSettingsFrom(current => ImagingSettingsReader.Read(settings, current)));
        Empty(response, "SetImagingSettingsResponse");
    }

    private void GetOptions(SoapRequest request, XmlWriter response)
    {
        var options = Source(request).Options;
        response.WriteStartElement("timg", "GetOptionsResponse", OnvifNamespaces.Imaging);
        ImagingXmlWriter.WriteOptions(response, options);
        response.WriteEndElement();
    }
}
