using System.Text;
using Camlab.Onvif.Security;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests.Hardening;

/// <summary>
/// A captured UsernameToken cannot be played again in any spelling of its nonce (whitespace, line breaks, tabs,
/// character references, non-canonical padding bits, missing padding): the cache keys on decoded bytes and
/// only the canonical spelling is accepted. Oversize fields are refused before they are decoded or kept.
/// </summary>
public sealed class ReplayTests
{
    private static readonly string[] Blanks = [" ", "\n", "\r\n", "\t", "&#x20;", "&#10;", "&#9;", "  \n\t"];

    /// <summary>Another spelling of the same nonce bytes, generated from <paramref name="random"/>.</summary>
    private static string Respell(string canonical, Random random)
    {
        var text = canonical;
        switch (random.Next(4))
        {
            case 0: // whitespace inside, once or several times
                foreach (var at in Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(1, canonical.Length - 1)).Distinct().OrderDescending())
                    text = text[..at] + Blanks[random.Next(Blanks.Length)] + text[at..];
                break;
            case 1 when text.EndsWith("==", StringComparison.Ordinal): // non-zero padding bits: the last symbol before "==" carries 4 unused bits
            {
                var last = text.TrimEnd('=').Length - 1;
                const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
                var value = Alphabet.IndexOf(text[last]);
                var changed = Alphabet[(value & ~0xF) | random.Next(1, 16)];
                text = text[..last] + changed + text[(last + 1)..];
                break;
            }
            case 1 or 2: // padding dropped
                text = text.TrimEnd('=');
                break;
            default: // padding and blanks
                text = text.TrimEnd('=') + Blanks[random.Next(Blanks.Length)] + "==";
                break;
        }
        return text;
    }

    [Fact]
    public async Task A_captured_administrator_token_is_refused_in_every_other_spelling_of_its_nonce()
    {
        var device = new TestDevice();
        var nonce = new byte[16];
        new Random(3).NextBytes(nonce);
        var token = device.Token(TestDevice.Admin, TestDevice.AdminPassword, nonce: nonce);
        var canonical = Convert.ToBase64String(nonce);
        string CreateUser(int i) =>
            $"<CreateUsers xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><User><Username xmlns=\"http://www.onvif.org/ver10/schema\">u{i}</Username>" +
            $"<Password xmlns=\"http://www.onvif.org/ver10/schema\">pw-{i}-secret</Password><UserLevel xmlns=\"http://www.onvif.org/ver10/schema\">User</UserLevel></User></CreateUsers>";

        var first = await device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope(CreateUser(0), token)));
        first.AssertOk();
        var users = device.Users.All.Count;

        var random = new Random(1717);
        var spellings = new HashSet<string>();
        for (var i = 1; i <= 500; i++)
        {
            var spelled = Respell(canonical, random);
            Assert.NotEqual(canonical, spelled);
            spellings.Add(spelled);
            var replay = token.Replace(">" + canonical + "<", ">" + spelled + "<");
            var answer = await device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope(CreateUser(i), replay)));
            Assert.True(answer.FaultCodes == "env:Sender ter:NotAuthorized", $"spelling '{spelled}': {answer.Status} {answer.Text}");
        }
        Assert.True(spellings.Count > 100, $"only {spellings.Count} distinct spellings were generated");
        Assert.Equal(users, device.Users.All.Count);
        // The canonical spelling itself is a replay too.
        Assert.Equal("env:Sender ter:NotAuthorized", (await device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope(CreateUser(999), token)))).FaultCodes);
    }

    [Fact]
    public void Canonical_base64_accepts_exactly_one_spelling_per_byte_string()
    {
        var random = new Random(8);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(1, 65)];
            random.NextBytes(bytes);
            var canonical = Convert.ToBase64String(bytes);
            Assert.Equal(bytes, CanonicalBase64.Decode(canonical, 64));
            var other = Respell(canonical, random);
            if (other != canonical) Assert.Null(CanonicalBase64.Decode(other, 64));
        }
        Assert.Null(CanonicalBase64.Decode(Convert.ToBase64String(new byte[65]), 64));
    }

    [Fact]
    public void Nonce_cache_keys_on_bytes()
    {
        var time = new Camlab.Testing.FakeTimeProvider();
        var cache = new NonceCache(time, TimeSpan.FromMinutes(10));
        Assert.True(cache.TryAdd([1, 2, 3]));
        Assert.False(cache.TryAdd(new byte[] { 1, 2, 3 }.AsSpan()));
        Assert.True(cache.TryAdd([1, 2, 4]));
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.True(cache.TryAdd([1, 2, 3]));
    }
}

