using System.Diagnostics;
using System.Globalization;
using Camlab.Server.Hosting;
using Camlab.Server.Site;
using Camlab.Testing;
using static Camlab.Server.Tests.HostSoap;

namespace Camlab.Server.Tests;

/// <summary>Site files (docs/site.md): every error with its path, nothing starts on one; <c>site init</c> writes a site that validates and serves.</summary>
public sealed class SiteFileTests : IDisposable
{
    private readonly TempFolder _folder = new("camlab-site-");

    public void Dispose() => _folder.Dispose();

    // Each file in a folder of its own, as a site file's relative references (opf, scene) are read beside it.
    private string Write(string name, string text) => _folder.Write(Path.Combine(Guid.NewGuid().ToString("N"), name), text);

    private const string Broken = """
        version: 1
        defaults:
          yaw: 400
        cameras:
          - name: Gate
            geolocation: { latitude: 91, longitude: 8.5 }
            colour: red
          - name: Yard
            presets:
              - { name: Door, pan: 200, tilt: -10 }
              - { name: Lane, pan: 10, tilt: -10, zoom: 0.5 }
            tours:
              - name: Round
                spots: [ { preset: Nowhere, stay: 5 } ]
            faults: [ "VideoSource_1/Smoke=true" ]
            users: [ { name: bob, password: "", level: User } ]
          - name: Gate
            definition: { videoSources: [ { token: VideoSource_1, width: "wide" } ] }
            opf: missing.json
            scene: missing.jpg
        """;

