using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using Camlab.Onvif.Soap;
using Camlab.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Camlab.Server.HostClock;

/// <summary>
/// <c>/api/v1/clock</c> (docs/clock.md): <c>GET</c> reports the host clock (mode, now, rate, paused); <c>POST</c> moves
/// a manual clock — <c>{"advance":"PT10S"}</c> (an xs:duration), <c>{"set":"2026-01-01T00:00:00Z"}</c>, <c>{"rate":10}</c>,
/// <c>{"pause":true}</c>, <c>{"resume":true}</c>; several keys in one body are all checked before any applies, then
/// applied in that order (set, advance, rate, pause/resume). A move answers once every timer due on the way has fired
/// (frames rendered, tours stepped, events published). Under the system clock GET reports it and POST answers 409.
/// Reading needs any camera user (READ_SYSTEM), moving needs Administrator (WRITE_SYSTEM, like SetSystemDateAndTime):
/// the host's clock is every camera's, so it is a system setting rather than an actuation. Users are camera 1's.
/// </summary>
internal static class ClockApi
{
    private const int MaxBodyBytes = 4096;

    /// <summary>The longest single move: ten years (a retention test), well inside DateTimeOffset's range.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(3660);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 4,
    };

    /// <summary>The body of POST; every key optional, at least one present.</summary>
    public sealed record MoveRequest(string? Advance, string? Set, double? Rate, bool? Pause, bool? Resume);

    /// <summary>What GET and a successful POST answer.</summary>
    public sealed record ClockState(string Mode, string Now, double Rate, bool Paused);

    public static (AccessClass, string) Access(string method) => HttpMethods.IsGet(method)
        ? (AccessClass.ReadSystem, "reading the clock needs a camera user")
        : (AccessClass.WriteSystem, "moving the clock needs Administrator");

    public static async Task HandleAsync(HttpContext context, ManualClock? clock)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await Answer(context, StatusCodes.Status200OK, State(clock));
            return;
        }
        if (clock is null)
        {
            await Answer(context, StatusCodes.Status409Conflict,
                new { error = "the clock is the system's: it cannot be moved (start camlab serve with --clock manual to hold it)", mode = ClockOptions.System });
            return;
        }

        MoveRequest? request;
        try
        {
            var body = await JsonApiIo.ReadBodyAsync(context.Request, MaxBodyBytes, context.RequestAborted);
            if (body is null)
            {
                await Error(context, $"the body is larger than {MaxBodyBytes} bytes");
                return;
            }
            request = body.Length == 0 ? null : JsonSerializer.Deserialize<MoveRequest>(body, Json);
        }
        catch (JsonException e)
        {
            await Error(context, $"the body is not a clock request ({{\"advance\":\"PT10S\"}}, {{\"set\":\"<instant>\"}}, {{\"rate\":10}}, {{\"pause\":true}}, {{\"resume\":true}}): {e.Message}");
            return;
        }
        if (request is null || (request.Advance, request.Set, request.Rate, request.Pause, request.Resume) is (null, null, null, null, null))
        {
            await Error(context, "the body names no change: give advance, set, rate, pause or resume");
            return;
        }

        // Every key checked before any applies.
        TimeSpan? advance = null;
        DateTimeOffset? set = null;
        if (request.Advance is { } a)
        {
            if (!TryParseDuration(a, out var by)) { await Error(context, $"$.advance: '{a}' is not an ISO 8601 duration such as PT10S or P1DT2H"); return; }
            if (by < TimeSpan.Zero) { await Error(context, $"$.advance: '{a}' is negative; the clock only moves forward"); return; }
            if (by > MaxAdvance) { await Error(context, $"$.advance: '{a}' is longer than {MaxAdvance.TotalDays} days"); return; }
            advance = by;
        }
        if (request.Set is { } s)
        {
            if (!ClockOptions.TryParseInstant(s, out var instant)) { await Error(context, $"$.set: '{s}' is not an ISO 8601 instant with an offset (e.g. 2026-01-01T00:00:00Z)"); return; }
            if (instant < clock.GetUtcNow()) { await Error(context, $"$.set: {instant:O} is before now ({clock.GetUtcNow():O}); the clock only moves forward"); return; }
            if (instant - clock.GetUtcNow() > MaxAdvance) { await Error(context, $"$.set: {instant:O} is more than {MaxAdvance.TotalDays} days ahead"); return; }
            set = instant;
        }
        if (request.Rate is { } rate && !(rate > 0 && rate <= ManualClock.MaxRate))
        {
            await Error(context, $"$.rate: {rate} must be greater than 0 and at most {ManualClock.MaxRate}");
            return;
        }
        if (request.Pause == false || request.Resume == false)
        {
            await Error(context, $"${(request.Pause == false ? ".pause" : ".resume")}: say {{\"pause\":true}} or {{\"resume\":true}}");
            return;
        }
        if (request is { Pause: true, Resume: true })
        {
            await Error(context, "$.pause and $.resume are both true: say one");
            return;
        }

        try
        {
            if (set is { } instant) clock.Set(instant);
            if (advance is { } by) clock.Advance(by);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // Only a set that the running clock overtook between the check and the move.
            await Error(context, "$.set: " + e.Message.Split(" (Parameter", 2)[0] + " (nothing was changed)");
            return;
        }
        if (request.Rate is { } r) clock.SetRate(r);
        if (request.Pause == true) clock.Pause();
        if (request.Resume == true) clock.Resume();
        await Answer(context, StatusCodes.Status200OK, State(clock));
    }

    private static ClockState State(ManualClock? clock) => clock is null
        ? new ClockState(ClockOptions.System, Instant(TimeProvider.System.GetUtcNow()), 1, false)
        : new ClockState(ClockOptions.Manual, Instant(clock.GetUtcNow()), clock.Rate, clock.Paused);

    // Every digit .NET keeps: a test that advanced PT0.04S sees it.
    private static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An xs:duration (ISO 8601: <c>PT10S</c>, <c>PT0.04S</c>, <c>P1DT2H</c>); years and months are refused (their length varies).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var t = text.IndexOf('T', StringComparison.Ordinal);
        var datePart = t < 0 ? text : text[..t];
        if (datePart.Contains('Y') || datePart.Contains('M')) return false;
        try { duration = XmlConvert.ToTimeSpan(text); return true; }
        catch (Exception e) when (e is FormatException or OverflowException) { return false; }
    }

    private static Task Error(HttpContext context, string message) => Answer(context, StatusCodes.Status400BadRequest, new { error = message });

    private static Task Answer(HttpContext context, int status, object body) => JsonApiIo.AnswerAsync(context, status, body, Json);
}
