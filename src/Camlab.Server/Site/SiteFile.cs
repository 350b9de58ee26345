using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Camlab.Device;
using Camlab.Device.IO;
using Camlab.Device.Ptz;
using Camlab.Server.Hosting;
using Camlab.Server.Optics;

namespace Camlab.Server.Site;

/// <summary>
/// Reads and checks a site file (docs/site.md): YAML (<c>.yaml</c>, <c>.yml</c>) or JSON, one schema. Every mistake is
/// reported at once with its JSON path — unknown keys, wrong types, values out of range, a camera definition that
/// breaks a rule, each error of an OPF document, a user, a fault instruction, a preset or tour that names what does
/// not exist — and nothing is returned unless there is none. Relative paths (OPF documents, scenes) are relative to
/// the site file's folder.
/// </summary>
public static class SiteFile
{
    public const int MaxBytes = 16 * 1024 * 1024;
    public const int MaxCameras = ServerOptions.MaxCameras;

    private static readonly string[] RootKeys = ["version", "name", "clock", "seed", "defaults", "cameras"];
    private static readonly string[] ClockKeys = ["mode", "start"];
    private static readonly string[] CameraKeys = ["name", "model", "definition", "ptz", "opf", "geolocation", "yaw", "scene", "users", "presets", "tours", "faults"];
    private static readonly string[] PtzKeys = ["node", "panRange", "tiltRange", "zoomRange", "panTiltMaxSpeed", "zoomMaxSpeed"];