    [Fact]
    public void Every_error_of_a_site_file_is_listed_with_its_json_path()
    {
        var error = Assert.Throws<SiteFileException>(() => SiteFile.Load(Write("site.yaml", Broken)));
        var paths = error.Errors.Select(e => e.Path).ToList();
        Assert.Contains("$.defaults.yaw", paths);
        Assert.Contains("$.cameras[0].geolocation.latitude", paths);
        Assert.Contains("$.cameras[0].colour", paths);
        Assert.Contains("$.cameras[1].presets[0].pan", paths);
        Assert.Contains("$.cameras[1].tours[0].spots[0].preset", paths);
        Assert.Contains("$.cameras[1].faults[0]", paths);
        Assert.Contains("$.cameras[1].users[0]", paths);
        Assert.Contains("$.cameras[2].name", paths); // a second "Gate"
        Assert.Contains(paths, p => p.StartsWith("$.cameras[2].definition.videoSources[0]", StringComparison.Ordinal));
        Assert.Contains("$.cameras[2].opf", paths);
        Assert.Contains("$.cameras[2].scene", paths);
        // An error of the defaults is reported once, at the defaults.
        Assert.Single(paths, "$.defaults.yaw");
        Assert.DoesNotContain(paths, p => p.EndsWith(".presets[1].zoom", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_and_yaml_spell_the_same_site_and_yaml_aliases_are_refused()
    {
        const string json = """{ "cameras": [ { "name": "A", "yaw": 90, "geolocation": { "latitude": 47.1, "longitude": 8.2, "altitude": 6 }, "presets": [ { "name": "P", "pan": 10, "tilt": -5, "zoom": 0.25 } ] } ] }""";
        const string yaml = "cameras:\n  - name: A\n    yaw: 90\n    geolocation: { latitude: 47.1, longitude: 8.2, altitude: 6 }\n    presets:\n      - { name: P, pan: 10, tilt: -5, zoom: 0.25 }\n";
        var a = SiteFile.Load(Write("site.json", json)).Cameras.Single();
        var b = SiteFile.Load(Write("site.yml", yaml)).Cameras.Single();
        Assert.Equal(a.Camera.Geolocation, b.Camera.Geolocation);
        Assert.Equal(a.Presets, b.Presets);
        Assert.Equal(90, b.Camera.Yaw);

        var bomb = "base: &a [x, x, x]\ncameras:\n  - name: *a\n";
        var refused = Assert.Throws<SiteFileException>(() => SiteFile.Load(Write("site.yaml", bomb)));
        Assert.Contains("aliases", Assert.Single(refused.Errors).Message);
        Assert.Equal("$", Assert.Single(Assert.Throws<SiteFileException>(() => SiteFile.Load(Write("site.json", "{ \"cameras\": [ "))).Errors).Path);
    }

    [Fact]
    public async Task A_site_file_sets_the_hosts_clock_and_seed_over_the_configurations()
    {
        var site = SiteFile.Load(Write("site.yaml", """
            clock: { mode: manual, start: 2026-01-01T06:00:00Z }
            seed: 9007199254740993
            cameras:
              - name: Gate
            """));
        Assert.Equal(new Camlab.Server.HostClock.ClockOptions { Mode = "manual", Start = "2026-01-01T06:00:00Z" }, site.Clock);
        Assert.Equal(9007199254740993, site.Seed); // exact: a double would round it
        var options = new ServerOptions { Seed = 1 }.WithSiteHost(site);
        Assert.Equal(9007199254740993, options.Seed);
        await using var server = await ServerHarness.StartAsync(configure: o => o.WithSiteHost(site));
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T06:00:00Z", CultureInfo.InvariantCulture), server.Host.ManualClock!.GetUtcNow());

        // Without clock or seed, the configuration's stay.
        var plain = SiteFile.Load(Write("site.json", """{ "cameras": [ { "name": "Gate" } ] }"""));
        Assert.Null(plain.Clock);
        Assert.Equal(7, new ServerOptions { Seed = 7 }.WithSiteHost(plain).Seed);
    }

    [Fact]
    public async Task A_wrong_clock_or_seed_in_a_site_file_is_named_by_its_path_and_serve_exits_2()
    {
        var error = Assert.Throws<SiteFileException>(() => SiteFile.Load(Write("site.yaml", """
            clock: { mode: sundial, tick: 1 }
            seed: forty-two
            cameras: [ { name: Gate } ]
            """)));
        Assert.Equal(["$.clock.tick", "$.clock.mode", "$.seed"], error.Errors.Select(e => e.Path));
        Assert.Contains("'sundial' is not 'system' or 'manual'", error.Errors[1].Message);
        Assert.Contains("needs the manual clock", Assert.Throws<SiteFileException>(() => SiteFile.Load(Write("site.json",
            """{ "clock": { "start": "2026-01-01T00:00:00Z" }, "cameras": [ { "name": "Gate" } ] }"""))).Errors.Single(e => e.Path == "$.clock.start").Message);
        Assert.Contains("not an ISO 8601 instant", Assert.Throws<SiteFileException>(() => SiteFile.Load(Write("site.json",
            """{ "clock": { "mode": "manual", "start": "yesterday" }, "cameras": [ { "name": "Gate" } ] }"""))).Errors.Single(e => e.Path == "$.clock.start").Message);
        Assert.Equal("$.clock", Assert.Throws<SiteFileException>(() => SiteFile.Load(Write("site.json",
            """{ "clock": "manual", "cameras": [ { "name": "Gate" } ] }"""))).Errors.Single().Path);

        var data = _folder.Child("data");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "camlab.dll"), "serve", "--http", "127.0.0.1:0", "--data", data, "--site",
                     Write("site.yaml", "clock: { mode: sundial }\ncameras: [ { name: Gate } ]\n") })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("$.clock.mode: 'sundial' is not 'system' or 'manual'", stderr);
    }

