using System.Security.Cryptography;
using System.Text;
using Camlab.Onvif.Security;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests;

/// <summary>WS-Security UsernameToken, HTTP Digest and the access classes of ONVIF core 5.9.</summary>
public class SecurityTests
{
    private const string GetDeviceInformation = "<GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>";
    private readonly TestDevice _device = new();

    private Task<SoapAnswer> Post(string header) =>
        _device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope(GetDeviceInformation, header)));

    [Fact]
    public async Task Pre_auth_operations_need_no_credentials()
    {
        foreach (var body in new[]
                 {
                     "<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>",
                     "<GetServices xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><IncludeCapability>true</IncludeCapability></GetServices>",
                     "<GetCapabilities xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>",
                     "<GetServiceCapabilities xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>",
                 })
            (await _device.CallAsync(body, user: null)).AssertOk();
    }

    [Fact]
    public async Task Pre_auth_operations_ignore_a_token_with_a_skewed_clock()
    {
        var header = _device.Token(TestDevice.Admin, TestDevice.AdminPassword, _device.Time.GetUtcNow().AddHours(-3));
        var answer = await _device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope("<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>", header)));
        answer.AssertOk();
    }

    [Fact]
    public async Task Anonymous_request_gets_401_with_both_digest_challenges()
    {
        var answer = await _device.CallAsync(GetDeviceInformation, user: null);
        Assert.Equal(401, answer.Status);
        Assert.Equal("env:Sender ter:NotAuthorized", answer.FaultCodes);
        Assert.Contains(answer.WwwAuthenticate, c => c.Contains("algorithm=SHA-256") && c.Contains("qop=\"auth\""));
        Assert.Contains(answer.WwwAuthenticate, c => c.Contains("algorithm=MD5"));
    }

    [Fact]
    public async Task Valid_digest_token_is_accepted()
    {
        var answer = await Post(_device.Token(TestDevice.Admin, TestDevice.AdminPassword));
        answer.AssertOk();
        Assert.Equal("CL0000000001", answer.Value("SerialNumber"));
    }

    [Fact]
    public async Task Password_text_token_is_accepted()
    {
        var header = "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\"><wsse:UsernameToken>" +
                     "<wsse:Username>admin</wsse:Username><wsse:Password Type=\"" + UsernameTokenValidator.PasswordTextType + "\">admin-secret</wsse:Password>" +
                     "</wsse:UsernameToken></wsse:Security>";
        (await Post(header)).AssertOk();
    }

    [Fact]
    public async Task Wrong_password_is_NotAuthorized()
    {
        var answer = await Post(_device.Token(TestDevice.Admin, "wrong"));
        Assert.Equal(400, answer.Status);
        Assert.Equal("env:Sender ter:NotAuthorized", answer.FaultCodes);
    }

    [Fact]
    public async Task Unknown_user_is_NotAuthorized()
    {
        var answer = await Post(_device.Token("mallory", "x"));
        Assert.Equal("env:Sender ter:NotAuthorized", answer.FaultCodes);
    }

    [Fact]
    public async Task Replayed_nonce_is_refused()
    {
        var header = _device.Token(TestDevice.Admin, TestDevice.AdminPassword);
        (await Post(header)).AssertOk();
        var replay = await Post(header);
        Assert.Equal("env:Sender ter:NotAuthorized", replay.FaultCodes);
        Assert.Contains("replayed", replay.Text);
    }

    [Fact]
    public async Task Nonce_is_remembered_within_the_freshness_window()
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        (await Post(_device.Token(TestDevice.Admin, TestDevice.AdminPassword, nonce: nonce))).AssertOk();
        _device.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.True((await Post(_device.Token(TestDevice.Admin, TestDevice.AdminPassword, nonce: nonce))).IsFault);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Created_outside_the_skew_window_is_refused(int seconds)
    {
        var answer = await Post(_device.Token(TestDevice.Admin, TestDevice.AdminPassword, _device.Time.GetUtcNow().AddSeconds(seconds)));
        Assert.Equal("env:Sender ter:NotAuthorized", answer.FaultCodes);
        Assert.Contains("outside the accepted window", answer.Text);
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public async Task Created_inside_the_skew_window_is_accepted(int seconds) =>
        (await Post(_device.Token(TestDevice.Admin, TestDevice.AdminPassword, _device.Time.GetUtcNow().AddSeconds(seconds)))).AssertOk();

    [Theory]
    [InlineData(TestDevice.Viewer, "<SetScopes xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><Scopes>onvif://www.onvif.org/location/x</Scopes></SetScopes>")]
    [InlineData(TestDevice.Viewer, "<GetUsers xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>")]
    [InlineData(TestDevice.Operator, "<GetUsers xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>")]
    [InlineData(TestDevice.Operator, "<SystemReboot xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>")]
    [InlineData(TestDevice.Viewer, "<AddPTZConfiguration xmlns=\"http://www.onvif.org/ver10/media/wsdl\"><ProfileToken>Profile_2</ProfileToken><ConfigurationToken>PtzConfig_1</ConfigurationToken></AddPTZConfiguration>")]
    public async Task Wrong_user_level_is_NotAuthorized_and_changes_nothing(string user, string body)
    {
        var answer = await _device.CallAsync(body, user);
        Assert.Equal(400, answer.Status);
        Assert.Equal("env:Sender ter:NotAuthorized", answer.FaultCodes);
        Assert.Equal(0, _device.Reboots);
        Assert.Null(_device.Media.PtzConfigurationOf("Profile_2"));
        Assert.DoesNotContain("onvif://www.onvif.org/location/x", _device.Settings.ConfigurableScopes);
    }

    [Theory]
    [InlineData(TestDevice.Viewer, "<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>")]
    [InlineData(TestDevice.Operator, "<AddPTZConfiguration xmlns=\"http://www.onvif.org/ver10/media/wsdl\"><ProfileToken>Profile_2</ProfileToken><ConfigurationToken>PtzConfig_1</ConfigurationToken></AddPTZConfiguration>")]
    public async Task Allowed_user_level_is_served(string user, string body) => (await _device.CallAsync(body, user)).AssertOk();

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    public async Task Http_digest_is_accepted_with_either_algorithm(string algorithm)
    {
        var challenge = (await _device.CallAsync(GetDeviceInformation, user: null)).WwwAuthenticate.Single(c => c.EndsWith(algorithm));
        var authorization = DigestClient.Authorize(challenge, TestDevice.Admin, TestDevice.AdminPassword, "POST", "/onvif/device_service", 1);
        var answer = await _device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope(GetDeviceInformation)), authorization: authorization);
        answer.AssertOk();
    }

    [Fact]
    public async Task Http_digest_with_wrong_password_or_replayed_count_is_challenged_again()
    {
        var challenge = (await _device.CallAsync(GetDeviceInformation, user: null)).WwwAuthenticate[0];
        var body = Encoding.UTF8.GetBytes(TestDevice.Envelope(GetDeviceInformation));
        var wrong = await _device.PostRawAsync(body, authorization: DigestClient.Authorize(challenge, TestDevice.Admin, "nope", "POST", "/onvif/device_service", 1));
        Assert.Equal(401, wrong.Status);
        var good = DigestClient.Authorize(challenge, TestDevice.Admin, TestDevice.AdminPassword, "POST", "/onvif/device_service", 1);
        (await _device.PostRawAsync(body, authorization: good)).AssertOk();
        Assert.Equal(401, (await _device.PostRawAsync(body, authorization: good)).Status);
        (await _device.PostRawAsync(body, authorization: DigestClient.Authorize(challenge, TestDevice.Admin, TestDevice.AdminPassword, "POST", "/onvif/device_service", 2))).AssertOk();
    }

    [Fact]
    public async Task Expired_digest_nonce_is_answered_stale()
    {
        var challenge = (await _device.CallAsync(GetDeviceInformation, user: null)).WwwAuthenticate[0];
        _device.Time.Advance(TimeSpan.FromMinutes(6));
        var answer = await _device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope(GetDeviceInformation)),
            authorization: DigestClient.Authorize(challenge, TestDevice.Admin, TestDevice.AdminPassword, "POST", "/onvif/device_service", 1));
        Assert.Equal(401, answer.Status);
        Assert.All(answer.WwwAuthenticate, c => Assert.Contains("stale=true", c));
    }

    [Fact]
    public async Task A_digest_nonce_already_used_still_expires()
    {
        // The authenticator skips the nonce's MAC for a nonce it verified before; its age must still count.
        var challenge = (await _device.CallAsync(GetDeviceInformation, user: null)).WwwAuthenticate[0];
        var body = Encoding.UTF8.GetBytes(TestDevice.Envelope(GetDeviceInformation));
        (await _device.PostRawAsync(body, authorization: DigestClient.Authorize(challenge, TestDevice.Admin, TestDevice.AdminPassword, "POST", "/onvif/device_service", 1))).AssertOk();
        _device.Time.Advance(TimeSpan.FromMinutes(6));
        var late = await _device.PostRawAsync(body, authorization: DigestClient.Authorize(challenge, TestDevice.Admin, TestDevice.AdminPassword, "POST", "/onvif/device_service", 2));
        Assert.Equal(401, late.Status);
        Assert.All(late.WwwAuthenticate, c => Assert.Contains("stale=true", c));
    }

    [Fact]
    public async Task Without_authentication_everyone_is_an_administrator()
    {
        var open = new TestDevice(authentication: false);
        (await open.CallAsync("<GetUsers xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>", user: null)).AssertOk();
    }
}

/// <summary>The client side of RFC 7616 for tests (what curl and HttpClient compute).</summary>
public static class DigestClient
{
    public static string Authorize(string challenge, string user, string password, string method, string uri, int count)
    {
        var fields = HttpDigestAuthenticator.ParseFields(challenge.AsSpan("Digest ".Length))!;
        var algorithm = fields["algorithm"];
        Func<string, string> h = algorithm == "MD5"
            ? s => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)))
            : s => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
        var nc = count.ToString("x8");
        const string cnonce = "0a4f113b";
        var ha1 = h($"{user}:{fields["realm"]}:{password}");
        var ha2 = h($"{method}:{uri}");
        var response = h($"{ha1}:{fields["nonce"]}:{nc}:{cnonce}:auth:{ha2}");
        return $"Digest username=\"{user}\", realm=\"{fields["realm"]}\", nonce=\"{fields["nonce"]}\", uri=\"{uri}\", algorithm={algorithm}, " +
               $"qop=auth, nc={nc}, cnonce=\"{cnonce}\", response=\"{response}\", opaque=\"{fields["opaque"]}\"";
    }
}
