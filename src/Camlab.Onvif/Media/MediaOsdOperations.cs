using Camlab.Device.Media.Osd;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

/// <summary>
/// The OSD operations of the Media service, ver10 (trt, Media 5.14: GetOSDs, GetOSD, GetOSDOptions, CreateOSD, SetOSD,
/// DeleteOSD) over the camera's <see cref="CameraOsds"/>, the same OSDs Media2 serves. The Media service adds this
/// list to its operations and answers OSD="true" in its capabilities.
/// </summary>
public static class MediaOsdOperations
{
    public static IReadOnlyList<SoapOperation> Create(CameraOsds osds)
    {
        ArgumentNullException.ThrowIfNull(osds);
        const string trt = "trt";
        var ns = OnvifNamespaces.Media;
        return
        [
            new("GetOSDs", AccessClass.ReadMedia, (request, w) =>
            {
                var configuration = request.Body.ChildToken("ConfigurationToken");
                var list = configuration is { Length: > 0 } ? OsdXml.Faults.Guard(() => osds.Of(configuration)) : osds.All;
                w.WriteStartElement(trt, "GetOSDsResponse", ns);
                foreach (var osd in list) OsdXml.Write(w, trt, ns, "OSDs", osd);
                w.End();
            }),
            new("GetOSD", AccessClass.ReadMedia, (request, w) =>
            {
                var token = request.Body.RequiredToken("OSDToken");
                var osd = OsdXml.Faults.Guard(() => osds.Get(token));
                w.WriteStartElement(trt, "GetOSDResponse", ns);
                OsdXml.Write(w, trt, ns, "OSD", osd);
                w.End();
            }),
            .. OsdXml.SharedOperations(osds, trt, ns),
        ];
    }
}
