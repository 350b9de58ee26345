using System.Xml;
using Camlab.Device.Imaging;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Imaging;

// Imaging 5.3: Move, GetMoveOptions, Stop, GetStatus.
public sealed partial class ImagingService
{
    private void Move(SoapRequest request, XmlWriter response)
    {
        var source = Source(request);
        var focus = request.Body.RequiredChild("Focus");
        var move = new FocusMove(
            focus.Child("Absolute") is { } a
                ? new AbsoluteFocus(a.ChildFloat("Position") ?? throw OnvifFaults.InvalidArgs("Focus/Absolute/Position is required"), a.ChildFloat("Speed"))
                : null,
            focus.Child("Relative") is { } r
                ? new RelativeFocus(r.ChildFloat("Distance") ?? throw OnvifFaults.InvalidArgs("Focus/Relative/Distance is required"), r.ChildFloat("Speed"))
                : null,
            focus.Child("Continuous") is { } c
                // 5.3.1: the speed is required for continuous moves.
                ? new ContinuousFocus(c.ChildFloat("Speed") ?? throw OnvifFaults.InvalidArgs("Focus/Continuous/Speed is required"))
                : null);
        ImagingFaults.Guard(() => source.Move(move));
        Empty(response, "MoveResponse");
    }

    private void GetMoveOptions(SoapRequest request, XmlWriter response)
    {
        var options = Source(request).MoveOptions;
        response.WriteStartElement("timg", "GetMoveOptionsResponse", OnvifNamespaces.Imaging);
        // 5.3.2: empty when focus move is not supported at all.
        ImagingXmlWriter.WriteMoveOptions(response, options);
        response.WriteEndElement();
    }

    private void Stop(SoapRequest request, XmlWriter response)
    {
        var source = Source(request);
        ImagingFaults.Guard(source.Stop);
        Empty(response, "StopResponse");
    }

    private void GetStatus(SoapRequest request, XmlWriter response)
    {
        var status = Source(request).FocusStatus;
        response.WriteStartElement("timg", "GetStatusResponse", OnvifNamespaces.Imaging);
        ImagingXmlWriter.WriteStatus(response, status);
        response.WriteEndElement();
    }
}
