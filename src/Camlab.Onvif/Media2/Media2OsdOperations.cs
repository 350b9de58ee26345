using Camlab.Device.Media.Osd;
using Camlab.Onvif.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media2;

/// <summary>
/// The OSD operations of the Media2 service (tr2, Media2 5.8: GetOSDs, GetOSDOptions, CreateOSD, SetOSD, DeleteOSD)
/// over the camera's <see cref="CameraOsds"/>, the same OSDs the Media (ver10) operations serve. Text OSDs only;
/// what they offer is <see cref="OsdOptions"/>. The Media2 service adds this list to its operations and answers
/// OSD="true" in its capabilities.
/// </summary>
public static class Media2OsdOperations
{
    public const string Namespace = "http://www.onvif.org/ver20/media/wsdl";
    public const string Prefix = "tr2";

    public static IReadOnlyList<SoapOperation> Create(CameraOsds osds)
    {
        ArgumentNullException.ThrowIfNull(osds);
        return
        [
            new("GetOSDs", AccessClass.ReadMedia, (request, w) =>
            {
                var token = request.Body.ChildToken("OSDToken");
                var configuration = request.Body.ChildToken("ConfigurationToken");
                var list = OsdXml.Faults.Guard(() =>
                {
                    IEnumerable<OsdConfiguration> found = token is { Length: > 0 } ? [osds.Get(token)] : osds.All;
                    if (configuration is { Length: > 0 }) found = found.Where(o => o.VideoSourceConfigurationToken == osds.Configuration(configuration).Token);
                    return found.ToArray();
                });
                w.WriteStartElement(Prefix, "GetOSDsResponse", Namespace);
                foreach (var osd in list) OsdXml.Write(w, Prefix, Namespace, "OSDs", osd);
                w.End();
            }),
            .. OsdXml.SharedOperations(osds, Prefix, Namespace),
        ];
    }
}