    /// <summary>The site in <paramref name="path"/>; a <see cref="SiteFileException"/> lists every mistake.</summary>
    public static SiteDocument Load(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes) throw new SiteFileException(path, [new("$", $"the file is larger than {MaxBytes} bytes")]);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SiteFileException(path, [new("$", "cannot be read: " + e.Message)]);
        }
        if (Camlab.Opf.Json.Utf8Validation.FirstInvalidByte(bytes) is var bad and >= 0)
            throw new SiteFileException(path, [new("$", "not UTF-8: " + Camlab.Opf.Json.Utf8Validation.Describe(bytes, bad))]);
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var yaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        JsonNode? root;
        if (yaml)
        {
            root = SiteYaml.ToJson(text, out var error);
            if (error is not null) throw new SiteFileException(path, [error]);
        }
        else
        {
            try { root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 }); }
            catch (JsonException e) { throw new SiteFileException(path, [new("$", $"not JSON: {e.Message}")]); }
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var errors = new List<SiteError>();
        var site = Read(root, folder, errors);
        if (errors.Count > 0) throw new SiteFileException(path, errors.DistinctBy(e => e.ToString()).ToList());
        return site!;
    }

    private static SiteDocument? Read(JsonNode? root, string folder, List<SiteError> errors)
    {
        if (root is not JsonObject obj)
        {
            errors.Add(new("$", "a site file is an object with 'cameras'"));
            return null;
        }
        UnknownKeys(obj, "$", RootKeys, errors);
        if (obj["version"] is { } version && !(Integer(version, "$.version", errors) is { } v && v is >= 1 and <= SiteDocument.Version))
            errors.Add(new("$.version", $"this Camlab reads version {SiteDocument.Version} site files"));
        var name = obj["name"] is { } n ? Text(n, "$.name", errors) : null;
        var clock = obj["clock"] is { } c ? Clock(c, errors) : null;
        var seed = obj["seed"] is { } s ? Seed(s, errors) : null;
        var defaults = obj["defaults"] switch
        {
            null => new JsonObject(),
            JsonObject d => d,
            _ => null,
        };
        if (defaults is null) errors.Add(new("$.defaults", "must be an object with the keys a camera may have"));
        else
        {
            UnknownKeys(defaults, "$.defaults", CameraKeys, errors);
            if (defaults.ContainsKey("name")) errors.Add(new("$.defaults.name", "a name belongs to one camera"));
        }
        if (obj["cameras"] is not JsonArray cameras || cameras.Count is < 1 or > MaxCameras)
        {
            errors.Add(new("$.cameras", $"must be a list of 1..{MaxCameras} cameras"));
            return null;
        }
        var list = new List<SiteCamera>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cameras.Count; i++)
        {
            var path = $"$.cameras[{i}]";
            if (cameras[i] is not JsonObject camera)
            {
                errors.Add(new(path, "must be an object"));
                continue;
            }
            UnknownKeys(camera, path, CameraKeys, errors);
            // A key the camera leaves out comes from the defaults, and its errors are reported there.
            JsonNode? Value(string key, out string at)
            {
                if (camera.ContainsKey(key)) { at = $"{path}.{key}"; return camera[key]; }
                at = $"$.defaults.{key}";
                return defaults?[key];
            }
            if (camera["name"] is JsonValue nameValue && nameValue.TryGetValue<string>(out var cameraName) && !names.Add(cameraName))
                errors.Add(new($"{path}.name", $"another camera is already named '{cameraName}'"));
            if (ReadCamera(Value, folder, errors) is { } read) list.Add(read);
        }
        return new SiteDocument(name, list) { Clock = clock, Seed = seed };
    }

    private delegate JsonNode? Lookup(string key, out string path);

    private static SiteCamera? ReadCamera(Lookup value, string folder, List<SiteError> errors)
    {
        var before = errors.Count;
        string? name = value("name", out var at) is { } n ? Text(n, at, errors, max: 64) : null;

        // The layout: a model by name (dome, fixed) or a definition written out — one of them; a camera's own wins over
        // the defaults'.
        var modelNode = value("model", out var modelAt);
        var definitionNode = value("definition", out var definitionAt);
        if (modelNode is not null && definitionNode is not null)
        {
            var ownModel = !modelAt.StartsWith("$.defaults", StringComparison.Ordinal);
            var ownDefinition = !definitionAt.StartsWith("$.defaults", StringComparison.Ordinal);
            if (ownModel == ownDefinition)
            {
                errors.Add(new(modelAt, "give a model or a definition, not both"));
                (modelNode, definitionNode) = (null, null);
            }
            else if (ownModel) definitionNode = null;
            else modelNode = null;
        }
        CameraDefinitionDocument? definitionDocument = null;
        var definition = CameraDefinition.Default;
        if (modelNode is not null && Text(modelNode, modelAt, errors) is { } model)
        {
            definitionDocument = SiteModels.Find(model);
            if (definitionDocument is null) errors.Add(new(modelAt, $"'{model}' is not a model ({string.Join(", ", SiteModels.Names)})"));
            else definition = CameraDefinition.From(definitionDocument);
        }
        if (definitionNode is not null)
        {
            at = definitionAt;
            try
            {
                definitionDocument = definitionNode.Deserialize<CameraDefinitionDocument>(CameraDefinition.ConfigurationJson);
                if (definitionDocument is null) errors.Add(new(at, "must be a camera definition object"));
                else definition = CameraDefinition.From(definitionDocument);
            }
            catch (JsonException e) { errors.Add(new(at + (e.Path is { Length: > 1 } jsonPath ? jsonPath[1..] : ""), e.Message)); }
            catch (ArgumentException e) { errors.Add(new(at, e.Message)); }
        }

        string? opf = null;
        var lens = CameraOptics.Default.Lens;
        if (value("opf", out at) is { } o && Text(o, at, errors) is { } opfPath)
        {
            opf = Path.GetFullPath(Path.Combine(folder, opfPath));
            try { lens = CameraOptics.LoadFile(opf).Lens; }
            catch (CameraOpticsException e) { errors.AddRange(e.Errors.Select(x => new SiteError(at, $"{opfPath}: {x}"))); }
        }

        // A head from the defaults describes the domes: a fixed camera has none to apply it to.
        var hasDome = definition.PtzSources.Any(v => v.Kind == VideoSourceKind.Dome);
        if (value("ptz", out at) is { } ptzNode && (hasDome || !at.StartsWith("$.defaults", StringComparison.Ordinal))
            && ReadPtz(ptzNode, at, definition, lens, errors) is ({ } head, var headNode))
        {
            // The head is the dome source's ptz in the definition: the one model of a camera (docs/configuration.md).
            definitionDocument ??= CameraDefinition.DefaultDocument();
            definitionDocument = definitionDocument with
            {
                VideoSources = definitionDocument.VideoSources!.Select(v => v?.Ptz is { } own && own.Node == headNode
                    ? v with
                    {
                        Ptz = own with
                        {
                            PanRange = head.PanRange is { } panRange ? [panRange.Min, panRange.Max] : own.PanRange,
                            TiltRange = head.TiltRange is { } tiltRange ? [tiltRange.Min, tiltRange.Max] : own.TiltRange,
                            ZoomRange = head.ZoomRange is { } zoomRange ? [zoomRange.Min, zoomRange.Max] : own.ZoomRange,
                            PanTiltMaxSpeed = head.PanTiltMaxSpeed ?? own.PanTiltMaxSpeed,
                            ZoomMaxSpeed = head.ZoomMaxSpeed ?? own.ZoomMaxSpeed,
                        },
                    }
                    : v).ToList(),
            };
            try { definition = CameraDefinition.From(definitionDocument); }
            catch (ArgumentException e) { errors.Add(new(at, e.Message)); }
        }

        GeolocationOption? geolocation = null;
        if (value("geolocation", out at) is { } g)
        {
            if (g is not JsonObject geo) errors.Add(new(at, "must be an object with latitude, longitude and altitude"));
            else
            {
                UnknownKeys(geo, at, ["latitude", "longitude", "altitude"], errors);
                var lat = Number(geo["latitude"], at + ".latitude", errors, -90, 90, required: true);
                var lon = Number(geo["longitude"], at + ".longitude", errors, -180, 180, required: true);
                var alt = Number(geo["altitude"], at + ".altitude", errors, -20_000_000, 20_000_000) ?? 0;
                if (lat is { } la && lon is { } lo) geolocation = new GeolocationOption { Latitude = la, Longitude = lo, Altitude = alt };
            }
        }
        var yaw = value("yaw", out at) is { } y ? Number(y, at, errors, -360, 360) ?? 0 : 0;

        string? scene = null;
        if (value("scene", out at) is { } s && Text(s, at, errors) is { } scenePath)
        {
            scene = Path.GetFullPath(Path.Combine(folder, scenePath));
            if (!File.Exists(scene)) errors.Add(new(at, $"{scenePath}: no such file"));
        }

        var users = new List<UserOption>();
        if (value("users", out at) is { } u)
            foreach (var (item, itemPath) in Items(u, at, errors))
            {
                if (item is not JsonObject user) { errors.Add(new(itemPath, "must be an object with name, password and level")); continue; }
                UnknownKeys(user, itemPath, ["name", "password", "level"], errors);
                var option = new UserOption
                {
                    Name = Text(user["name"], itemPath + ".name", errors, required: true) ?? "",
                    Password = Text(user["password"], itemPath + ".password", errors, required: true) ?? "",
                    Level = user["level"] is { } level ? Text(level, itemPath + ".level", errors) ?? "" : "User",
                };
                try { option.ToAccount(); users.Add(option); }
                catch (ConfigurationException e) { errors.Add(new(itemPath, e.Message)); }
            }

        var faults = new List<string>();
        if (value("faults", out at) is { } f)
            foreach (var (item, itemPath) in Items(f, at, errors))
            {
                if (Text(item, itemPath, errors, required: true) is not { } text) continue;
                try
                {
                    Faults.CameraFaults.CheckSyntax(text);
                    faults.Add(text);
                }
                catch (Exception e) when (e is Imaging.FaultInstructionException or IoException) { errors.Add(new(itemPath, e.Message)); }
            }

        var domes = definition.PtzSources.Where(v => v.Kind == VideoSourceKind.Dome).Select(v => v.Ptz!.NodeToken).ToList();
        var presets = new List<SitePreset>();
        if (value("presets", out at) is { } p)
            foreach (var (item, itemPath) in Items(p, at, errors))
            {
                if (item is not JsonObject preset) { errors.Add(new(itemPath, "must be an object with name, pan, tilt and zoom")); continue; }
                UnknownKeys(preset, itemPath, ["name", "node", "pan", "tilt", "zoom"], errors);
                var presetName = Text(preset["name"], itemPath + ".name", errors, required: true, max: 64);
                var node = Node(preset["node"], itemPath + ".node", domes, errors);
                // Within the head's travel: its pan range, its tilt range above the nadir (default -90..20).
                var nodeHead = definition.PtzSources.FirstOrDefault(v => v.Ptz!.NodeToken == node)?.Ptz?.Mechanics;
                var panTravel = nodeHead?.PanRange ?? new FloatRange(-180, 180);
                var tiltTravel = nodeHead?.TiltRange is { } nodeTilt ? new FloatRange(Math.Max(-90, nodeTilt.Min), nodeTilt.Max) : new FloatRange(-90, 20);
                var pan = Number(preset["pan"], itemPath + ".pan", errors, panTravel.Min, panTravel.Max, required: true);
                var tilt = Number(preset["tilt"], itemPath + ".tilt", errors, tiltTravel.Min, tiltTravel.Max, required: true);
                var zoom = Number(preset["zoom"], itemPath + ".zoom", errors, 0, 1) ?? 0;
                if (presetName is null || node is null || pan is null || tilt is null) continue;
                if (presets.Any(x => x.Node == node && x.Name == presetName)) errors.Add(new(itemPath + ".name", $"node {node} already has a preset '{presetName}'"));
                else presets.Add(new SitePreset(presetName, node, pan.Value, tilt.Value, zoom));
            }

        var tours = new List<SiteTour>();
        if (value("tours", out at) is { } t)
            foreach (var (item, itemPath) in Items(t, at, errors))
            {
                if (item is not JsonObject tour) { errors.Add(new(itemPath, "must be an object with name and spots")); continue; }
                UnknownKeys(tour, itemPath, ["name", "node", "autoStart", "spots"], errors);
                var tourName = Text(tour["name"], itemPath + ".name", errors, required: true, max: 64);
                var node = Node(tour["node"], itemPath + ".node", domes, errors);
                var autoStart = tour["autoStart"] is { } a && Bool(a, itemPath + ".autoStart", errors);
                var spots = new List<SiteTourSpot>();
                if (tour["spots"] is not JsonArray { Count: > 0 }) errors.Add(new(itemPath + ".spots", "must be a list of at least one spot"));
                else
                    foreach (var (spotNode, spotPath) in Items(tour["spots"], itemPath + ".spots", errors))
                    {
                        if (spotNode is not JsonObject spot) { errors.Add(new(spotPath, "must be an object with preset and stay")); continue; }
                        UnknownKeys(spot, spotPath, ["preset", "stay"], errors);
                        var preset = Text(spot["preset"], spotPath + ".preset", errors, required: true);
                        var stay = Number(spot["stay"], spotPath + ".stay", errors, 0, 3600) ?? 5;
                        if (preset is null) continue;
                        if (!presets.Any(x => x.Node == node && x.Name == preset))
                            errors.Add(new(spotPath + ".preset", $"node {node} has no preset '{preset}' in this camera's presets"));
                        else spots.Add(new SiteTourSpot(preset, stay));
                    }
                if (tourName is null || node is null) continue;
                if (autoStart && tours.Any(x => x.Node == node && x.AutoStart)) errors.Add(new(itemPath + ".autoStart", $"another tour of node {node} already starts by itself"));
                tours.Add(new SiteTour(tourName, node, autoStart, spots));
            }

        if (errors.Count > before) return null;
        return new SiteCamera
        {
            Name = name,
            Camera = new CameraOptions { Definition = definitionDocument, Opf = opf, Geolocation = geolocation, Yaw = yaw },
            Scene = scene,
            Users = users,
            Presets = presets,
            Tours = tours,
            Faults = faults,
        };
    }

    // A dome's head: ranges and top speeds, each checked with its path, then the rules between them; the node is the
    // one named, else the camera's first dome. A camera without a dome (a fixed camera) has no head to describe.
    private static (DomeMechanics? Head, string? Node) ReadPtz(JsonNode node, string at, CameraDefinition definition, ZoomLens lens, List<SiteError> errors)
    {
        if (node is not JsonObject ptz)
        {
            errors.Add(new(at, $"must be an object with {string.Join(", ", PtzKeys.Skip(1))}"));
            return (null, null);
        }
        var before = errors.Count;
        UnknownKeys(ptz, at, PtzKeys, errors);
        var domes = definition.PtzSources.Where(v => v.Kind == VideoSourceKind.Dome).Select(v => v.Ptz!.NodeToken).ToList();
        string? token = null;
        if (domes.Count == 0) errors.Add(new(at, "this camera has no dome: a fixed camera's only PTZ node is a digital window, without a mechanical head to give ranges and speeds"));
        else token = ptz["node"] is null ? domes[0] : Node(ptz["node"], at + ".node", domes, errors);
        var head = new DomeMechanics(
            Range(ptz["panRange"], at + ".panRange", errors, -180, 180),
            Range(ptz["tiltRange"], at + ".tiltRange", errors, -180, 90),
            Range(ptz["zoomRange"], at + ".zoomRange", errors, lens.FocalMinMm, lens.FocalMaxMm, "mm, the lens of the camera's OPF document"),
            Number(ptz["panTiltMaxSpeed"], at + ".panTiltMaxSpeed", errors, 0.01, DomeMechanics.MaximumSpeed),
            Number(ptz["zoomMaxSpeed"], at + ".zoomMaxSpeed", errors, 0.01, DomeMechanics.MaximumSpeed));
        if (errors.Count > before) return (null, null);
        foreach (var error in head.Errors())
        {
            var colon = error.IndexOf(':', StringComparison.Ordinal);
            errors.Add(new($"{at}.{error[..colon]}", error[(colon + 1)..].Trim()));
        }
        return errors.Count > before ? (null, null) : (head, token);
    }

    // [min, max] with min < max, both within lo..hi.
    private static FloatRange? Range(JsonNode? node, string path, List<SiteError> errors, double lo, double hi, string unit = "")
    {
        if (node is null) return null;
        if (node is not JsonArray { Count: 2 } pair)
        {
            errors.Add(new(path, "must be [min, max]"));
            return null;
        }
        var before = errors.Count;
        var min = Number(pair[0], path + "[0]", errors, lo, hi, required: true);
        var max = Number(pair[1], path + "[1]", errors, lo, hi, required: true);
        if (errors.Count > before)
        {
            if (unit.Length > 0)
                for (var i = before; i < errors.Count; i++) errors[i] = errors[i] with { Message = errors[i].Message + $" ({unit})" };
            return null;
        }
        if (!(min < max))
        {
            errors.Add(new(path, $"min {min!.Value.ToString(CultureInfo.InvariantCulture)} must be less than max {max!.Value.ToString(CultureInfo.InvariantCulture)}"));
            return null;
        }
        return new FloatRange(min!.Value, max!.Value);
    }

    // The dome node a preset or tour belongs to: the one named, else the camera's first.
    private static string? Node(JsonNode? node, string path, List<string> domes, List<SiteError> errors)
    {
        if (domes.Count == 0)
        {
            errors.Add(new(path, "the camera has no dome PTZ node to hold presets or tours"));
            return null;
        }
        if (node is null) return domes[0];
        var token = Text(node, path, errors);
        if (token is not null && !domes.Contains(token)) errors.Add(new(path, $"'{token}' is not a dome PTZ node of this camera ({string.Join(", ", domes)})"));
        return token is not null && domes.Contains(token) ? token : null;
    }

    private static IEnumerable<(JsonNode? Node, string Path)> Items(JsonNode? node, string path, List<SiteError> errors)
    {
        if (node is not JsonArray array)
        {
            errors.Add(new(path, "must be a list"));
            yield break;
        }
        for (var i = 0; i < array.Count; i++) yield return (array[i], $"{path}[{i}]");
    }

    // The host's clock, as the configuration's clock section spells it; its mistakes carry their site file path.
    private static HostClock.ClockOptions? Clock(JsonNode node, List<SiteError> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(new("$.clock", "must be an object with mode (system or manual) and start"));
            return null;
        }
        UnknownKeys(obj, "$.clock", ClockKeys, errors);
        var before = errors.Count;
        var clock = new HostClock.ClockOptions
        {
            Mode = obj["mode"] is { } m ? Text(m, "$.clock.mode", errors, max: 16) ?? "" : HostClock.ClockOptions.System,
            Start = obj["start"] is { } t ? Text(t, "$.clock.start", errors, max: 64) : null,
        };
        if (errors.Count > before) return null;
        foreach (var (key, message) in clock.Problems()) errors.Add(new($"$.clock.{key}", message));
        return errors.Count > before ? null : clock;
    }

    // A 64-bit integer, read exactly (a double would round a large seed).
    private static long? Seed(JsonNode node, List<SiteError> errors)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)) return seed;
        errors.Add(new("$.seed", "must be an integer (64-bit)"));
        return null;
    }

    private static void UnknownKeys(JsonObject obj, string path, string[] known, List<SiteError> errors)
    {
        foreach (var (key, _) in obj)
            if (!known.Contains(key, StringComparer.Ordinal))
                errors.Add(new($"{path}.{key}", $"unknown key (known: {string.Join(", ", known)})"));
    }

    private static string? Text(JsonNode? node, string path, List<SiteError> errors, bool required = false, int max = 4096)
    {
        if (node is null)
        {
            if (required) errors.Add(new(path, "is required"));
            return null;
        }
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            if (text.Length == 0 || text.Length > max) errors.Add(new(path, $"must be 1..{max} characters"));
            else if (text.Any(char.IsControl)) errors.Add(new(path, "must not contain control characters"));
            else return text;
            return null;
        }
        errors.Add(new(path, "must be a string"));
        return null;
    }

    private static double? Number(JsonNode? node, string path, List<SiteError> errors, double min, double max, bool required = false)
    {
        if (node is null)
        {
            if (required) errors.Add(new(path, "is required"));
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && AsDouble(value) is var number && double.IsFinite(number))
        {
            if (number >= min && number <= max) return number;
            errors.Add(new(path, $"{number.ToString(CultureInfo.InvariantCulture)} is not within {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}"));
            return null;
        }
        errors.Add(new(path, "must be a number"));
        return null;
    }

    private static long? Integer(JsonNode node, string path, List<SiteError> errors)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && AsDouble(value) is var d && d == Math.Floor(d) && Math.Abs(d) < 1e15) return (long)d;
        errors.Add(new(path, "must be an integer"));
        return null;
    }

    // A number from JSON text or from YAML (a long or a double): its JSON spelling reads back the same either way.
    private static double AsDouble(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool Bool(JsonNode node, string path, List<SiteError> errors)
    {
        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return node.GetValue<bool>();
        errors.Add(new(path, "must be true or false"));
        return false;
    }
}
