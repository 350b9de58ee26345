using System.Net;
using System.Text;
using Camlab.Device.State;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Testing;

namespace Camlab.Onvif.Tests.Hardening;

/// <summary>
/// The HTTP schemes a camera offers (Digest SHA-256 and MD5 by default, Basic only when listed and only to loopback
/// unless forced) and the failed-login lockout per address and per user on the camera clock, which never slows
/// another client.
/// </summary>
public sealed class HttpAuthenticationTests
{
    private static readonly IPAddress Loopback = IPAddress.Loopback;
    private static readonly IPAddress Vlc = IPAddress.Parse("192.168.1.50");
    private static readonly IPAddress Nvr = IPAddress.Parse("192.168.1.60");

    private static UserDirectory Users() => new(new InMemoryStateStore(),
        [new UserAccount("admin", "admin-secret", UserLevel.Administrator), new UserAccount("viewer", "viewer-secret", UserLevel.User)]);

    private static HttpAuthenticator Create(FakeTimeProvider time, HttpAuthOptions? options = null) =>
        new(Users(), time, "Camlab", TimeSpan.FromMinutes(5), options ?? new HttpAuthOptions());

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    private static string Digest(HttpAuthenticator http, string user, string password, string uri, int count = 1, int challenge = 0) =>
        DigestClient.Authorize(http.Challenges(false, Nvr)[challenge], user, password, "GET", uri, count);

    [Fact]
    public void By_default_Digest_SHA256_then_MD5_are_offered_and_Basic_is_refused_everywhere()
    {
        var http = Create(new FakeTimeProvider());
        var challenges = http.Challenges(false, Loopback);
        Assert.Equal(2, challenges.Count);
        Assert.EndsWith("algorithm=SHA-256", challenges[0]);
        Assert.EndsWith("algorithm=MD5", challenges[1]);
        Assert.Equal(HttpAuthOutcome.Invalid, http.Authenticate(Basic("admin", "admin-secret"), "GET", "/mjpeg/Profile_1", Loopback).Outcome);
        Assert.Equal(HttpAuthOutcome.Valid, http.Authenticate(Digest(http, "admin", "admin-secret", "/x"), "GET", "/x", Nvr).Outcome);
        Assert.Equal(HttpAuthOutcome.Valid, http.Authenticate(Digest(http, "admin", "admin-secret", "/x", challenge: 1), "GET", "/x", Nvr).Outcome);
    }

    [Fact]
    public void Basic_when_listed_is_for_loopback_only_unless_forced_and_the_scheme_list_is_obeyed()
    {
        var time = new FakeTimeProvider();
        var listed = Create(time, new HttpAuthOptions { Schemes = [HttpAuthOptions.DigestSha256, HttpAuthOptions.Basic] });
        Assert.Equal(HttpAuthOutcome.Valid, listed.Authenticate(Basic("admin", "admin-secret"), "GET", "/", Loopback).Outcome);
        Assert.Equal(HttpAuthOutcome.Valid, listed.Authenticate(Basic("admin", "admin-secret"), "GET", "/", IPAddress.IPv6Loopback).Outcome);
        Assert.Equal(HttpAuthOutcome.Invalid, listed.Authenticate(Basic("admin", "admin-secret"), "GET", "/", Nvr).Outcome);
        Assert.Contains(listed.Challenges(false, Loopback), c => c.StartsWith("Basic ", StringComparison.Ordinal));
        Assert.DoesNotContain(listed.Challenges(false, Nvr), c => c.StartsWith("Basic ", StringComparison.Ordinal));
        Assert.DoesNotContain(listed.Challenges(false, Nvr), c => c.EndsWith("MD5", StringComparison.Ordinal));

        var forced = Create(time, new HttpAuthOptions { Schemes = [HttpAuthOptions.Basic], BasicOverNetwork = true });
        Assert.Equal(HttpAuthOutcome.Valid, forced.Authenticate(Basic("viewer", "viewer-secret"), "GET", "/", Nvr).Outcome);
        Assert.Equal(HttpAuthOutcome.Invalid, forced.Authenticate(Basic("viewer", "wrong"), "GET", "/", Nvr).Outcome);
        Assert.Equal(["Basic realm=\"Camlab\", charset=\"UTF-8\""], forced.Challenges(false, Nvr));

        Assert.Throws<ArgumentException>(() => Create(time, new HttpAuthOptions { Schemes = ["Kerberos"] }));
        Assert.Throws<ArgumentException>(() => Create(time, new HttpAuthOptions { Schemes = [] }));
    }

