using System.Xml;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz;

// PTZ 5.1: GetNodes, GetNode.
public sealed partial class PtzService
{
    private void GetNodes(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Ptz, "GetNodesResponse");
        foreach (var node in _device.Nodes) PtzXml.WriteNode(w, OnvifNamespaces.Ptz, "PTZNode", node, geoMove: _geoMoveOf(node) is not null);
        w.End();
    }

    private void GetNode(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("NodeToken");
        var node = _device.FindNode(token) ?? throw OnvifFaults.InvalidArgVal("NoEntity", $"no PTZ node '{token}'");
        w.Start(OnvifNamespaces.Ptz, "GetNodeResponse");
        PtzXml.WriteNode(w, OnvifNamespaces.Ptz, "PTZNode", node, geoMove: _geoMoveOf(node) is not null);
        w.End();
    }
}