    [Fact]
    public async Task Serve_with_a_broken_site_file_prints_every_error_exits_2_and_starts_nothing()
    {
        var data = _folder.Child("data");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "camlab.dll"), "serve", "--http", "127.0.0.1:0", "--data", data, "--site", Write("site.yaml", Broken) })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("$.cameras[0].geolocation.latitude: 91 is not within -90..90", error);
        Assert.Contains("$.cameras[1].tours[0].spots[0].preset", error);
        Assert.DoesNotContain("ready", output);
        Assert.False(Directory.Exists(data)); // nothing was created
    }

    [RequiresSharedFact]
    public async Task A_site_from_site_init_validates_and_serves_each_camera_as_written_and_its_presets_agree_with_GeoMove()
    {
        var site = SiteInit.Create(new SiteInit.Options(Cameras: 6, Latitude: 55.6761, Longitude: 12.5683));
        var yaml = Write("site.yaml", SiteInit.ToYaml(site));
        var json = Write("site.json", SiteInit.ToJson(site));
        var document = SiteFile.Load(yaml);
        Assert.Equal(6, document.Cameras.Count);
        Assert.Equal(document.Cameras.Select(c => c.Presets), SiteFile.Load(json).Cameras.Select(c => c.Presets), new SequenceComparer<SitePreset>());

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await ServerHarness.StartAsync(cameras: 6, time: clock, configure: o => o with { Site = document });
        // Camera 5 is a fixed camera: its one source is the wide sensor, no dome.
        var fixedNodes = (await server.Ok("/cameras/5/onvif/ptz_service", Op("tptz:GetNodes"))).Descendants().Where(e => e.Name.LocalName == "PTZNode").ToList();
        Assert.Single(fixedNodes);
        Assert.Equal(["Dome 001", "Dome 002", "Dome 003", "Dome 004", "Fixed 005", "Dome 006"], server.Host.Cameras.Select(c => c.Identity.Name));

        for (var n = 1; n <= 6; n++)
        {
            var camera = document.Cameras[n - 1];
            var path = n == 1 ? "" : $"/cameras/{n}";
            var location = (await server.Ok(path + "/onvif/device_service", Op("tds:GetGeoLocation"))).Find("GeoLocation");
            Assert.Equal(camera.Camera.Geolocation!.Latitude, location.F("lat"), 4);
            Assert.Equal((float)camera.Camera.Yaw, (await server.Ok(path + "/onvif/device_service", Op("tds:GetGeoLocation"))).Find("LocalOrientation").F("pan"), 3);
            if (camera.Presets.Count == 0) continue;
            var presets = (await server.Ok(path + "/onvif/ptz_service", Op("tptz:GetPresets", P1))).Descendants().Where(e => e.Name.LocalName == "Preset").ToList();
            Assert.Equal(camera.Presets.Select(p => p.Name), presets.Select(p => p.Find("Name").Value));
            Assert.Single((await server.Ok(path + "/onvif/ptz_service", Op("tptz:GetPresetTours", P1))).Descendants().Where(e => e.Name.LocalName == "PresetTour"));
        }

        // The first dome's first preset aims at a neighbour's pole: GeoMove to the foot of that pole lands on the same pan and tilt.
        var first = document.Cameras[0];
        var preset = first.Presets[0];
        var neighbour = document.Cameras[int.Parse(preset.Name["Pole ".Length..], CultureInfo.InvariantCulture) - 1].Camera.Geolocation!;
        await server.Ok("/onvif/ptz_service", Op("tptz:GeoMove", P1 + string.Create(CultureInfo.InvariantCulture,
            $"<tptz:Target lat=\"{neighbour.Latitude:R}\" lon=\"{neighbour.Longitude:R}\" elevation=\"0\"/>")));
        clock.Advance(TimeSpan.FromSeconds(30));
        var pose = server.Host.Cameras[0].Ptz.Device.FindNode("PtzNode_1")!.CurrentPose;
        Assert.Equal(preset.Pan, pose.Pan, 0.5);
        Assert.Equal(preset.Tilt, pose.Tilt, 0.5);
    }

    private sealed class SequenceComparer<T> : IEqualityComparer<IReadOnlyList<T>>
    {
        public bool Equals(IReadOnlyList<T>? x, IReadOnlyList<T>? y) => x!.SequenceEqual(y!);

        public int GetHashCode(IReadOnlyList<T> obj) => obj.Count;
    }
}