    [Fact]
    public void A_client_looping_on_Basic_is_locked_out_and_a_neighbour_is_not_slowed()
    {
        var time = new FakeTimeProvider();
        var http = Create(time);
        var lockouts = new List<AuthenticationLockout>();
        http.Throttle.LockedOut += lockouts.Add;
        int unauthorized = 0, tooMany = 0, neighbourOk = 0;
        // 40 s of a client retrying Basic 4,000 times a second (VLC's loop: 161,000 401s in 40 s) beside an NVR
        // polling 10 times a second.
        for (var ms = 0; ms < 40_000; ms++)
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var vlc = http.Authenticate(Basic("viewer", "viewer-secret"), "GET", "/mjpeg/Profile_2", Vlc);
                if (vlc.Outcome == HttpAuthOutcome.Invalid) unauthorized++;
                else if (vlc.Outcome == HttpAuthOutcome.LockedOut) tooMany++;
            }
            if (ms % 100 == 0 && http.Authenticate(Digest(http, "admin", "admin-secret", "/onvif/device_service"), "GET", "/onvif/device_service", Nvr).Outcome == HttpAuthOutcome.Valid)
                neighbourOk++;
            time.Advance(TimeSpan.FromMilliseconds(1));
        }
        Assert.Equal(10, unauthorized); // the address limit, then one lockout that outlasts the 40 s
        Assert.Equal(160_000 - 10, tooMany);
        Assert.Equal(400, neighbourOk);
        var address = Assert.Single(lockouts, l => l.Kind == "address");
        Assert.Equal("192.168.1.50", address.Key);
    }

    [Fact]
    public void A_user_name_guessed_from_many_addresses_is_locked_for_the_lockout_then_free_again()
    {
        var time = new FakeTimeProvider();
        var options = new HttpAuthOptions();
        var http = Create(time, options);
        var lockouts = new List<AuthenticationLockout>();
        http.Throttle.LockedOut += lockouts.Add;
        var random = new Random(12);
        for (var i = 0; i < options.MaxFailuresPerUser; i++)
        {
            var attacker = new IPAddress([10, 0, (byte)(i / 250), (byte)(i % 250 + 1)]);
            Assert.Equal(HttpAuthOutcome.Invalid,
                http.Authenticate(Digest(http, "admin", "guess-" + random.Next(), "/x"), "GET", "/x", attacker).Outcome);
            time.Advance(TimeSpan.FromMilliseconds(500));
        }
        var user = Assert.Single(lockouts);
        Assert.Equal(("user", "admin"), (user.Kind, user.Key));
        // The name is locked from everywhere, even with the right password; other names are not.
        var locked = http.Authenticate(Digest(http, "admin", "admin-secret", "/x"), "GET", "/x", Nvr);
        Assert.Equal(HttpAuthOutcome.LockedOut, locked.Outcome);
        Assert.Equal(options.Lockout - TimeSpan.FromMilliseconds(500), locked.RetryAfter); // locked at the last guess, 500 ms ago
        Assert.Equal(HttpAuthOutcome.Valid, http.Authenticate(Digest(http, "viewer", "viewer-secret", "/x"), "GET", "/x", Nvr).Outcome);
        time.Advance(options.Lockout);
        Assert.Equal(HttpAuthOutcome.Valid, http.Authenticate(Digest(http, "admin", "admin-secret", "/x"), "GET", "/x", Nvr).Outcome);
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_never_lock_and_tracking_stays_bounded()
    {
        var time = new FakeTimeProvider();
        var options = new HttpAuthOptions();
        var http = Create(time, options);
        var lockouts = 0;
        http.Throttle.LockedOut += _ => lockouts++;
        var spacing = options.FailureWindow / (options.MaxFailuresPerAddress - 1) + TimeSpan.FromMilliseconds(10);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(HttpAuthOutcome.Invalid, http.Authenticate(Basic("nobody", "x"), "GET", "/", Vlc).Outcome);
            time.Advance(spacing);
        }
        Assert.Equal(0, lockouts);
        // Many distinct addresses and names: the throttle forgets the stalest rather than grow.
        for (var i = 0; i < AuthenticationThrottle.MaxTracked + 500; i++)
            http.Throttle.Failed(new IPAddress(BitConverter.GetBytes(0x0A000000 + i)), "user" + i);
        Assert.Null(http.Throttle.RetryAfter(Nvr, "admin"));
    }
}
