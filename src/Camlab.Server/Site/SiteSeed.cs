using Camlab.Device.Ptz;
using Camlab.Device.Ptz.Tours;
using Camlab.Device.State;

namespace Camlab.Server.Site;

/// <summary>
/// The presets and tours a site camera starts with, written into its state store before the camera is built — the
/// same documents SetPreset and ModifyPresetTour write, so the PTZ part loads them as its own (and an AutoStart tour
/// starts). A node whose presets or tours are already stored keeps them: the site seeds a new camera, it does not
/// undo what clients changed. A Hard factory default removes them; the next start seeds them again.
/// </summary>
public static class SiteSeed
{
    public static void Apply(IStateStore store, SiteCamera camera, ZoomLens lens)
    {
        var definition = camera.Camera.Definition is { } document ? Camlab.Device.CameraDefinition.From(document) : Camlab.Device.CameraDefinition.Default;
        foreach (var node in camera.Presets.Select(p => p.Node!).Distinct())
        {
            var presetsDocument = $"ptz/{node}/presets.json";
            if (store.Read(presetsDocument) is not null) continue;
            var presets = camera.Presets.Where(p => p.Node == node).ToList();
            // Presets are stored as mechanical pan, tilt and focal length (PtzNode.Presets); zoom 0..1 spans the
            // focal lengths the node's zoom uses (its head's zoomRange, else the whole lens).
            var zoom = definition.PtzSources.FirstOrDefault(v => v.Ptz!.NodeToken == node)?.Ptz?.Mechanics?.ZoomRange
                ?? new FloatRange(lens.FocalMinMm, lens.FocalMaxMm);
            var entries = presets.Select((p, i) => new PtzPersistence.PresetEntry($"Preset_{i + 1}", p.Name, p.Pan, p.Tilt,
                zoom.Min + p.Zoom * (zoom.Max - zoom.Min))).ToList();
            store.Write(presetsDocument, PtzPersistence.Serialize(new PtzPersistence.PresetDocument(entries)));

            if (store.Read(PresetTourDocument.NameFor(node)) is not null) continue;
            var tours = camera.Tours.Where(t => t.Node == node).Select((t, i) => new PresetTour(
                PresetTourEngine.TokenPrefix + (i + 1), t.Name, t.AutoStart, PresetTourStartingCondition.Default,
                t.Spots.Select(s => TourSpot.AtPreset(entries[presets.FindIndex(p => p.Name == s.Preset)].Token, stayTime: TimeSpan.FromSeconds(s.StaySeconds))).ToList())).ToList();
            if (tours.Count > 0) new PresetTourDocument(tours.Count + 1, tours).Save(store, node);
        }
    }
}
