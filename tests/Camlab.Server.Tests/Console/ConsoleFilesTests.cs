using System.Net;

namespace Camlab.Server.Tests.Console;

/// <summary>The web console's files at <c>/</c> (docs/console.md), next to the camera's own paths.</summary>
public class ConsoleFilesTests
{
    [Fact]
    public async Task Root_serves_the_console_page()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"js/app.js\"></script>", await response.Content.ReadAsStringAsync());
        Assert.True(server.Host.HasConsole);
    }

    [Theory]
    [InlineData("/js/videochannel.js", "text/javascript")]
    [InlineData("/js/app.js", "text/javascript")]
    [InlineData("/css/console.css", "text/css")]
    public async Task Modules_and_styles_are_served_with_their_types_and_revalidated(string path, string type)
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task Camera_paths_are_untouched_and_unknown_paths_stay_404()
    {
        await using var server = await ServerHarness.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/js/missing.js")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await server.Client.GetAsync("/onvif/device_service")).StatusCode);
        // POST to the page is not a file request: it goes on to the camera router, which has no such service.
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsync("/", new StringContent(""))).StatusCode);
        (await server.CallAsync("<tds:GetDeviceInformation xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"/>")).AssertOk();
    }
}
