using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Camlab.Server.Hosting;

/// <summary>
/// The web console (docs/console.md): plain files from <c>wwwroot</c> next to the assembly, <c>/</c> is
/// <c>index.html</c>. Only GET/HEAD of files that exist are answered here; every other request falls through
/// to the routes (HostRoutes), so the console has no path of its own into the camera — it uses ONVIF and the
/// stream API like any client.
/// </summary>
internal static class ConsoleFiles
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static bool Available => File.Exists(Path.Combine(Root, "index.html"));

    public static void UseConsole(this WebApplication app)
    {
        if (!Available) return; // a host built without the console still serves the camera
        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            // The console changes with the server; a stale cached module would talk to a newer camera.
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
