using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Camlab.Opf.Json;
using Camlab.Opf.Model;
using Camlab.Opf.Validation;

namespace Camlab.Cli.Commands;

/// <summary>
/// <c>camlab snapshot --opf DIR</c>: fetches one frame of a running camera for photogrammetry — the OPF document
/// (<c>/snapshot/{profile}.opf.json</c>) and the very JPEG it describes (<c>/snapshot/{profile}.jpg?frame=N</c>) —
/// over HTTP Digest, and writes <c>DIR/&lt;time&gt;.jpg</c> and <c>DIR/&lt;time&gt;.opf.json</c> whose
/// <c>CAMLAB_snapshot</c> extension names the JPEG. Exit 0 written, 1 the camera refused or sent an invalid document,
/// 2 bad options or the directory cannot be written.
/// </summary>
public static class SnapshotCommand
{
    public const string Extension = "CAMLAB_snapshot";

    public static Command Create()
    {
        var opf = new Option<string>("--opf") { Description = "Directory to write <time>.jpg and <time>.opf.json into (created if missing)", Required = true };
        var url = new Option<string>("--url") { Description = "Camera base URL: http://HOST:PORT, or http://HOST:PORT/cameras/N (default http://127.0.0.1:8080)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var profile = new Option<string>("--profile") { Description = "Media profile token (default Profile_1)", DefaultValueFactory = _ => Camlab.Device.CameraDefinition.Default.Profiles[0].Token };
        var user = new Option<string?>("--user") { Description = "NAME:PASSWORD for HTTP Digest authentication" };
        var command = new Command("snapshot", "Save one frame of a running camera with its OPF input-cameras description (photogrammetry export).")
        {
            opf, url, profile, user,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            NetworkCredential? credential = null;
            if (parse.GetValue(user) is { } u)
            {
                var colon = u.IndexOf(':');
                if (colon <= 0) { error.WriteLine("camlab snapshot: --user must be NAME:PASSWORD"); return 2; }
                credential = new NetworkCredential(u[..colon], u[(colon + 1)..]);
            }
            if (!Uri.TryCreate(parse.GetValue(url)!.TrimEnd('/') + "/snapshot/", UriKind.Absolute, out var snapshots) || snapshots.Scheme is not ("http" or "https"))
            {
                error.WriteLine($"camlab snapshot: --url {parse.GetValue(url)} is not an http(s) URL");
                return 2;
            }
            try
            {
                return await RunAsync(snapshots, parse.GetValue(profile)!, parse.GetValue(opf)!, credential, output, error, cancel);
            }
            catch (HttpRequestException e)
            {
                error.WriteLine($"camlab snapshot: {snapshots}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(Uri snapshots, string profile, string directory, NetworkCredential? credential,
        TextWriter output, TextWriter error, CancellationToken cancel)
    {
        // SocketsHttpHandler answers the camera's Digest challenge itself.
        using var http = new HttpClient(new SocketsHttpHandler { Credentials = credential, PreAuthenticate = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var documentUri = new Uri(snapshots, Uri.EscapeDataString(profile) + ".opf.json");
        using var response = await http.GetAsync(documentUri, cancel);
        var body = await response.Content.ReadAsByteArrayAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            error.WriteLine($"camlab snapshot: {documentUri}: {(int)response.StatusCode} {response.ReasonPhrase}: {System.Text.Encoding.UTF8.GetString(body).Trim()}");
            return 1;
        }
        OpfValidationResult result;
        try { result = OpfValidator.Validate(body); }
        catch (OpfSyntaxException e)
        {
            error.WriteLine($"camlab snapshot: {documentUri}: not JSON: {e.Message}");
            return 1;
        }
        if (!result.IsValid)
        {
            foreach (var e in result.Errors) error.WriteLine($"camlab snapshot: {documentUri}: {e}");
            return 1;
        }
        var document = result.Document;
        var camera = document.Captures.Single().Cameras.Single();
        if (camera.Extensions?[Extension] is not { } snapshot || !snapshot.TryGetProperty("image", out var image) || image.ValueKind != JsonValueKind.String)
        {
            error.WriteLine($"camlab snapshot: {documentUri}: the camera has no {Extension} extension naming its image");
            return 1;
        }
        var imageUri = new Uri(snapshots, image.GetString());
        var jpeg = await http.GetByteArrayAsync(imageUri, cancel);

        // Named after the frame's UTC time, so a series of snapshots sorts in time order.
        var time = DateTimeOffset.Parse(document.Captures[0].Time.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;
        var stem = time.ToString("yyyyMMdd'T'HHmmss'.'fff'Z'", CultureInfo.InvariantCulture);
        var node = JsonNode.Parse(snapshot.GetRawText())!.AsObject();
        node["image"] = stem + ".jpg";
        var index = camera.Extensions.FindIndex(e => e.Name == Extension);
        camera.Extensions[index] = new Opf.Model.Extension(Extension, JsonSerializer.SerializeToElement(node));

        try
        {
            Directory.CreateDirectory(directory);
            var jpegPath = Path.Combine(directory, stem + ".jpg");
            var opfPath = Path.Combine(directory, stem + ".opf.json");
            await File.WriteAllBytesAsync(jpegPath, jpeg, cancel);
            await File.WriteAllBytesAsync(opfPath, OpfWriter.ToUtf8Bytes(document), cancel);
            output.WriteLine(jpegPath);
            output.WriteLine(opfPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"camlab snapshot: cannot write into {directory}: {e.Message}");
            return 2;
        }
        return 0;
    }
}
