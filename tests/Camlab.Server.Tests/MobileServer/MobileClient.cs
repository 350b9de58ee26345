using System.Security;
using System.Text;
using System.Xml.Linq;
using Camlab.Server.MobileServer;

namespace Camlab.Server.Tests.MobileServer;

/// <summary>
/// Speaks the command channel the way the official web SDK does, in raw XML: Connect with a Diffie-Hellman key,
/// LogIn with AES-encrypted credentials, and CHAP (Challenge + ChalAnswer) on every later command.
/// </summary>
internal sealed class MobileClient(HttpClient http)
{
    private long _sequence;
    private readonly Queue<string> _challenges = new();
    private string? _sharedKey;
    private System.Security.Cryptography.PaddingMode _padding = System.Security.Cryptography.PaddingMode.ISO10126;

    public Guid? ConnectionId { get; set; }
    public string? SharedKey => _sharedKey;

    /// <summary>Sends a command body as the SDK writes it; returns every XML message of the answer (Processing ones first).</summary>
    public async Task<(int Status, IReadOnlyList<XElement> Messages, string Raw)> PostRawAsync(string xml)
    {
        using var content = new StringContent(xml, Encoding.UTF8, "text/xml");
        using var response = await http.PostAsync(MobileServerEndpoint.CommunicationPath, content);
        var raw = await response.Content.ReadAsStringAsync();
        var messages = raw.Split(CommunicationResponse.Separator, StringSplitOptions.RemoveEmptyEntries).Select(x => XDocument.Parse(x).Root!).ToList();
        return ((int)response.StatusCode, messages, raw);
    }

    public static string Request(Guid? connectionId, long sequence, string name, IEnumerable<(string Name, string Value)> parameters) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Communication xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
        + (connectionId is { } id ? $"<ConnectionId>{id}</ConnectionId >" : "")
        + $"<Command SequenceId=\"{sequence}\"><Type>Request</Type><Name>{name}</Name><InputParams>"
        + string.Concat(parameters.Select(p => $"<Param Name=\"{SecurityElement.Escape(p.Name)}\" Value=\"{SecurityElement.Escape(p.Value)}\" />"))
        + "</InputParams></Command></Communication>\r\n\r\n";

    /// <summary>Sends a command (with CHAP once logged in) and returns the final answer.</summary>
    public async Task<Answer> SendAsync(string name, params (string Name, string Value)[] parameters)
    {
        var list = parameters.ToList();
        if (_challenges.Count > 0 && name is not ("LogIn" or "RequestChallenges"))
        {
            var challenge = _challenges.Dequeue();
            list.Add(("Challenge", challenge));
            list.Add(("ChalAnswer", MobileKeyExchange.ChallengeAnswer(challenge, _sharedKey!)));
        }
        var (status, messages, _) = await PostRawAsync(Request(ConnectionId, ++_sequence, name, list));
        Assert.Equal(200, status);
        var answer = new Answer(messages[^1], messages.Count - 1);
        Assert.Equal(_sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Command.Attribute("SequenceId")!.Value);
        Assert.Equal(name, answer.Command.Element("Name")!.Value);
        foreach (var c in answer.All("Challenge")) _challenges.Enqueue(c);
        return answer;
    }

    public async Task<Answer> ConnectAsync(string primeLength = "2048", string padding = "ISO10126", bool processingMessages = false)
    {
        var (publicKey, shared) = MobileKeyExchange.ClientSide(primeLength);
        var answer = await SendAsync("Connect", ("PublicKey", publicKey), ("PrimeLength", primeLength), ("EncryptionPadding", padding),
            ("ProcessingMessage", processingMessages ? "Yes" : "No"));
        if (answer.Ok)
        {
            ConnectionId = Guid.Parse(answer["ConnectionId"]!);
            _sharedKey = shared(answer["PublicKey"]!);
            _padding = padding == "PKCS7" ? System.Security.Cryptography.PaddingMode.PKCS7 : System.Security.Cryptography.PaddingMode.ISO10126;
        }
        return answer;
    }

    public Task<Answer> LogInAsync(string user, string password, int challenges = 20) => SendAsync("LogIn",
        ("Username", MobileKeyExchange.EncryptCredential(_sharedKey!, user, _padding)), ("Password", MobileKeyExchange.EncryptCredential(_sharedKey!, password, _padding)),
        ("LoginType", "Basic"), ("NumChallenges", challenges.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static async Task<MobileClient> LoggedInAsync(HttpClient http, string user = "admin", string password = ServerHarness.AdminPassword)
    {
        var client = new MobileClient(http);
        Assert.True((await client.ConnectAsync()).Ok);
        var login = await client.LogInAsync(user, password);
        Assert.True(login.Ok, login.ToString());
        return client;
    }
}

/// <summary>One answer: its Command element, output parameters, result and error.</summary>
internal sealed record Answer(XElement Communication, int ProcessingMessages)
{
    public XElement Command => Communication.Element("Command")!;
    public bool Ok => Command.Element("Result")!.Value == "OK";
    public int? ErrorCode => Command.Element("ErrorCode") is { } e ? int.Parse(e.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    public string? this[string name] => All(name).FirstOrDefault();
    public IEnumerable<string> All(string name) =>
        Command.Element("OutputParams")?.Elements("Param").Where(p => p.Attribute("Name")!.Value == name).Select(p => p.Attribute("Value")!.Value) ?? [];

    public void AssertError(MobileServerError code) => Assert.True(!Ok && ErrorCode == (int)code, $"expected error {(int)code} ({code}), got {this}");

    public override string ToString() => Communication.ToString();
}
