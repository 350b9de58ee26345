using Camlab.Device.Ptz;
using Camlab.Onvif.Soap;

namespace Camlab.Server.MobileServer;

// ControlPTZ and GetPtzPresets over the PTZ node of the camera's streaming profile: the same node the ONVIF PTZ
// service moves, so GetStatus over ONVIF reports what a mobile client did.
public sealed partial class MobileCommands
{
    /// <summary>One PtzMove step: a quarter of the picture (half of the half-width field of view); zoom a tenth of its range.</summary>
    public const double PanTiltStepFov = 0.5, PanTiltStepGeneric = 0.05, ZoomStep = 0.1;

    private CommunicationResponse ControlPtz(MobileCommandContext context)
    {
        var request = context.Request;
        Require(context, AccessClass.Actuate, "move PTZ");
        var camera = CameraOf(context);
        var node = camera.Ptz ?? throw new MobileServerException(MobileServerError.NotAllowedInThisState, $"camera {camera.Name} has no PTZ");
        try
        {
            if (request.Get("PtzMove") is { } direction) Move(node, direction);
            else if (request.Get("PtzPreset") is { } preset) GotoPreset(node, preset);
            else if (request.Get("Type") is { } type) Gesture(request, node, type);
            else throw new MobileServerException(MobileServerError.MissingInputParameter, "ControlPTZ needs PtzMove, PtzPreset or Type (Swipe, TapAndHold)");
        }
        catch (PtzException e)
        {
            throw new MobileServerException(e.Error is PtzError.NoHomePosition or PtzError.MovingPTZ ? MobileServerError.NotAllowedInThisState : MobileServerError.WrongInputParameter, e.Message);
        }
        return Ok(context);
    }

    private static void Move(PtzNode node, string direction)
    {
        (double x, double y, double zoom) = direction switch
        {
            "Up" => (0, 1, 0),
            "Down" => (0, -1, 0),
            "Left" => (-1, 0, 0),
            "Right" => (1, 0, 0),
            "UpLeft" => (-1, 1, 0),
            "UpRight" => (1, 1, 0),
            "DownLeft" => (-1, -1, 0),
            "DownRight" => (1, -1, 0),
            "ZoomIn" => (0, 0, 1),
            "ZoomOut" => (0, 0, -1),
            "Home" => (double.NaN, 0, 0),
            _ => throw new MobileServerException(MobileServerError.WrongInputParameter,
                $"PtzMove '{direction}' must be Up, Down, Left, Right, UpLeft, UpRight, DownLeft, DownRight, ZoomIn, ZoomOut or Home"),
        };
        if (double.IsNaN(x)) node.GotoHomePosition();
        else if (zoom != 0) node.RelativeMove(new PtzVector(null, new ZoomVector(zoom * ZoomStep, PtzSpaces.ZoomTranslationGeneric)));
        else Translate(node, x * PanTiltStepFov, y * PanTiltStepFov);
    }

    /// <summary>A pan/tilt step in field-of-view units where the node has them (the dome), else in the generic space.</summary>
    private static void Translate(PtzNode node, double fovX, double fovY)
    {
        try { node.RelativeMove(new PtzVector(new PanTiltVector(fovX, fovY, PtzSpaces.PanTiltTranslationFov), null)); }
        catch (PtzException e) when (e.Error == PtzError.SpaceNotSupported)
        {
            var scale = PanTiltStepGeneric / PanTiltStepFov;
            node.RelativeMove(new PtzVector(new PanTiltVector(Math.Clamp(fovX * scale, -1, 1), Math.Clamp(fovY * scale, -1, 1), PtzSpaces.PanTiltTranslationGeneric), null));
        }
    }

    // The web SDK sends the preset's name as its sample lists it; a token is accepted too.
    private static void GotoPreset(PtzNode node, string preset)
    {
        var presets = node.GetPresets();
        var found = presets.FirstOrDefault(p => p.Name == preset) ?? presets.FirstOrDefault(p => p.Token == preset)
            ?? throw new MobileServerException(MobileServerError.WrongInputParameter, $"no PTZ preset named '{preset}'");
        node.GotoPreset(found.Token);
    }

    private static void Gesture(CommunicationRequest request, PtzNode node, string type)
    {
        int x = request.Int("GestureXPercent", -100, 100) ?? 0, y = request.Int("GestureYPercent", -100, 100) ?? 0;
        switch (type)
        {
            case "Swipe":
                // A swipe across the whole picture (100 %) turns by one picture width.
                Translate(node, x / 50.0, y / 50.0);
                break;
            case "TapAndHold":
                var timeout = request.Int("GestureTimeout", 1, 60_000) ?? 2000;
                node.ContinuousMove(new PtzVector(new PanTiltVector(x / 100.0, y / 100.0, PtzSpaces.PanTiltVelocityGeneric), null), TimeSpan.FromMilliseconds(timeout));
                break;
            default:
                throw new MobileServerException(MobileServerError.WrongInputParameter, $"ControlPTZ Type '{type}' must be Swipe or TapAndHold");
        }
    }

    // Each preset is one output parameter: its token names it, its name is the value (the web SDK lists the values).
    private CommunicationResponse GetPtzPresets(MobileCommandContext context)
    {
        Require(context, AccessClass.ReadMedia, "list PTZ presets");
        var camera = CameraOf(context);
        var presets = camera.Ptz?.GetPresets() ?? [];
        if (presets.Count == 0) throw new MobileServerException(MobileServerError.NoPresetsAvailable, $"camera {camera.Name} has no PTZ presets");
        var response = Ok(context);
        foreach (var p in presets) response.Add(p.Token, p.Name);
        return response;
    }
}
