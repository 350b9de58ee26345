using System.Xml;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz;

// PTZ 5.6.1: SendAuxiliaryCommand with the commands the node lists (core spec 8.6 syntax, e.g. tt:IRLamp|Auto).
public sealed partial class PtzService
{
    private void SendAuxiliaryCommand(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        var command = request.Body.RequiredText("AuxiliaryData");
        var response = Domain(() => node.SendAuxiliaryCommand(command));
        w.Start(OnvifNamespaces.Ptz, "SendAuxiliaryCommandResponse");
        w.Element(OnvifNamespaces.Ptz, "AuxiliaryResponse", response);
        w.End();
    }
}
