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
            new("GetOSDOptions", AccessClass.ReadMedia, (request, w) =>
            {
                var configuration = request.Body.RequiredToken("ConfigurationToken");
                OsdXml.Faults.Guard(() => osds.Configuration(configuration));
                w.WriteStartElement(trt, "GetOSDOptionsResponse", ns);
                OsdXml.WriteOptions(w, trt, ns, "OSDOptions");
                w.End();
            }),
            new("CreateOSD", AccessClass.Actuate, (request, w) =>
            {
                var osd = OsdXml.Read(request.Body.RequiredChild("OSD"));
                var token = OsdXml.Faults.Guard(() => osds.Create(osd));
                w.WriteStartElement(trt, "CreateOSDResponse", ns);
                w.WriteElementString(trt, "OSDToken", ns, token);
                w.End();
            }),
            new("SetOSD", AccessClass.Actuate, (request, w) =>
            {
                var osd = OsdXml.Read(request.Body.RequiredChild("OSD"));
                if (osd.Token.Length == 0) throw OnvifFaults.InvalidArgs("OSD/@token is required: it names the OSD to change");
                OsdXml.Faults.Guard(() => osds.Set(osd));
                w.WriteStartElement(trt, "SetOSDResponse", ns);
                w.End();
            }),
            new("DeleteOSD", AccessClass.Actuate, (request, w) =>
            {
                var token = request.Body.RequiredToken("OSDToken");
                OsdXml.Faults.Guard(() => osds.Delete(token));
                w.WriteStartElement(trt, "DeleteOSDResponse", ns);
                w.End();
            }),
        ];
    }
}
