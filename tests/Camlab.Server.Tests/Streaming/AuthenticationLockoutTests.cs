using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// Over HTTP: a client repeating Basic (not offered by default) at the MJPEG URL gets ten 401s with Digest
/// challenges only, then 429 with Retry-After until the lockout ends on the camera clock; the lockout is a
/// Camlab event; other clients keep streaming meanwhile.
/// </summary>
public sealed class AuthenticationLockoutTests
{
    [Fact]
    public async Task Basic_in_a_loop_is_locked_out_on_the_camera_clock_and_announced()
    {
        await using var rig = await StreamingRig.StartAsync();
        var camera = rig.Server.Host.Cameras[0];
        var published = new List<Device.Events.EventMessage>();
        using var subscription = camera.Events.Subscribe(m => { lock (published) published.Add(m); });
        using var vlc = new HttpClient { BaseAddress = rig.BaseUri };
        vlc.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("viewer:" + ServerHarness.ViewerPassword)));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var answer = await vlc.GetAsync("/snapshot/Profile_2.jpg", HttpCompletionOption.ResponseHeadersRead);
            statuses.Add(answer.StatusCode);
            if (answer.StatusCode == HttpStatusCode.Unauthorized)
                Assert.All(answer.Headers.WwwAuthenticate, h => Assert.Equal("Digest", h.Scheme));
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.InRange(answer.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 30)), statuses);
        lock (published) Assert.Contains(published, m => m.Topic == "Camlab/AuthenticationLockout" && m.Source.Any(s => s.Value == "address"));

        // The lockout ends on the camera clock, not the wall clock: then the same machine is served again.
        rig.Time.Advance(TimeSpan.FromSeconds(61));
        using var snapshot = await rig.Pump(rig.Client.GetAsync("/snapshot/Profile_2.jpg"));
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
    }
}
