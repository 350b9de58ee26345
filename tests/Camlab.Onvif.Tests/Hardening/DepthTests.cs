using System.Text;
using Camlab.Onvif.Events;
using Camlab.Onvif.Soap;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests.Hardening;

/// <summary>
/// Every recursive parser reachable from a request bounds its depth: nested filters of any depth and shape
/// end in the filter's own fault with a bounded echo, and the process (its stack) survives to answer the next call.
/// </summary>
public sealed class DepthTests
{
    private const string Item = "//tt:SimpleItem[@Name=\"Source\" and @Value=\"VideoSource_1\"]";

    /// <summary>A generated expression nested <paramref name="depth"/> levels with a random mix of wrappers.</summary>
    private static string Nested(Random random, int depth)
    {
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            var (o, c) = random.Next(4) switch
            {
                0 => ("not(", ")"),
                1 => ("boolean(", ")"),
                2 => ("(", ")"),
                _ => ($"{Item} and (", ")"),
            };
            open.Append(o);
            close.Append(c);
        }
        return open + Item + close;
    }

    private static string Subscribe(string expression) =>
        "<CreatePullPointSubscription xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><Filter>" +
        "<MessageContent xmlns=\"http://docs.oasis-open.org/wsn/b-2\" Dialect=\"" + MessageContentFilter.ItemFilterDialect + "\">" +
        System.Security.SecurityElement.Escape(expression) + "</MessageContent></Filter></CreatePullPointSubscription>";

    [Fact]
    public async Task Message_content_filters_of_any_depth_are_accepted_within_the_limit_and_refused_beyond_it()
    {
        var device = new TestDevice();
        var random = new Random(1);
        int[] depths = [0, 1, 5, MessageContentFilter.MaxNesting, MessageContentFilter.MaxNesting + 1, 100, 5_000, 60_000];
        for (var i = 0; i < 120; i++)
        {
            var depth = i < depths.Length ? depths[i] : random.Next(0, 3) == 0 ? random.Next(17, 80_000) : random.Next(0, 17);
            var expression = Nested(random, depth);
            if (expression.Length > MessageContentFilter.MaxLength) continue; // covered by the length case below
            var answer = await device.CallAsync(Subscribe(expression));
            var nesting = CountNesting(expression);
            var items = CountItems(expression);
            if (nesting <= MessageContentFilter.MaxNesting && items <= MessageContentFilter.MaxItems)
            {
                answer.AssertOk();
                await device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope("<Unsubscribe xmlns=\"http://docs.oasis-open.org/wsn/b-2\"/>",
                    device.Token(TestDevice.Admin, TestDevice.AdminPassword))), new Uri(answer.Value("Address")));
            }
            else
            {
                Assert.Equal("env:Sender ter:InvalidArgVal wsnt:InvalidMessageContentExpressionFault", answer.FaultCodes);
                Assert.True(answer.Value("Text").Length < 400, answer.Value("Text"));
            }
        }
        Assert.Empty(device.Errors);
    }

    [Fact]
    public async Task Huge_expressions_flat_or_deep_are_refused_with_a_bounded_echo()
    {
        var device = new TestDevice();
        var random = new Random(2);
        for (var i = 0; i < 20; i++)
        {
            var expression = random.Next(3) switch
            {
                0 => Nested(random, random.Next(2_000, 3_000)), // under the 256 KiB body limit
                1 => string.Join(" and ", Enumerable.Repeat(Item, random.Next(100, 3000))),
                _ => new string('(', random.Next(5_000, 200_000)) + Item,
            };
            var answer = await device.CallAsync(Subscribe(expression));
            Assert.Equal("env:Sender ter:InvalidArgVal wsnt:InvalidMessageContentExpressionFault", answer.FaultCodes);
            Assert.True(answer.Text.Length < 4096, $"{answer.Text.Length} characters");
        }
        // The endpoint still answers.
        (await device.CallAsync("<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>")).AssertOk();
    }

    [Fact]
    public async Task Topic_expressions_are_bounded_in_length_alternatives_and_segments()
    {
        var device = new TestDevice();
        var random = new Random(3);
        for (var i = 0; i < 40; i++)
        {
            var (alternatives, segments) = (random.Next(1, 200), random.Next(1, 40));
            var path = "tns1:" + string.Join("/", Enumerable.Range(0, segments).Select(s => "T" + s));
            var text = string.Join("|", Enumerable.Repeat(path, alternatives));
            var answer = await device.CallAsync(
                "<CreatePullPointSubscription xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><Filter>" +
                $"<TopicExpression xmlns=\"http://docs.oasis-open.org/wsn/b-2\" xmlns:tns1=\"http://www.onvif.org/ver10/topics\" Dialect=\"{TopicFilter.ConcreteSetDialect}\">{text}</TopicExpression>" +
                "</Filter></CreatePullPointSubscription>");
            var fits = text.Length <= TopicFilter.MaxLength && alternatives <= TopicFilter.MaxAlternatives && segments <= TopicFilter.MaxSegments;
            if (fits)
            {
                answer.AssertOk();
                await device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope("<Unsubscribe xmlns=\"http://docs.oasis-open.org/wsn/b-2\"/>",
                    device.Token(TestDevice.Admin, TestDevice.AdminPassword))), new Uri(answer.Value("Address")));
            }
            else Assert.Equal("env:Sender ter:InvalidArgVal wsnt:InvalidTopicExpressionFault", answer.FaultCodes);
        }
    }

    [Fact]
    public async Task Envelopes_nested_past_the_limit_are_refused_before_they_are_built()
    {
        var device = new TestDevice();
        var random = new Random(4);
        for (var i = 0; i < 30; i++)
        {
            var depth = random.Next(1, 20_000);
            var body = "<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\">" + string.Concat(Enumerable.Repeat("<a>", depth)) +
                       string.Concat(Enumerable.Repeat("</a>", depth)) + "</GetProfiles>";
            var answer = await device.CallAsync(body);
            if (depth + 3 <= SoapLimits.Default.MaxDepth) answer.AssertOk();
            else Assert.Equal("env:Sender ter:InvalidArgs", answer.FaultCodes);
        }
    }

    private static int CountNesting(string expression)
    {
        // Every wrapper opens exactly one '(' outside quoted strings; predicates use [] only.
        int depth = 0, max = 0;
        foreach (var c in expression)
        {
            if (c == '(') max = Math.Max(max, ++depth);
            else if (c == ')') depth--;
        }
        return max;
    }

    private static int CountItems(string expression) =>
        (expression.Length - expression.Replace("//tt:SimpleItem", "").Length) / "//tt:SimpleItem".Length;
}
