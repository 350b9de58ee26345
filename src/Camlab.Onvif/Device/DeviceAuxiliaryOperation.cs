using Camlab.Device.Ptz;
using Camlab.Onvif.Ptz;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Device;

/// <summary>
/// The device service's SendAuxiliaryCommand (core spec 8.6.x, ACTUATE): the camera's housing functions (wiper,
/// IR lamp), which on this camera are the auxiliaries of the PTZ node that carries them — one state whichever
/// service sets it, persisted by the node, read by the renderer.
/// </summary>
public static class DeviceAuxiliaryOperation
{
    /// <param name="node">The node whose auxiliaries are the camera's (read at request time); null: none.</param>
    public static SoapOperation Create(Func<PtzNode?> node) =>
        new("SendAuxiliaryCommand", AccessClass.Actuate, (request, w) =>
        {
            var command = request.Body.RequiredText("AuxiliaryCommand");
            var target = node() ?? throw OnvifFaults.ActionNotSupported("AuxiliaryDataNotSupported", "the camera has no auxiliary functions");
            string response;
            try { response = target.SendAuxiliaryCommand(command); }
            catch (PtzException e) { throw PtzService.Fault(e); }
            w.Start(OnvifNamespaces.Device, "SendAuxiliaryCommandResponse");
            w.Element(OnvifNamespaces.Device, "AuxiliaryCommandResponse", response);
            w.End();
        });
}
