using System.Xml;
using System.Xml.Linq;
using Camlab.Device.IO;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.DeviceIO;

/// <summary>
/// The ONVIF DeviceIO service (tmd, ver10/deviceIO): video sources, relay outputs (settings, options, state) and
/// digital inputs over <see cref="CameraIo"/>. GetRelayOutputs and SetRelayOutputState are the device
/// management elements (tds:) that the DeviceIO WSDL reuses; SetRelayOutputSettings exists in both namespaces.
/// Access classes as core spec 5.9.4 gives the device management equivalents.
/// </summary>
public sealed class DeviceIoService : IOnvifService
{
    public const string Ns = "http://www.onvif.org/ver10/deviceIO/wsdl";

    private readonly CameraIo _io;
    private readonly Func<IReadOnlyList<string>> _videoSources;

    public DeviceIoService(CameraIo io, Func<IReadOnlyList<string>> videoSources)
    {
        _io = io;
        _videoSources = videoSources;
        Operations =
        [
            new("GetServiceCapabilities", AccessClass.PreAuth, (_, w) => { w.Start(Ns, "GetServiceCapabilitiesResponse"); WriteCapabilities(w); w.End(); }),
            new("GetVideoSources", AccessClass.ReadMedia, GetVideoSources),
            new("GetRelayOutputs", AccessClass.ReadMedia, GetRelayOutputs) { Namespace = OnvifNamespaces.Device },
            new("GetRelayOutputOptions", AccessClass.ReadMedia, GetRelayOutputOptions),
            new("SetRelayOutputSettings", AccessClass.Actuate, SetRelayOutputSettings),
            new("SetRelayOutputSettings", AccessClass.Actuate, SetDeviceRelayOutputSettings) { Namespace = OnvifNamespaces.Device },
            new("SetRelayOutputState", AccessClass.Actuate, SetRelayOutputState) { Namespace = OnvifNamespaces.Device },
            new("GetDigitalInputs", AccessClass.ReadMedia, GetDigitalInputs),
        ];
    }

    public string Namespace => Ns;

    public string PathSegment => "deviceio_service";

    public (int Major, int Minor) Version => (23, 6);

    public IReadOnlyList<SoapOperation> Operations { get; }

    public int VideoSourceCount => _videoSources().Count;

    public int RelayOutputCount => _io.RelayTokens.Count;

    public int DigitalInputCount => _io.InputTokens.Count;

    public void WriteCapabilities(XmlWriter w)
    {
        w.Start(Ns, "Capabilities");
        w.Attr("VideoSources", OnvifXml.Int(VideoSourceCount));
        w.Attr("VideoOutputs", "0");
        w.Attr("AudioSources", "0");
        w.Attr("AudioOutputs", "0");
        w.Attr("RelayOutputs", OnvifXml.Int(RelayOutputCount));
        w.Attr("SerialPorts", "0");
        w.Attr("DigitalInputs", OnvifXml.Int(DigitalInputCount));
        w.Attr("DigitalInputOptions", "false");
        w.End();
    }

    private void GetVideoSources(SoapRequest request, XmlWriter w)
    {
        w.Start(Ns, "GetVideoSourcesResponse");
        foreach (var token in _videoSources()) w.Element(Ns, "Token", token);
        w.End();
    }

    private void GetRelayOutputs(SoapRequest request, XmlWriter w)
    {
        w.Start(OnvifNamespaces.Device, "GetRelayOutputsResponse");
        foreach (var relay in _io.Relays)
        {
            w.Start(OnvifNamespaces.Device, "RelayOutputs");
            w.Attr("token", relay.Token);
            w.Start(OnvifNamespaces.Schema, "Properties");
            WriteSettings(w, relay.Settings);
            w.End();
            w.End();
        }
        w.End();
    }

    private static void WriteSettings(XmlWriter w, RelaySettings settings)
    {
        w.Tt("Mode", settings.Mode.ToString());
        w.Tt("DelayTime", OnvifXml.Duration(settings.DelayTime));
        w.Tt("IdleState", settings.IdleState == IdleState.Closed ? "closed" : "open");
    }