/// <summary>
/// Oversized WS-UsernameToken fields leave nothing behind. The figure is the process's whole GC heap, so the test runs in
/// a collection that runs alone: another test class allocating beside it would be counted as this one's retention.
/// </summary>
[CollectionDefinition(nameof(RetainedMemory), DisableParallelization = true)]
public sealed class RetainedMemory;

[Collection(nameof(RetainedMemory))]
public sealed class OversizeTokenMemoryTests
{
    [Fact]
    public async Task Oversize_token_fields_are_refused_precisely_and_kept_nowhere()
    {
        var device = new TestDevice();
        var random = new Random(180);
        await device.CallAsync("<GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>"); // warm-up
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 500; i++)
        {
            var nonce = new byte[180 * 1024 * 3 / 4];
            random.NextBytes(nonce);
            var answer = await device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope(
                "<GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>",
                device.Token(TestDevice.Admin, TestDevice.AdminPassword, nonce: nonce))));
            Assert.Equal("env:Sender ter:NotAuthorized", answer.FaultCodes);
            // Refused for the nonce's size, or, once the user name failed too often, by the lockout before any decoding.
            Assert.Matches("longer than|too many failed authentications", answer.Value("Text"));
        }
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        // 500 × 180 KB would be ~90 MB if any of it were kept.
        Assert.True(grown < 16 * 1024 * 1024, $"retained memory grew by {grown / 1024} KiB");
    }
}

/// <summary>HTTP Digest: a captured Authorization header is refused in every re-spelling of its nonce and nc.</summary>
public sealed class DigestReplayTests
{
    [Fact]
    public void A_captured_digest_header_is_refused_whatever_the_spelling_of_its_nonce_or_count()
    {
        var time = new Camlab.Testing.FakeTimeProvider();
        var users = new UserDirectory(new Camlab.Device.State.InMemoryStateStore(), [new UserAccount("admin", "pw", Camlab.Onvif.Soap.UserLevel.Administrator)]);
        var digest = new HttpDigestAuthenticator(users, time, "Camlab", TimeSpan.FromMinutes(5));
        var challenge = digest.Challenges()[0];
        var header = DigestClient.Authorize(challenge, "admin", "pw", "GET", "/x", 1);
        Assert.Equal(DigestOutcome.Valid, digest.Validate(header, "GET", "/x", out _));
        Assert.Equal(DigestOutcome.Invalid, digest.Validate(header, "GET", "/x", out _)); // the same count again

        var nonce = HttpDigestAuthenticator.ParseFields(header.AsSpan(7))!["nonce"];
        var random = new Random(31);
        string[] blanks = [" ", "\t", "\r\n", "\n"];
        for (var i = 0; i < 300; i++)
        {
            var replay = random.Next(3) switch
            {
                0 => header.Replace(nonce, nonce.Insert(random.Next(1, nonce.Length - 1), blanks[random.Next(blanks.Length)])),
                1 => header.Replace("nc=00000001", "nc=" + new[] { "1", "01", "000000001", "0x00000001", "+0000001" }[random.Next(5)]),
                _ => header.Replace("nc=00000001", "nc=" + (random.Next(2, 1000)).ToString("x8")), // a higher count, with the old response
            };
            Assert.NotEqual(DigestOutcome.Valid, digest.Validate(replay, "GET", "/x", out var user));
            Assert.Null(user);
        }
        // The legitimate client goes on with its next count.
        Assert.Equal(DigestOutcome.Valid, digest.Validate(DigestClient.Authorize(challenge, "admin", "pw", "GET", "/x", 2), "GET", "/x", out _));
    }
}
