using System.Xml;
using Camlab.Device.Ptz;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz;

// PTZ 5.4 presets and 5.5 home position.
public sealed partial class PtzService
{
    private void GetPresets(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        w.Start(OnvifNamespaces.Ptz, "GetPresetsResponse");
        foreach (var preset in node.GetPresets())
            PtzXml.WritePreset(w, OnvifNamespaces.Ptz, "Preset", preset.Token, preset.Name, node.PositionInDefaultSpaces(preset.Pose));
        w.End();
    }

    private void SetPreset(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        var token = request.Body.ChildToken("PresetToken");
        // An empty PresetName is treated as absent (some clients always send the element); anything else is kept
        // verbatim, so a blank name is refused rather than silently trimmed.
        var name = request.Body.Child("PresetName")?.Value is { Length: > 0 } given ? given : null;
        var assigned = Domain(() => node.SetPreset(string.IsNullOrEmpty(token) ? null : token, name));
        w.Start(OnvifNamespaces.Ptz, "SetPresetResponse");
        w.Element(OnvifNamespaces.Ptz, "PresetToken", assigned);
        w.End();
    }

    private void RemovePreset(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        var token = request.Body.RequiredToken("PresetToken");
        Domain(() => node.RemovePreset(token));
        Empty(w, "RemovePresetResponse");
    }

    private void GotoPreset(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        var token = request.Body.RequiredToken("PresetToken");
        var speed = request.Body.Child("Speed") is { } s ? PtzXml.ReadVector(s) : (PtzVector?)null;
        Domain(() => node.GotoPreset(token, speed, PtzRamp.Preset, node.Configuration.Token));
        Empty(w, "GotoPresetResponse");
    }

    private void GotoHomePosition(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        var speed = request.Body.Child("Speed") is { } s ? PtzXml.ReadVector(s) : (PtzVector?)null;
        Domain(() => node.GotoHomePosition(speed));
        Empty(w, "GotoHomePositionResponse");
    }

    private void SetHomePosition(SoapRequest request, XmlWriter w)
    {
        var node = NodeOfProfile(request);
        Domain(node.SetHomePosition);
        Empty(w, "SetHomePositionResponse");
    }
}