    private void GetRelayOutputOptions(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.ChildText("RelayOutputToken");
        if (token is not null && !_io.RelayTokens.Contains(token)) throw OnvifFaults.InvalidArgVal("RelayToken", $"there is no relay output '{token}'");
        w.Start(Ns, "GetRelayOutputOptionsResponse");
        foreach (var relay in _io.RelayTokens.Where(t => token is null || t == token))
        {
            w.Start(Ns, "RelayOutputOptions");
            w.Attr("token", relay);
            w.Element(Ns, "Mode", "Monostable");
            w.Element(Ns, "Mode", "Bistable");
            // Any delay from 1 ms to the maximum: a continuous range, not a list of discrete values.
            w.Element(Ns, "DelayTimes", "0.001 " + OnvifXml.Float(CameraIo.MaxDelayTime.TotalSeconds));
            w.Element(Ns, "Discrete", "false");
            w.End();
        }
        w.End();
    }

    private void SetRelayOutputSettings(SoapRequest request, XmlWriter w)
    {
        var relay = request.Body.RequiredChild("RelayOutput");
        var token = relay.Attr("token") ?? throw OnvifFaults.InvalidArgs("RelayOutput needs a token");
        Apply(token, relay.RequiredChild("Properties"));
        w.WriteElementString("SetRelayOutputSettingsResponse", Ns, "");
    }

    private void SetDeviceRelayOutputSettings(SoapRequest request, XmlWriter w)
    {
        Apply(request.Body.RequiredToken("RelayOutputToken"), request.Body.RequiredChild("Properties"));
        w.WriteElementString("SetRelayOutputSettingsResponse", OnvifNamespaces.Device, "");
    }

    private void Apply(string token, XElement properties)
    {
        var modeText = properties.RequiredText("Mode");
        var mode = modeText switch
        {
            "Monostable" => RelayMode.Monostable,
            "Bistable" => RelayMode.Bistable,
            _ => throw OnvifFaults.InvalidArgVal("ModeError", $"relay mode '{modeText}' is not Monostable or Bistable"),
        };
        var delay = properties.ChildDuration("DelayTime") ?? throw OnvifFaults.InvalidArgVal("DelayTimeError", "DelayTime is required");
        var idleText = properties.RequiredText("IdleState");
        var idle = idleText switch
        {
            "closed" => IdleState.Closed,
            "open" => IdleState.Open,
            _ => throw OnvifFaults.InvalidArgVal("IdleStateError", $"idle state '{idleText}' is not closed or open"),
        };
        Run(() => _io.SetRelaySettings(token, new RelaySettings(mode, delay, idle)));
    }

    private void SetRelayOutputState(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("RelayOutputToken");
        var state = request.Body.RequiredText("LogicalState") switch
        {
            "active" => true,
            "inactive" => false,
            var s => throw OnvifFaults.InvalidArgs($"LogicalState '{s}' is not active or inactive"),
        };
        Run(() => _io.SetRelayState(token, state));
        w.WriteElementString("SetRelayOutputStateResponse", OnvifNamespaces.Device, "");
    }

    private void GetDigitalInputs(SoapRequest request, XmlWriter w)
    {
        w.Start(Ns, "GetDigitalInputsResponse");
        foreach (var input in _io.Inputs)
        {
            w.Start(Ns, "DigitalInputs");
            w.Attr("token", input.Token);
            w.Attr("IdleState", input.IdleState == IdleState.Closed ? "closed" : "open");
            w.End();
        }
        w.End();
    }

    private static void Run(Action action)
    {
        try { action(); }
        catch (IoException e)
        {
            throw e.Error switch
            {
                IoError.UnknownRelay => OnvifFaults.InvalidArgVal("RelayToken", e.Message),
                IoError.DelayTime => OnvifFaults.InvalidArgVal("DelayTimeError", e.Message),
                _ => OnvifFaults.InvalidArgs(e.Message),
            };
        }
    }
}
