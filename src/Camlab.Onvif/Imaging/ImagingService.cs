using System.Xml;
using Camlab.Device.Imaging;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Imaging;

/// <summary>
/// The ONVIF Imaging service 19.06 (timg:) over <see cref="CameraImaging"/>. Handlers are stateless; the
/// operation groups live in partial files named after the specification's sections.
/// </summary>
public sealed partial class ImagingService : IOnvifService
{
    private readonly CameraImaging _imaging;

    public ImagingService(CameraImaging imaging)
    {
        _imaging = imaging ?? throw new ArgumentNullException(nameof(imaging));
        Operations =
        [
            new("GetServiceCapabilities", AccessClass.PreAuth, GetServiceCapabilities),
            new("GetImagingSettings", AccessClass.ReadMedia, GetImagingSettings),
            new("SetImagingSettings", AccessClass.Actuate, SetImagingSettings),
            new("GetOptions", AccessClass.ReadMedia, GetOptions),
            new("Move", AccessClass.Actuate, Move),
            new("GetMoveOptions", AccessClass.ReadMedia, GetMoveOptions),
            new("Stop", AccessClass.Actuate, Stop),
            new("GetStatus", AccessClass.ReadMedia, GetStatus),
            new("GetPresets", AccessClass.ReadMedia, GetPresets),
            new("GetCurrentPreset", AccessClass.ReadMedia, GetCurrentPreset),
            new("SetCurrentPreset", AccessClass.Actuate, SetCurrentPreset),
        ];
    }

    public string Namespace => OnvifNamespaces.Imaging;

    public string PathSegment => "imaging_service";

    public (int Major, int Minor) Version => (19, 6);

    public IReadOnlyList<SoapOperation> Operations { get; }

    /// <summary>timg:Capabilities (Imaging 5.4), as GetServiceCapabilities and GetServices return it.</summary>
    public void WriteCapabilities(XmlWriter writer)
    {
        writer.WriteStartElement("timg", "Capabilities", OnvifNamespaces.Imaging);
        writer.WriteAttributeString("ImageStabilization", XmlConvert.ToString(_imaging.ImageStabilization));
        writer.WriteAttributeString("Presets", XmlConvert.ToString(_imaging.Presets));
        writer.WriteAttributeString("AdaptablePreset", XmlConvert.ToString(_imaging.Presets && _imaging.AdaptablePreset));
        writer.WriteEndElement();
    }

    private void GetServiceCapabilities(SoapRequest request, XmlWriter response)
    {
        response.WriteStartElement("timg", "GetServiceCapabilitiesResponse", OnvifNamespaces.Imaging);
        WriteCapabilities(response);
        response.WriteEndElement();
    }

    private VideoSourceImaging Source(SoapRequest request) =>
        ImagingFaults.Guard(() => _imaging.Source(request.Body.RequiredToken("VideoSourceToken")));

    private static void Empty(XmlWriter response, string localName)
    {
        response.WriteStartElement("timg", localName, OnvifNamespaces.Imaging);
        response.WriteEndElement();
    }
}
